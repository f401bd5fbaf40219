/**
 * Project, media and segment memos: write one, search their text, click to jump to the moment
 * (a media memo's time, a segment memo's segment).
 */
import { useMemo, useState } from 'react';
import type { Memo } from '../../../shared/domain';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { useVisible } from '../../hooks/useBlindCoding';
import { MemoForm } from './MemoForm';
import { jumpToSegments } from '../segments/jump';
import { useSegmentsOutside } from '../segments/useSegmentsOutside';

export function MemosPanel() {
  const memos = useVisible(useApp((s) => s.memos));
  // a segment memo shows its segment's start, wherever it lies (fetched by id outside the held window)
  const held = useApp((s) => s.segments);
  const outside = useSegmentsOutside(useMemo(() => memos.flatMap((m) => (m.segmentId ? [m.segmentId] : [])), [memos]));
  const startOf = useMemo(() => new Map([...held, ...outside].map((x) => [x.id, x.startMs])), [held, outside]);
  const momentOf = (m: Memo): number | null => (m.segmentId ? startOf.get(m.segmentId) ?? m.timeMs : m.timeMs);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Memo | 'new' | null>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = [...memos].sort((a, b) => b.updatedAt - a.updatedAt);
    return q ? list.filter((m) => m.title.toLowerCase().includes(q) || m.body.toLowerCase().includes(q)) : list;
  }, [memos, query]);

  return (
    <div className="ws-panel memos-panel" data-testid="memos-panel">
      <div className="panel-head">
        <h2>Memos <span className="count">{memos.length}</span></h2>
        <button onClick={() => setEditing('new')}>+ Memo</button>
      </div>
      <div className="ws-tools">
        <input type="search" placeholder="Search memos" aria-label="Search memos" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {editing && <MemoForm memo={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <ul className="ws-list">
        {shown.map((m) => (
          <li key={m.id} className="memo" data-testid="memo">
            <button className="memo-jump" onClick={() => jumpTo(m)} title={m.scope === 'project' ? 'A project memo' : 'Jump to the moment'}>
              <span className={`badge scope-${m.scope}`}>{m.scope}</span>
              <strong>{m.title || '(untitled)'}</strong>
              {momentOf(m) !== null && <span className="muted"> · {formatTimecode(momentOf(m)!)}</span>}
              <span className="memo-body">{m.body}</span>
            </button>
            <button className="icon" aria-label={`Edit memo ${m.title}`} onClick={() => setEditing(m)}>✎</button>
          </li>
        ))}
        {shown.length === 0 && <li className="empty-hint">{query ? `No memo mentions “${query}”.` : 'No memos yet.'}</li>}
      </ul>
    </div>
  );
}

async function jumpTo(m: Memo): Promise<void> {
  const s = useApp.getState();
  if (m.scope === 'project' || !m.mediaId) return;
  // a segment memo: to its segment, wherever it lies (fetched by id when outside the held window)
  if (m.segmentId) return void (await jumpToSegments([m.segmentId]).catch((e: Error) => s.showBanner({ kind: 'error', message: e.message })));
  if (s.mediaId !== m.mediaId) await s.selectMedia(m.mediaId);
  if (m.timeMs !== null) useApp.getState().seek(m.timeMs);
}
