/** Writing or editing a memo: about the project, this media at the playhead, or the selected segment. */
import { useState } from 'react';
import type { Memo } from '../../../shared/domain';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';

export function MemoForm({ memo, onDone }: { memo: Memo | null; onDone: () => void }) {
  const s = useApp.getState();
  const selected = useApp((st) => st.selectedIds);
  const [scope, setScope] = useState<Memo['scope']>(memo?.scope ?? (selected.length === 1 ? 'segment' : 'media'));
  const [title, setTitle] = useState(memo?.title ?? '');
  const [body, setBody] = useState(memo?.body ?? '');
  const at = Math.round(s.currentMs);
  const save = async () => {
    if (memo) await s.updateMemo(memo.id, { title, body });
    else await s.createMemo({
      scope, title, body, coderId: s.coderId,
      mediaId: scope === 'media' ? s.mediaId : null,
      segmentId: scope === 'segment' ? selected[0] ?? null : null,
      timeMs: scope === 'media' ? at : null,
    });
    onDone();
  };
  return (
    <form className="memo-form" onSubmit={(e) => { e.preventDefault(); void save().catch(() => undefined); }}>
      {!memo && (
        <select aria-label="Memo about" value={scope} onChange={(e) => setScope(e.target.value as Memo['scope'])}>
          <option value="project">The project</option>
          <option value="media">This media at {formatTimecode(at)}</option>
          <option value="segment" disabled={selected.length !== 1}>The selected segment</option>
        </select>
      )}
      <input placeholder="Title" aria-label="Memo title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <textarea placeholder="Memo" aria-label="Memo text" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="ws-tools">
        <button className="primary" type="submit">Save memo</button>
        <button type="button" onClick={onDone}>Cancel</button>
        {memo && <button type="button" className="danger" onClick={() => void s.deleteMemo(memo.id).then(onDone).catch(() => undefined)}>Delete</button>}
      </div>
    </form>
  );
}
