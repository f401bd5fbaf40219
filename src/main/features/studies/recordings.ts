/**
 * Adding recordings: each file is checked (readable, sniffed as a real media container),
 * probed for duration and frame rate with ffprobe where it is installed (else the player
 * reports them when the recording is first loaded), fingerprinted and added. Removing one says
 * first what goes with it and is one undo step.
 */
import { spawnSync } from 'node:child_process';
import type { AddMediaResult, MediaUsage } from '../../../shared/contract/studies';
import type { Media, Uuid } from '../../../shared/domain';
import { isUserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import { deleteMedia, mediaUsage as countMediaUsage } from '../../db/tables/media';
import { addMediaFile } from '../coding/service';
import { hasMediaLinks, linksOfMedia } from '../../db/tables/mediaLinks';
import { dropLinksOfMedia } from '../sync/links';

export interface Probed {
  durationMs: number | null;
  frameRate: number | null;
}

let ffprobeMissing = false;

/** Duration and frame rate by ffprobe; nulls when ffprobe is absent or cannot read the file. */
export function probeTiming(file: string): Probed {
  const none = { durationMs: null, frameRate: null };
  if (ffprobeMissing) return none;
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,avg_frame_rate', '-of', 'json', file], { encoding: 'utf8', timeout: 15_000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') ffprobeMissing = true;
  if (r.status !== 0 || !r.stdout) return none;
  return parseProbe(r.stdout);
}

/** ffprobe's JSON: format.duration in seconds, the video stream's avg_frame_rate as "num/den". */
export function parseProbe(json: string): Probed {
  try {
    const o = JSON.parse(json) as { format?: { duration?: string }; streams?: { codec_type?: string; avg_frame_rate?: string }[] };
    const sec = Number(o.format?.duration);
    const video = o.streams?.find((s) => s.codec_type === 'video');
    const [num, den] = (video?.avg_frame_rate ?? '').split('/').map(Number);
    const fps = num && den ? num / den : NaN;
    return {
      durationMs: Number.isFinite(sec) && sec > 0 ? Math.round(sec * 1000) : null,
      frameRate: Number.isFinite(fps) && fps > 0 && fps <= 1000 ? Math.round(fps * 1000) / 1000 : null,
    };
  } catch {
    return { durationMs: null, frameRate: null };
  }
}

/** Adds each file that is a recording; the others are listed with the reason, nothing else changes. */
export function addRecordings(store: ProjectStore, paths: readonly string[], probe: (file: string) => Probed = probeTiming): AddMediaResult {
  const out: AddMediaResult = { added: [], refused: [] };
  for (const p of paths) {
    try {
      const t = probe(p);
      out.added.push(addMediaFile(store, p, t.durationMs, t.frameRate));
    } catch (e) {
      if (!isUserError(e)) throw e;
      out.refused.push({ path: p, message: e.message });
    }
  }
  return out;
}

export function mediaUsage(store: ProjectStore, mediaId: Uuid): MediaUsage {
  store.getMedia(mediaId);
  return { ...countMediaUsage(store.db, mediaId), links: hasMediaLinks(store.db) ? linksOfMedia(store.db, mediaId).length : 0 };
}

/** Removes a recording and everything coded on it (segments, memos, transcripts, evidence links, angle links): one undo step. */
export function removeRecording(store: ProjectStore, mediaId: Uuid): MediaUsage {
  const usage = mediaUsage(store, mediaId);
  const media = store.getMedia(mediaId);
  store.recordEdit(`Remove recording "${media.name}"`, () => {
    dropLinksOfMedia(store, mediaId);
    deleteMedia(store.db, mediaId, store.now());
  });
  return usage;
}

export function renameRecording(store: ProjectStore, mediaId: Uuid, name: string): Media {
  return store.recordEdit('Rename recording', () => store.updateMedia(mediaId, { name }));
}

/** Moves a recording one place up or down (one undo step); at either end nothing changes. Returns the media in order. */
export function moveRecording(store: ProjectStore, mediaId: Uuid, delta: -1 | 1): Media[] {
  store.getMedia(mediaId); // an unknown id: one clear line
  const at = store.listMedia().findIndex((m) => m.id === mediaId);
  const to = at + delta;
  if (to >= 0 && to < store.listMedia().length) store.recordEdit(delta < 0 ? 'Move recording up' : 'Move recording down', () => store.moveMedia(mediaId, delta));
  return store.listMedia();
}
