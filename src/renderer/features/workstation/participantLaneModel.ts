/** The timeline model in participant mode (one lane per participant) and the chips on the bars in either mode. */
import type { Code, Contradiction, Segment } from '../../../shared/domain';
import { addParticipantChips, layoutParticipantLanes, participantTracks } from '../../../shared/timeline/participantLanes';
import { contradictionItems, TRACK_H, type TimelineModel } from './timelineModel';
import type { ParticipantLook } from '../participants/chips';

export function buildParticipantModel(looks: ReadonlyMap<string, ParticipantLook>, codes: readonly Code[], segments: Segment[], contradictions: Contradiction[]): TimelineModel {
  const lanes = layoutParticipantLanes([...looks].map(([id, l]) => ({ id, name: l.name, color: l.color })), TRACK_H);
  const segmentsById = new Map(segments.map((s) => [s.id, s]));
  const tracks = participantTracks(lanes, segments, new Map(codes.map((c) => [c.id, c])), contradictionItems(contradictions, segmentsById));
  return { lanes, tracks, segmentsById };
}

/** The model with the participants' chips on its segment bars. */
export function withChips(m: TimelineModel, looks: ReadonlyMap<string, ParticipantLook>): TimelineModel {
  if (looks.size) addParticipantChips(m.tracks, m.segmentsById, looks);
  return m;
}
