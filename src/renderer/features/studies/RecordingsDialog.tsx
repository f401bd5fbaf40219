/** The study's recordings: add more, rename the display name, reorder (up/down, one undo step each), remove one (saying first what goes with it; one undo step). */
import { useState } from 'react';
import type { Media } from '../../../shared/domain';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { addRecordings } from './commands';
import { selectMedia } from '../../store/selectors';

export function RecordingsDialog() {
  const media = useApp(selectMedia);
  const setDialog = useApp((s) => s.setStudyDialog);
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="dialog" aria-modal="true" aria-label="Recordings" data-testid="recordings-dialog">
        <h2>Recordings</h2>
        {media.length === 0 && <p className="muted">No recordings yet.</p>}
        <ul className="recordings">{media.map((m, i) => <RecordingRow key={m.id} m={m} first={i === 0} last={i === media.length - 1} />)}</ul>
        <div className="row">
          <button onClick={() => void addRecordings()}>Add recordings…</button>
          <span className="spacer" />
          <button onClick={() => setDialog(null)}>Close</button>
        </div>
      </div>
    </div>
  );
}

function RecordingRow({ m, first, last }: { m: Media; first: boolean; last: boolean }) {
  const [name, setName] = useState(m.name);
  const s = useApp.getState();
  const rename = async () => {
    if (name.trim() && name.trim() !== m.name) await s.track(client().api.renameMedia({ mediaId: m.id, name: name.trim() })).then(() => s.loadProject(), () => setName(m.name));
  };
  const move = async (delta: -1 | 1) => {
    await s.track(client().api.moveMedia({ mediaId: m.id, delta })).catch(() => undefined);
    await s.loadProject();
    void s.refreshUndo();
  };
  const remove = async () => {
    const u = await client().api.mediaUsage({ mediaId: m.id });
    const links = u.links > 0 ? ` and its ${u.links} angle link${u.links === 1 ? '' : 's'}` : '';
    const what = `${u.segments} segments, ${u.memos} memos, ${u.transcripts} transcripts and ${u.contradictions} contradictions with evidence on it${links}`;
    if (!window.confirm(`Remove "${m.name}" and ${what}? (Undo brings it all back.)`)) return;
    await s.track(client().api.removeMedia({ mediaId: m.id }));
    window.location.reload();
  };
  return (
    <li className="row">
      <input aria-label={`Name of ${m.name}`} value={name} onChange={(e) => setName(e.target.value)} onBlur={() => void rename()} onKeyDown={(e) => e.key === 'Enter' && void rename()} />
      <span className="muted">{m.durationMs !== null ? formatTimecode(m.durationMs) : 'duration unknown'}</span>
      <button onClick={() => void move(-1)} disabled={first} aria-label={`Move ${m.name} up`}>↑</button>
      <button onClick={() => void move(1)} disabled={last} aria-label={`Move ${m.name} down`}>↓</button>
      <button onClick={() => void remove()}>Remove…</button>
    </li>
  );
}
