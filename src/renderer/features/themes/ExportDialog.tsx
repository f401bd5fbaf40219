/**
 * The export dialog: which export, its scope (media, coders or the consensus layer, themes or
 * codes, a time range), agreement settings, the BOM option. The service computes the CSV text;
 * the main file is saved at once (a download) and side files are offered beside it.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { sideFilePath } from '../../../shared/csv/sideFile';
import type { CsvFile } from '../../../shared/csv/safe';
import { codePath } from '../../../shared/domain';
import type { ProjectInfo } from '../../../shared/contract';
import { useApp } from '../../store';
import { selectThemes } from '../../store/selectors';
import { Dialog } from '../../components/Dialog';
import { downloadText, fileBase } from './download';
import { exportRequestOf, INITIAL_EXPORT_FORM, toggle, type ExportForm, type ExportRequest } from './exportForm';

const KINDS: { id: ExportRequest['kind']; label: string; note: string }[] = [
  { id: 'thematic', label: 'Thematic summary', note: 'one row per theme × code: counts, coded time, per-coder counts, contradictions, examples' },
  { id: 'segments', label: 'Segments', note: 'one row per segment × code, for R / pandas; re-importable' },
  { id: 'contradictions', label: 'Contradictions', note: 'one row per coded contradiction, plus an element × element matrix file' },
  { id: 'agreement', label: 'Agreement', note: 'per-code and pairwise agreement, plus a settings file and the reconcile decision log' },
];

type Done = { files: (CsvFile & { fileName: string })[]; rows: number };
/** Part of the form a fieldset shows, and how it changes it. */
type FormProps = { form: ExportForm; change: (patch: Partial<ExportForm>) => void };

export function ExportDialog() {
  const project = useApp((s) => s.project)!;
  const close = () => useApp.getState().setExportOpen(false);
  const runExport = useApp((s) => s.runExport);
  const [form, setForm] = useState<ExportForm>(INITIAL_EXPORT_FORM);
  const change = (patch: Partial<ExportForm>) => setForm((f) => ({ ...f, ...patch }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const asked = exportRequestOf(form);
    if ('error' in asked) return setError(asked.error);
    setBusy(true);
    try {
      setDone(await exportAndDownload(asked.request, project.name, runExport));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog className="th-export" labelledBy="th-export-title" onClose={close} onSubmit={(e) => void submit(e)}>
        <h2 id="th-export-title">Export CSV</h2>
        <KindFieldset form={form} change={(patch) => { change(patch); setDone(null); }} />
        <ScopeFieldset form={form} change={change} project={project} />
        {form.kind === 'agreement' && <AgreementFieldset form={form} change={change} />}
        <label className="th-bom"><input type="checkbox" checked={form.bom} onChange={(e) => change({ bom: e.target.checked })} /> Start with a byte order mark (Excel then opens accents correctly)</label>
        {error && <p className="error" role="alert">{error}</p>}
        {done && <DoneFiles done={done} />}
        <div className="row">
          <span className="spacer" />
          <button type="button" onClick={close}>Close</button>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Exporting…' : 'Export'}</button>
        </div>
    </Dialog>
  );
}

/** Runs the export, names its files after the study and downloads the main one at once. */
async function exportAndDownload(req: ExportRequest, studyName: string, runExport: (req: ExportRequest) => Promise<{ files: CsvFile[]; rows: number }>): Promise<Done> {
  const r = await runExport(req);
  const base = `${fileBase(studyName)}-${req.kind}.csv`;
  const files = r.files.map((f) => ({ ...f, fileName: sideFilePath(base, f.suffix) }));
  downloadText(files[0]!.fileName, files[0]!.text);
  return { files, rows: r.rows };
}

function KindFieldset({ form, change }: FormProps) {
  return (
    <fieldset>
      <legend>Export</legend>
      {KINDS.map((k) => (
        <label key={k.id} className="th-radio">
          <input type="radio" name="kind" value={k.id} checked={form.kind === k.id} onChange={() => change({ kind: k.id })} />
          <span><strong>{k.label}</strong> <span className="muted">{k.note}</span></span>
        </label>
      ))}
    </fieldset>
  );
}

function ScopeFieldset({ form, change, project }: FormProps & { project: ProjectInfo }) {
  const themes = useApp(selectThemes);
  const codeOptions = useMemo(() => {
    const byId = new Map(project.codes.map((c) => [c.id, c]));
    return project.codes.map((c) => ({ id: c.id, path: codePath(c, byId) })).sort((a, b) => a.path.localeCompare(b.path));
  }, [project.codes]);
  const hasConsensus = project.coders.some((c) => c.isConsensus);
  return (
    <fieldset>
      <legend>Scope <span className="muted">(nothing ticked = everything)</span></legend>
      {project.media.length > 1 && (
        <Checks label="Media" items={project.media} chosen={form.media} choose={(media) => change({ media })} />
      )}
      <Checks label="Coders" items={project.coders} chosen={form.coders} choose={(coders) => change({ coders })} disabled={form.consensusOnly}>
        {hasConsensus && <label><input type="checkbox" checked={form.consensusOnly} onChange={(e) => change({ consensusOnly: e.target.checked })} /> consensus only</label>}
      </Checks>
      {themes.length > 0 && <Checks label="Themes" items={themes} chosen={form.themeIds} choose={(themeIds) => change({ themeIds })} />}
      <label className="th-field">
        Codes
        <select multiple size={4} aria-label="Codes" value={form.codeIds} onChange={(e) => change({ codeIds: [...e.target.selectedOptions].map((o) => o.value) })}>
          {codeOptions.map((c) => <option key={c.id} value={c.id}>{c.path}</option>)}
        </select>
      </label>
      <div className="row">
        <label className="th-field">From <input aria-label="From" placeholder="0:00:00" value={form.from} onChange={(e) => change({ from: e.target.value })} size={10} /></label>
        <label className="th-field">To <input aria-label="To" placeholder="end" value={form.to} onChange={(e) => change({ to: e.target.value })} size={10} /></label>
      </div>
    </fieldset>
  );
}

/** A row of checkboxes over named items; what is ticked is `chosen`. */
function Checks(props: { label: string; items: { id: string; name: string }[]; chosen: string[]; choose: (ids: string[]) => void; disabled?: boolean; children?: ReactNode }) {
  const { label, items, chosen, choose, disabled } = props;
  return (
    <div className="th-checks" role="group" aria-label={label}>
      <span>{label}</span>
      {items.map((x) => (
        <label key={x.id}><input type="checkbox" disabled={disabled} checked={chosen.includes(x.id)} onChange={() => choose(toggle(chosen, x.id))} /> {x.name}</label>
      ))}
      {props.children}
    </div>
  );
}

function AgreementFieldset({ form, change }: FormProps) {
  return (
    <fieldset>
      <legend>Agreement</legend>
      <div className="row">
        <label className="th-field">Slice (s) <input aria-label="Slice length in seconds" value={form.unit} disabled={form.exact} onChange={(e) => change({ unit: e.target.value })} size={5} /></label>
        <label><input type="checkbox" checked={form.exact} onChange={(e) => change({ exact: e.target.checked })} /> exact (continuous time)</label>
        <label><input type="checkbox" checked={form.excludeUncoded} onChange={(e) => change({ excludeUncoded: e.target.checked })} /> leave out uncoded time</label>
      </div>
    </fieldset>
  );
}

function DoneFiles({ done }: { done: Done }) {
  return (
    <div className="th-done" role="status">
      <p>Exported {done.rows} row{done.rows === 1 ? '' : 's'}.</p>
      <ul>
        {done.files.map((f) => (
          <li key={f.suffix}>
            <button type="button" onClick={() => downloadText(f.fileName, f.text)}>Download</button> {f.fileName}
            {f.suffix === '' && <span className="muted"> (downloaded)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
