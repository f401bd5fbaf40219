import { formatTimecode } from '../../shared/time';
import { useApp } from '../store';
import { PLAYBACK_RATES, player } from '../store/playerSlice';
import { SeekBar } from './SeekBar';

export function TransportBar() {
  const playing = useApp((s) => s.playing);
  const rate = useApp((s) => s.rate);
  const currentMs = useApp((s) => s.currentMs);
  const durationMs = useApp((s) => s.durationMs);
  const inMs = useApp((s) => s.inMs);
  const outMs = useApp((s) => s.outMs);
  const { stepFrames, jump, markIn, markOut, clearMarks } = useApp.getState();

  return (
    <div className="transport">
      <SeekBar />
      <div className="transport-row">
        <button onClick={() => jump(-5000)} title="Back 5 s (Shift+←)">−5s</button>
        <button onClick={() => jump(-1000)} title="Back 1 s (←)">−1s</button>
        <button onClick={() => stepFrames(-1)} title="Previous frame (,)" aria-label="Previous frame">◀︎|</button>
        <button className="play" onClick={() => player()?.toggle()} title="Play / pause (Space)" aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? '❚❚' : '▶'}
        </button>
        <button onClick={() => stepFrames(1)} title="Next frame (.)" aria-label="Next frame">|▶︎</button>
        <button onClick={() => jump(1000)} title="Forward 1 s (→)">+1s</button>
        <button onClick={() => jump(5000)} title="Forward 5 s (Shift+→)">+5s</button>
        <select aria-label="Playback rate" value={rate} onChange={(e) => player()?.setRate(Number(e.target.value))}>
          {PLAYBACK_RATES.map((r) => (
            <option key={r} value={r}>{r}×</option>
          ))}
        </select>
        <span className="timecode" data-testid="current-time" aria-label="Current time">{formatTimecode(currentMs)}</span>
        <span className="muted duration" data-testid="duration">/ {formatTimecode(durationMs)}</span>
      </div>
      <div className="transport-row">
        <button onClick={markIn} title="Mark in at the playhead (I)">In</button>
        <span className="mark" data-testid="mark-in">{inMs === null ? '—' : formatTimecode(inMs)}</span>
        <button onClick={markOut} title="Mark out at the playhead (O)">Out</button>
        <span className="mark" data-testid="mark-out">{outMs === null ? '—' : formatTimecode(outMs)}</span>
        <button className="icon" onClick={clearMarks} title="Clear marks (Esc)" aria-label="Clear marks">×</button>
      </div>
    </div>
  );
}
