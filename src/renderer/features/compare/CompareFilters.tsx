/** The Compare screen's scope: whose codings, consensus only, which media, which theme's codes, which time window. */
import { useEffect, useState } from 'react';
import type { ExportFilters } from '../../../shared/csv/scope';
import { formatTimecode, parseTimecode } from '../../../shared/time';
import { useApp } from '../../store';

export function CompareFilters() {
  const project = useApp((s) => s.project)!;
  const choice = useApp((s) => s.compareChoice);
  const themes = useApp((s) => s.compareThemes);
  const set = useApp((s) => s.setCompareChoice);
  const f = choice.filters;
  const filter = (patch: Partial<ExportFilters>) => void set({ filters: { ...f, ...patch } });
  const hasConsensus = project.coders.some((c) => c.isConsensus);
  return (
    <div className="cmp-filters" role="group" aria-label="Scope of the table">
      <label>
        Coder{' '}
        <select aria-label="Coder" data-testid="cmp-coder" value={f.coderIds?.[0] ?? ''} disabled={!!f.consensusOnly} onChange={(e) => filter({ coderIds: e.target.value ? [e.target.value] : undefined })}>
          <option value="">all coders</option>
          {project.coders.filter((c) => !c.isConsensus).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      {hasConsensus && (
        <label className="cmp-check">
          <input type="checkbox" checked={!!f.consensusOnly} onChange={(e) => filter({ consensusOnly: e.target.checked || undefined, coderIds: undefined })} /> consensus only
        </label>
      )}
      <label>
        Media{' '}
        <select aria-label="Media in the table" value={f.mediaIds?.[0] ?? ''} onChange={(e) => filter({ mediaIds: e.target.value ? [e.target.value] : undefined })}>
          <option value="">all media</option>
          {project.media.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </label>
      <label>
        Theme{' '}
        <select aria-label="Theme" value={f.themeIds?.[0] ?? ''} onChange={(e) => filter({ themeIds: e.target.value ? [e.target.value] : undefined })}>
          <option value="">all codes</option>
          {themes.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <TimeField label="From" value={f.fromMs ?? null} onSave={(ms) => filter({ fromMs: ms })} />
      <TimeField label="To" value={f.toMs ?? null} onSave={(ms) => filter({ toMs: ms })} />
      {choice.kind === 'cooccurrence' && (
        <label className="cmp-check" title="Two codings co-occur only when their segments name at least one participant in common">
          <input type="checkbox" checked={choice.sameParticipants} onChange={(e) => void set({ sameParticipants: e.target.checked })} /> same participants
        </label>
      )}
    </div>
  );
}

/** A time typed as h:mm:ss(.mmm) or seconds; empty = open; applied on Enter or leaving the field, an unreadable time is reverted. */
function TimeField(props: { label: string; value: number | null; onSave: (ms: number | undefined) => void }) {
  const shown = props.value === null ? '' : formatTimecode(props.value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    if (text.trim() === '') return props.value !== null && props.onSave(undefined);
    const ms = parseTimecode(text.trim());
    if (ms === null || ms < 0) setText(shown);
    else if (ms !== props.value) props.onSave(ms);
  };
  return (
    <label>
      {props.label}{' '}
      <input className="cmp-time" value={text} placeholder="h:mm:ss" aria-label={`${props.label} (time window)`} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
    </label>
  );
}
