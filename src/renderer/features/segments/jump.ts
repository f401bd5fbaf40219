/**
 * A jump to segments by id wherever they lie (a contradiction's evidence, a segment memo): the
 * coding screen holds one time window of segments, so those outside it are fetched by id
 * (segmentsById); the player moves to the earliest (another media is opened first), the
 * timeline's view and the held window follow it there, and they are selected.
 */
import type { Segment } from '../../../shared/domain';
import { useApp } from '../../store';
import { client } from '../../store/client';

/** The segments with these ids: from the held window when all are there, else from the service. */
async function findSegments(ids: string[]): Promise<Segment[]> {
  const held = useApp.getState().segments.filter((s) => ids.includes(s.id));
  return held.length === ids.length ? held : client().api.segmentsById({ ids });
}

/** Jumps to the segments and selects them; false (with a message) when none exists any more. */
export async function jumpToSegments(ids: readonly string[]): Promise<boolean> {
  const unique = [...new Set(ids)];
  const found = unique.length ? await findSegments(unique) : [];
  const first = found.reduce<Segment | null>((a, b) => (!a || b.startMs < a.startMs ? b : a), null);
  if (!first) {
    useApp.getState().showBanner({ kind: 'info', message: 'The segments this points to have been deleted.' });
    return false;
  }
  if (useApp.getState().mediaId !== first.mediaId) await useApp.getState().selectMedia(first.mediaId);
  const s = useApp.getState();
  s.seek(first.startMs); // the timeline's view and the held window follow the playhead there
  s.setSelection(found.filter((x) => x.mediaId === first.mediaId).map((x) => x.id));
  return true;
}
