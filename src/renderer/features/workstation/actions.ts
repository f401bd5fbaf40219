/**
 * What each key-map action does. Shared by the keyboard hook, the help overlay and buttons.
 * J (reverse shuttle) is emulated by stepping back every 100 ms, since browsers do not play
 * video backwards.
 */
import { nextShuttleRate, type Action } from '../../../shared/keymap';
import { useApp } from '../../store';
import { player } from '../../store/playerSlice';

let reverseTimer: ReturnType<typeof setInterval> | null = null;

function stopReverse(): void {
  if (reverseTimer) clearInterval(reverseTimer);
  reverseTimer = null;
}

function shuttle(dir: 1 | -1): void {
  const s = useApp.getState();
  const p = player();
  if (!p) return;
  const cur = s.shuttle;
  const rate = Math.sign(cur) === dir ? nextShuttleRate(cur) : 1;
  s.setShuttle(rate * dir);
  if (dir > 0) {
    stopReverse();
    p.setRate(rate);
    p.play();
    return;
  }
  p.pause();
  stopReverse();
  reverseTimer = setInterval(() => {
    const st = useApp.getState();
    if (st.currentMs <= 0 || st.shuttle >= 0) {
      stopReverse();
      st.setShuttle(0);
      return;
    }
    st.seek(st.currentMs - 100 * Math.abs(st.shuttle));
  }, 100);
}

function stopShuttle(): void {
  stopReverse();
  const p = player();
  p?.pause();
  p?.setRate(1);
  useApp.getState().setShuttle(0);
}

/** Start of the previous (-1) or next (+1) segment from the playhead. */
function jumpSegment(dir: 1 | -1): void {
  const s = useApp.getState();
  const t = s.currentMs;
  // the whole media's starts (the marks), not only the held window's
  const starts = s.marks ? s.marks.marks.filter((_, k) => k % 4 === 0) : s.segments.map((x) => x.startMs);
  const target = dir > 0 ? starts.filter((x) => x > t + 1).sort((a, b) => a - b)[0] : starts.filter((x) => x < t - 1).sort((a, b) => b - a)[0];
  if (target !== undefined) s.seek(target);
}

export function runAction(a: Action): void {
  const s = useApp.getState();
  switch (a) {
    case 'playPause':
      stopReverse();
      if (s.shuttle < 0) s.setShuttle(0);
      player()?.toggle();
      return;
    case 'shuttleForward':
      return shuttle(1);
    case 'shuttleBack':
      return shuttle(-1);
    case 'shuttleStop':
      return stopShuttle();
    case 'frameBack':
      return s.stepFrames(-1);
    case 'frameForward':
      return s.stepFrames(1);
    case 'back1s':
      return s.jump(-1000);
    case 'forward1s':
      return s.jump(1000);
    case 'back5s':
      return s.jump(-5000);
    case 'forward5s':
      return s.jump(5000);
    case 'markIn':
      return s.markIn();
    case 'markOut':
      return s.markOut();
    case 'clearMarks':
      s.clearMarks();
      s.setSelection([]);
      return;
    case 'toggleLoop':
      if (!s.loop && (s.inMs === null || s.outMs === null)) {
        s.showBanner({ kind: 'info', message: 'Mark a range first (I and O), then loop it.' });
        return;
      }
      s.setLoop(!s.loop);
      return;
    case 'prevSegment':
      return jumpSegment(-1);
    case 'nextSegment':
      return jumpSegment(1);
    case 'deleteSelection':
      void s.deleteSelected().catch(() => undefined);
      return;
    case 'undo':
      void s.undo();
      return;
    case 'redo':
      void s.redo();
      return;
    case 'help':
      s.setHelpOpen(!s.helpOpen);
      return;
  }
}
