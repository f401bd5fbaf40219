/**
 * Contradictions as relations: the list (filter by level, status, coder), each editable (status
 * inline, the rest in the form), click to jump to its first evidence and select the evidence.
 */
import { useMemo, useState } from 'react';
import { CHAT_ELEMENT_LABELS, CONTRADICTION_LEVEL_LABELS, CONTRADICTION_LEVELS, CONTRADICTION_STATUSES, type Contradiction } from '../../../shared/domain';
import { useApp } from '../../store';
import { ContradictionParticipants } from '../participants/SegmentParticipants';
import { useBlind, useVisible } from '../../hooks/useBlindCoding';
import { formatTimecode } from '../../../shared/time';
import { ContradictionForm } from './ContradictionForm';
import { jumpToSegments } from '../segments/jump';
import { useUncoveredCodings } from '../segments/useUncoveredCodings';
import { LEVEL_COLORS } from './timelineModel';

export const STATUS_LABELS: Record<Contradiction['status'], string> = {
  unresolved: 'Unresolved', emerging: 'Emerging', aggravated: 'Aggravated', being_worked_on: 'Being worked on', resolved: 'Resolved',
};

export function ContradictionsPanel() {
  const all = useVisible(useApp((s) => s.contradictions));
  const project = useApp((s) => s.project)!;
  const [level, setLevel] = useState('');
  const [status, setStatus] = useState('');
  const [coder, setCoder] = useState('');
  const [editing, setEditing] = useState<Contradiction | 'new' | null>(null);
  const draft = useApp((s) => s.contradictionDraft);
  const blind = useBlind();
  const coderId = useApp((s) => s.coderId);
  // over the whole media (the screen holds one window); blind: the coder's own codings only
  const uncovered = useUncoveredCodings(blind ? coderId : null);
  const closeForm = () => {
    setEditing(null);
    useApp.getState().setContradictionDraft(null);
  };
  const convertAll = () => void useApp.getState().convertContradictionCodings(blind && coderId ? [coderId] : undefined).catch(() => undefined);
  const systems = new Map(project.systems.map((s) => [s.id, s.name]));
  const coders = new Map(project.coders.map((c) => [c.id, c]));
  const shown = useMemo(() => all.filter((c) => (!level || c.level === level) && (!status || c.status === status) && (!coder || c.coderId === coder)), [all, level, status, coder]);
  const side = (e: Contradiction['elementA'], sys: string | null) => `${CHAT_ELEMENT_LABELS[e]}${sys ? ` (${systems.get(sys) ?? '?'})` : ''}`;

  return (
    <div className="ws-panel contradictions-panel" data-testid="contradictions-panel">
      <div className="panel-head">
        <h2>Contradictions <span className="count">{shown.length}</span></h2>
        <button onClick={() => setEditing('new')} data-testid="new-contradiction">+ Contradiction</button>
      </div>
      <div className="ws-tools">
        <select aria-label="Filter by level" value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">All levels</option>
          {CONTRADICTION_LEVELS.map((l) => <option key={l} value={l}>{CONTRADICTION_LEVEL_LABELS[l]}</option>)}
        </select>
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {CONTRADICTION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
        <select aria-label="Filter by coder" value={coder} onChange={(e) => setCoder(e.target.value)}>
          <option value="">All coders</option>
          {project.coders.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </div>
      {(editing || draft) && (
        <ContradictionForm
          key={draft ? draft.evidenceSegmentIds.join() : 'form'}
          contradiction={editing && editing !== 'new' ? editing : null}
          initial={draft}
          onDone={closeForm}
        />
      )}
      {uncovered.total > 0 && (
        <div className="uncovered-codings" data-testid="uncovered-codings">
          <p>
            <strong>{uncovered.total}</strong> contradiction coding{uncovered.total > 1 ? 's' : ''} on this media without a relation
            <button onClick={convertAll} data-testid="convert-codings" title="Make a relation of each (ends from the coder's overlapping element codes; edit them afterwards). One undo step.">
              Convert all to relations
            </button>
          </p>
          <ul>
            {uncovered.first.map((u) => (
              <li key={`${u.segmentId}-${u.level}`} className="muted">
                {CONTRADICTION_LEVEL_LABELS[u.level]} · {coders.get(u.coderId)?.name} · {formatTimecode(u.startMs)}{u.note ? ` · ${u.note}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="ws-list">
        {shown.map((c) => (
          <li key={c.id} className="contradiction" data-testid="contradiction">
            <button className="memo-jump" onClick={() => jump(c)} title="Jump to the evidence and select it">
              <span className="badge" style={{ background: LEVEL_COLORS[c.level] }}>{CONTRADICTION_LEVEL_LABELS[c.level]}</span>
              <span>{c.level === 'primary' ? `inside ${side(c.elementA, c.systemA)}` : `${side(c.elementA, c.systemA)} ↔ ${side(c.elementB, c.systemB)}`}</span>
              <span className="muted"> · {coders.get(c.coderId)?.name} · {c.evidenceSegmentIds.length} evidence</span>
              {c.note && <span className="memo-body">{c.note}</span>}
            </button>
            <select aria-label="Status" value={c.status} onChange={(e) => void useApp.getState().updateContradiction({ id: c.id, status: e.target.value as Contradiction['status'] }).catch(() => undefined)}>
              {CONTRADICTION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
            </select>
            <button className="icon" aria-label="Edit contradiction" onClick={() => setEditing(c)}>✎</button>
            <ContradictionParticipants c={c} />
          </li>
        ))}
        {shown.length === 0 && <li className="empty-hint">No contradictions{level || status || coder ? ' match the filters' : ' yet: select evidence segments on the timeline, then “+ Contradiction”'}.</li>}
      </ul>
    </div>
  );
}

/** To the evidence, wherever it lies (fetched by id when outside the held window), selected. */
function jump(c: Contradiction): void {
  void jumpToSegments(c.evidenceSegmentIds).catch((e: Error) => useApp.getState().showBanner({ kind: 'error', message: e.message }));
}
