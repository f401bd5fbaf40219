/** The timeline toolbar's lane switch: coder × element tracks, or one lane per participant. */
import { useApp } from '../../store';
import type { LaneMode } from './slice';

export function LaneModeSwitch() {
  const mode = useApp((s) => s.laneMode);
  const set = useApp((s) => s.setLaneMode);
  return (
    <select
      className="tl-lanes" aria-label="Timeline lanes" data-testid="lane-mode" value={mode} onChange={(e) => set(e.target.value as LaneMode)}
      title="One lane per coder and CHAT element, or one lane per participant (segments of the time around the playhead)"
    >
      <option value="coders">Lanes: coders</option>
      <option value="participants">Lanes: participants</option>
    </select>
  );
}
