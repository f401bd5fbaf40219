/**
 * Transcript speakers as participants: the speakers of the imported transcripts (`<v Lena>`,
 * `LENA:`; see shared/transcript) offered in one step, and coding cues so that the segment is
 * about the cues' speakers by default. A speaker matches the participant of the same name,
 * ignoring case ("LENA" is Lena).
 */
import type { Segment, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { foldName } from '../../../shared/participants/names';
import type { Participant, TranscriptSpeaker } from '../../../shared/participants/types';
import type { ProjectStore } from '../../db/store';
import { cueWithMedia, insertParticipant, listParticipants, setSegmentParticipants, speakerCounts } from '../../db/tables/participants';


/** Participant id by folded name. */
function participantsByName(store: ProjectStore): Map<string, Uuid> {
  return new Map(listParticipants(store.db).map((p) => [foldName(p.name), p.id]));
}

export function transcriptSpeakers(store: ProjectStore, mediaId?: Uuid): TranscriptSpeaker[] {
  if (mediaId) store.getMedia(mediaId);
  const rows = speakerCounts(store.db, mediaId ?? null);
  const byName = participantsByName(store);
  return rows.map((r) => ({ speaker: r.speaker, cues: r.n, participantId: byName.get(foldName(r.speaker)) ?? null }));
}

/** Adds the speakers that are not participants yet (one each, whatever the case); returns the participants of all of them. */
export function addSpeakers(store: ProjectStore, speakers: string[]): Participant[] {
  return store.recordEdit(`Add ${speakers.length} speaker${speakers.length === 1 ? '' : 's'} as participants`, () => {
    const byName = participantsByName(store);
    const now = store.now();
    for (const s of speakers) {
      if (byName.has(foldName(s))) continue;
      byName.set(foldName(s), insertParticipant(store.db, { name: s.trim(), role: '' }, now).id);
    }
    const wanted = new Set(speakers.map((s) => byName.get(foldName(s))!));
    return listParticipants(store.db).filter((p) => wanted.has(p.id));
  });
}

/** One segment over the cues, about the given participants or else the cues' speakers who are participants. */
export function codeCues(store: ProjectStore, input: { mediaId: Uuid; coderId: Uuid; cueIds: Uuid[]; codeIds: Uuid[]; participantIds?: Uuid[] }): Segment {
  const cues = input.cueIds.map((id) => {
    const c = cueWithMedia(store.db, id);
    if (!c || c.media_id !== input.mediaId) throw new UserError('not_found', `No transcript cue ${id} on this recording`);
    return c;
  });
  const byName = participantsByName(store);
  const participants = input.participantIds ?? [...new Set(cues.map((c) => byName.get(foldName(c.speaker))).filter((p): p is Uuid => p !== undefined))];
  const startMs = Math.min(...cues.map((c) => c.start_ms));
  const endMs = Math.max(...cues.map((c) => c.end_ms));
  return store.recordEdit('Code transcript cues', () => {
    const seg = store.insertSegment({ mediaId: input.mediaId, coderId: input.coderId, startMs, endMs, codeIds: input.codeIds });
    setSegmentParticipants(store.db, seg.id, participants, store.now());
    return store.getSegment(seg.id);
  });
}
