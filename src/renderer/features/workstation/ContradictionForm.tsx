/**
 * Coding or editing a contradiction: its level, the two elements with their activity systems
 * (primary: one element), status, note and evidence segments (the segments selected on the
 * timeline, plus those under the playhead, to tick).
 */
import { useState } from 'react';
import { CHAT_ELEMENT_LABELS, CHAT_ELEMENTS, CONTRADICTION_LEVEL_LABELS, CONTRADICTION_LEVELS, CONTRADICTION_STATUSES, codePath, type ChatElement, type Contradiction } from '../../../shared/domain';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { useVisible } from '../../hooks/useBlindCoding';
import { STATUS_LABELS } from './ContradictionsPanel';
import { useSegmentsOutside } from '../segments/useSegmentsOutside';

export function ContradictionForm({ contradiction: c, onDone, initial }: {
  contradiction: Contradiction | null;
  onDone: () => void;
  /** A new relation's level and evidence (a range just coded with a contradiction level). */
  initial?: { level: Contradiction['level']; evidenceSegmentIds: string[] } | null;
}) {
  const project = useApp((s) => s.project)!;
  const segments = useVisible(useApp((s) => s.segments));
  const selectedIds = useApp((s) => s.selectedIds);
  const coderId = useApp((s) => s.coderId);
  const firstSystem = project.systems[0]?.id ?? null;
  const [level, setLevel] = useState<Contradiction['level']>(c?.level ?? initial?.level ?? 'secondary');
  const [elementA, setElementA] = useState<ChatElement>(c?.elementA ?? 'subject');
  const [systemA, setSystemA] = useState<string | null>(c ? c.systemA : firstSystem);
  const [elementB, setElementB] = useState<ChatElement>(c?.elementB ?? 'object');
  const [systemB, setSystemB] = useState<string | null>(c ? c.systemB : firstSystem);
  const [status, setStatus] = useState<Contradiction['status']>(c?.status ?? 'unresolved');
  const [note, setNote] = useState(c?.note ?? '');
  const [evidence, setEvidence] = useState<string[]>(c?.evidenceSegmentIds ?? initial?.evidenceSegmentIds ?? selectedIds);
  const now = useApp.getState().currentMs;
  // evidence outside the held window is fetched by id, so all of it is listed (an unticked one stays, to tick again)
  const outside = useVisible(useSegmentsOutside([...(c?.evidenceSegmentIds ?? []), ...evidence]));
  const candidates = [...segments.filter((s) => evidence.includes(s.id) || selectedIds.includes(s.id) || (s.startMs <= now && s.endMs >= now)), ...outside].sort((a, b) => a.startMs - b.startMs);
  const codes = new Map(project.codes.map((x) => [x.id, x]));
  const coders = new Map(project.coders.map((x) => [x.id, x.name]));

  const save = async () => {
    const s = useApp.getState();
    const rel = { level, elementA, systemA, elementB: level === 'primary' ? elementA : elementB, systemB: level === 'primary' ? systemA : systemB, status, note, evidenceSegmentIds: evidence };
    if (c) await s.updateContradiction({ id: c.id, ...rel });
    else await s.createContradiction({ ...rel, coderId: coderId! });
    onDone();
  };
  const systemSelect = (label: string, v: string | null, set: (x: string | null) => void) => (
    <select aria-label={label} value={v ?? ''} onChange={(e) => set(e.target.value || null)}>
      {project.systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      <option value="">Shared (no system)</option>
    </select>
  );
  const elementSelect = (label: string, v: ChatElement, set: (x: ChatElement) => void) => (
    <select aria-label={label} value={v} onChange={(e) => set(e.target.value as ChatElement)}>
      {CHAT_ELEMENTS.map((el) => <option key={el} value={el}>{CHAT_ELEMENT_LABELS[el]}</option>)}
    </select>
  );

  return (
    <form className="contradiction-form" data-testid="contradiction-form" onSubmit={(e) => { e.preventDefault(); void save().catch(() => undefined); }}>
      <label>Level
        <select aria-label="Level" value={level} onChange={(e) => setLevel(e.target.value as Contradiction['level'])}>
          {CONTRADICTION_LEVELS.map((l) => <option key={l} value={l}>{CONTRADICTION_LEVEL_LABELS[l]}</option>)}
        </select>
      </label>
      <div className="pair">
        <span>{level === 'primary' ? 'Inside' : 'Between'}</span>
        {elementSelect('Element A', elementA, setElementA)}
        {systemSelect('System A', systemA, setSystemA)}
      </div>
      {level !== 'primary' && (
        <div className="pair">
          <span>and</span>
          {elementSelect('Element B', elementB, setElementB)}
          {systemSelect('System B', systemB, setSystemB)}
        </div>
      )}
      <label>Status
        <select aria-label="Contradiction status" value={status} onChange={(e) => setStatus(e.target.value as Contradiction['status'])}>
          {CONTRADICTION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </label>
      <label>Note<textarea aria-label="Contradiction note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <fieldset className="evidence">
        <legend>Evidence ({evidence.length}) — select segments on the timeline (Shift+click for several)</legend>
        {candidates.length === 0 && <p className="muted">No segment selected or under the playhead.</p>}
        {candidates.map((s) => (
          <label key={s.id} className="check">
            <input type="checkbox" checked={evidence.includes(s.id)} onChange={(e) => setEvidence(e.target.checked ? [...evidence, s.id] : evidence.filter((x) => x !== s.id))} />
            {formatTimecode(s.startMs)}–{formatTimecode(s.endMs)} · {coders.get(s.coderId)} · {s.codeIds.map((id) => (codes.get(id) ? codePath(codes.get(id)!, codes) : '?')).join(', ')}
          </label>
        ))}
      </fieldset>
      <div className="ws-tools">
        <button className="primary" type="submit" disabled={evidence.length === 0 || !coderId}>{c ? 'Save' : 'Code contradiction'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
        {c && <button type="button" className="danger" onClick={() => void useApp.getState().deleteContradiction(c.id).then(onDone).catch(() => undefined)}>Delete</button>}
      </div>
    </form>
  );
}
