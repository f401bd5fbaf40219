/** Above the timeline: zoom, loop, the key map, and what to do with the selection (undo/redo: the top bar). */
import { codeLabel } from '../../../shared/codebook';
import { minSpanMs, zoomAt, type View } from '../../../shared/timeline/scale';
import { useApp } from '../../store';
import { runAction } from './actions';
import { WaveformButton } from '../sync/WaveformStrip';
import { LaneModeSwitch } from '../participants/LaneModeSwitch';

export function TimelineToolbar({ view, setView, duration }: { view: () => View; setView: (v: View) => void; duration: number }) {
  const selected = useApp((s) => s.selectedIds);
  const loop = useApp((s) => s.loop);
  const project = useApp((s) => s.project)!;
  const frameMs = useApp((s) => s.frameMs());
  const byId = new Map(project.codes.map((c) => [c.id, c]));
  const zoomBy = (f: number) => {
    const v = view();
    const s = useApp.getState();
    const inView = s.currentMs >= v.startMs && s.currentMs <= v.endMs;
    const anchor = inView ? ((s.currentMs - v.startMs) / (v.endMs - v.startMs)) * v.widthPx : v.widthPx / 2;
    setView(zoomAt(v, f, anchor, duration, minSpanMs(frameMs)));
  };
  return (
    <div className="tl-toolbar">
      <button onClick={() => zoomBy(1 / 2)} title="Zoom out (Ctrl/Cmd + wheel)" aria-label="Zoom out">−</button>
      <button onClick={() => zoomBy(2)} title="Zoom in (Ctrl/Cmd + wheel)" aria-label="Zoom in">+</button>
      <button onClick={() => setView({ startMs: 0, endMs: duration, widthPx: view().widthPx })} title="Whole recording">Fit</button>
      <button onClick={() => zoomBy((view().endMs - view().startMs) / minSpanMs(frameMs))} title="Zoom to single frames">Frames</button>
      <span className="tl-sep" />
      <button className={loop ? 'active' : ''} aria-pressed={loop} onClick={() => runAction('toggleLoop')} title="Loop the marked range (P)">⟲ Loop</button>
      <LaneModeSwitch />
      <span className="tl-sep" />
      {selected.length > 0 ? (
        <span className="tl-selection" data-testid="timeline-selection">
          {selected.length} selected
          <select
            aria-label="Re-code selected segments"
            value=""
            onChange={(e) => e.target.value && void useApp.getState().recodeSelected([e.target.value]).catch(() => undefined)}
          >
            <option value="">Re-code as…</option>
            {project.codes.filter((c) => c.kind !== 'group').map((c) => (
              <option key={c.id} value={c.id}>{codeLabel(c, byId)}</option>
            ))}
          </select>
          <button className="danger" onClick={() => runAction('deleteSelection')}>Delete</button>
        </span>
      ) : (
        <span className="muted tl-hint">Drag on your track to code · drag an edge to adjust · Shift+click to select several</span>
      )}
      <WaveformButton />
      <button onClick={() => runAction('help')} title="Keyboard shortcuts (?)" data-testid="open-keymap">⌨ Keys</button>
    </div>
  );
}
