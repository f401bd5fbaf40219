import { useEffect, useMemo, useState } from 'react';
import { codePath, type Segment } from '../../../shared/domain';
import { formatTimecode, parseTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { SegmentParticipants } from '../participants/SegmentParticipants';

/** Edit a segment's times, codes and note; each save is committed before it is shown as saved. */
export function SegmentEditor({ segment }: { segment: Segment }) {
  const project = useApp((s) => s.project)!;
  const { updateSegment, deleteSegment } = useApp.getState();
  const [start, setStart] = useState(formatTimecode(segment.startMs));
  const [end, setEnd] = useState(formatTimecode(segment.endMs));
  const [note, setNote] = useState(segment.note);
  const [codeIds, setCodeIds] = useState(segment.codeIds);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const byId = useMemo(() => new Map(project.codes.map((c) => [c.id, c])), [project.codes]);
  const options = useMemo(
    () => project.codes.filter((c) => !codeIds.includes(c.id)).map((c) => ({ id: c.id, label: codePath(c, byId) })).sort((a, b) => a.label.localeCompare(b.label)),
    [project.codes, codeIds, byId],
  );

  useEffect(() => {
    setStart(formatTimecode(segment.startMs));
    setEnd(formatTimecode(segment.endMs));
    setNote(segment.note);
    setCodeIds(segment.codeIds);
  }, [segment]);

  const save = async () => {
    const startMs = parseTimecode(start);
    const endMs = parseTimecode(end);
    if (startMs === null || endMs === null) return setError('Times look like 0:01:02.500');
    if (endMs < startMs) return setError('The end is before the start');
    setError(null);
    try {
      await updateSegment(segment.id, { startMs, endMs, note, codeIds });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form className="segment-editor" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Edit segment">
      <div className="row">
        <label>Start <input value={start} onChange={(e) => setStart(e.target.value)} aria-label="Start time" size={12} /></label>
        <label>End <input value={end} onChange={(e) => setEnd(e.target.value)} aria-label="End time" size={12} /></label>
      </div>
      <div className="row chips">
        {codeIds.map((id) => (
          <span key={id} className="chip" style={{ borderColor: byId.get(id)?.color }}>
            {byId.get(id)?.name ?? '?'}
            <button type="button" className="icon" aria-label={`Remove ${byId.get(id)?.name}`} onClick={() => setCodeIds(codeIds.filter((x) => x !== id))}>×</button>
          </span>
        ))}
        <select value={adding} aria-label="Add code" onChange={(e) => { if (e.target.value) setCodeIds([...codeIds, e.target.value]); setAdding(''); }}>
          <option value="">+ code…</option>
          {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </select>
      </div>
      <SegmentParticipants segment={segment} />
      <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} placeholder="Note" aria-label="Note" />
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" className="primary">Save</button>
        <span className="spacer" />
        {confirmDelete ? (
          <>
            <span>Delete this segment?</span>
            <button type="button" className="danger" onClick={() => void deleteSegment(segment.id)}>Delete</button>
            <button type="button" onClick={() => setConfirmDelete(false)}>Keep</button>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>Delete…</button>
        )}
      </div>
    </form>
  );
}
