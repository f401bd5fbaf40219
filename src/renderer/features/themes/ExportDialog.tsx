/**
 * The export dialog: which export, its scope (media, coders or the consensus layer, themes or
 * codes, a time range), agreement settings, the BOM option. The service computes the CSV text;
 * the main file is saved at once (a download) and side files are offered beside it.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { sideFilePath } from '../../../shared/csv/sideFile';
import type { ExportFilters } from '../../../shared/csv/scope';
import type { CsvFile } from '../../../shared/csv/safe';
import { codePath } from '../../../shared/domain';
import { parseTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { Dialog } from '../../components/Dialog';
import { downloadText, fileBase } from './download';
import type { ExportRequest } from './slice';
import { selectThemes } from '../../store/selectors';

const KINDS: { id: ExportRequest['kind']; label: string; note: string }[] = [
  { id: 'thematic', label: 'Thematic summary', note: 'one row per theme × code: counts, coded time, per-coder counts, contradictions, examples' },
  { id: 'segments', label: 'Segments', note: 'one row per segment × code, for R / pandas; re-importable' },
  { id: 'contradictions', label: 'Contradictions', note: 'one row per coded contradiction, plus an element × element matrix file' },
  { id: 'agreement', label: 'Agreement', note: 'per-code and pairwise agreement, plus a settings file and the reconcile decision log' },
];

function toggle(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

export function ExportDialog() {
  const project = useApp((s) => s.project)!;
  const themes = useApp(selectThemes);
  const close = () => useApp.getState().setExportOpen(false);
  const runExport = useApp((s) => s.runExport);
  const [kind, setKind] = useState<ExportRequest['kind']>('thematic');
  const [media, setMedia] = useState<string[]>([]);
  const [coders, setCoders] = useState<string[]>([]);
  const [consensusOnly, setConsensusOnly] = useState(false);
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [codeIds, setCodeIds] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [bom, setBom] = useState(false);
  const [unit, setUnit] = useState('1');
  const [exact, setExact] = useState(false);
  const [excludeUncoded, setExcludeUncoded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ files: (CsvFile & { fileName: string })[]; rows: number } | null>(null);

  const codeOptions = useMemo(() => {
    const byId = new Map(project.codes.map((c) => [c.id, c]));
    return project.codes.map((c) => ({ id: c.id, path: codePath(c, byId) })).sort((a, b) => a.path.localeCompare(b.path));
  }, [project.codes]);
  const hasConsensus = project.coders.some((c) => c.isConsensus);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const fromMs = from.trim() ? parseTimecode(from) : null;
    const toMs = to.trim() ? parseTimecode(to) : null;
    if ((from.trim() && (fromMs === null || fromMs < 0)) || (to.trim() && (toMs === null || toMs < 0))) {
      return setError('From and to are times: seconds (62.5) or h:mm:ss.mmm');
    }
    if (fromMs !== null && toMs !== null && toMs <= fromMs) return setError('"To" must be after "from"');
    const filters: ExportFilters = {};
    if (media.length) filters.mediaIds = media;
    if (coders.length) filters.coderIds = coders;
    if (consensusOnly) filters.consensusOnly = true;
    if (themeIds.length) filters.themeIds = themeIds;
    if (codeIds.length) filters.codeIds = codeIds;
    if (fromMs !== null) filters.fromMs = fromMs;
    if (toMs !== null) filters.toMs = toMs;
    const req: ExportRequest = { kind, filters, bom };
    if (kind === 'agreement') {
      if (exact) req.exact = true;
      else {
        const u = Number(unit);
        if (!(u > 0) || !Number.isInteger(Math.round(u * 1e6) / 1e3)) return setError('The slice length is a positive number of seconds (at most 3 decimals)');
        req.unitMs = Math.round(u * 1000);
      }
      if (excludeUncoded) req.excludeUncoded = true;
    }
    setBusy(true);
    try {
      const r = await runExport(req);
      const base = `${fileBase(project.name)}-${kind}.csv`;
      const files = r.files.map((f) => ({ ...f, fileName: sideFilePath(base, f.suffix) }));
      setDone({ files, rows: r.rows });
      downloadText(files[0]!.fileName, files[0]!.text);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog className="th-export" labelledBy="th-export-title" onClose={close} onSubmit={(e) => void submit(e)}>
        <h2 id="th-export-title">Export CSV</h2>
        <fieldset>
          <legend>Export</legend>
          {KINDS.map((k) => (
            <label key={k.id} className="th-radio">
              <input type="radio" name="kind" value={k.id} checked={kind === k.id} onChange={() => { setKind(k.id); setDone(null); }} />
              <span><strong>{k.label}</strong> <span className="muted">{k.note}</span></span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Scope <span className="muted">(nothing ticked = everything)</span></legend>
          {project.media.length > 1 && (
            <div className="th-checks" role="group" aria-label="Media">
              <span>Media</span>
              {project.media.map((m) => (
                <label key={m.id}><input type="checkbox" checked={media.includes(m.id)} onChange={() => setMedia(toggle(media, m.id))} /> {m.name}</label>
              ))}
            </div>
          )}
          <div className="th-checks" role="group" aria-label="Coders">
            <span>Coders</span>
            {project.coders.map((c) => (
              <label key={c.id}><input type="checkbox" disabled={consensusOnly} checked={coders.includes(c.id)} onChange={() => setCoders(toggle(coders, c.id))} /> {c.name}</label>
            ))}
            {hasConsensus && <label><input type="checkbox" checked={consensusOnly} onChange={(e) => setConsensusOnly(e.target.checked)} /> consensus only</label>}
          </div>
          {themes.length > 0 && (
            <div className="th-checks" role="group" aria-label="Themes">
              <span>Themes</span>
              {themes.map((t) => (
                <label key={t.id}><input type="checkbox" checked={themeIds.includes(t.id)} onChange={() => setThemeIds(toggle(themeIds, t.id))} /> {t.name}</label>
              ))}
            </div>
          )}
          <label className="th-field">
            Codes
            <select multiple size={4} aria-label="Codes" value={codeIds} onChange={(e) => setCodeIds([...e.target.selectedOptions].map((o) => o.value))}>
              {codeOptions.map((c) => <option key={c.id} value={c.id}>{c.path}</option>)}
            </select>
          </label>
          <div className="row">
            <label className="th-field">From <input aria-label="From" placeholder="0:00:00" value={from} onChange={(e) => setFrom(e.target.value)} size={10} /></label>
            <label className="th-field">To <input aria-label="To" placeholder="end" value={to} onChange={(e) => setTo(e.target.value)} size={10} /></label>
          </div>
        </fieldset>
        {kind === 'agreement' && (
          <fieldset>
            <legend>Agreement</legend>
            <div className="row">
              <label className="th-field">Slice (s) <input aria-label="Slice length in seconds" value={unit} disabled={exact} onChange={(e) => setUnit(e.target.value)} size={5} /></label>
              <label><input type="checkbox" checked={exact} onChange={(e) => setExact(e.target.checked)} /> exact (continuous time)</label>
              <label><input type="checkbox" checked={excludeUncoded} onChange={(e) => setExcludeUncoded(e.target.checked)} /> leave out uncoded time</label>
            </div>
          </fieldset>
        )}
        <label className="th-bom"><input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Start with a byte order mark (Excel then opens accents correctly)</label>
        {error && <p className="error" role="alert">{error}</p>}
        {done && (
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
        )}
        <div className="row">
          <span className="spacer" />
          <button type="button" onClick={close}>Close</button>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Exporting…' : 'Export'}</button>
        </div>
    </Dialog>
  );
}
