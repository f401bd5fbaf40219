/**
 * Core service calls: the project, codebook, coders, media and segments. Every user edit runs
 * through store.recordEdit (one undo step each); playhead and media-info updates are not edits.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MediaStatus, ProjectInfo, ServiceOf } from '../../../shared/contract';
import type { codingContract } from '../../../shared/contract/coding';
import { codePath, type Media, type Uuid } from '../../../shared/domain';
import { formatTimecode } from '../../../shared/time';
import { UserError } from '../../../shared/errors';
import { BLIND_CODING_KEY, type NewSegment, type ProjectStore } from '../../db/store';
import { notMediaMessage, type Sniffed } from '../../../shared/media/sniff';
import { assertMediaFile, fingerprintFile, sniffFile } from '../../media';

export function codingService(store: ProjectStore): ServiceOf<typeof codingContract> {
  const coderFileFor = (): Uuid | null => store.getMeta('coder_file_for') ?? null;

  /** In a coder file only its own coder may code. */
  const checkCoder = (coderId: Uuid) => {
    const only = coderFileFor();
    if (only && only !== coderId) throw new UserError('forbidden', 'This coder file belongs to another coder; segments can only be added for its own coder');
  };

  return {
    async getProject(): Promise<ProjectInfo> {
      return {
        projectId: store.getMeta('project_id')!,
        name: store.getMeta('name') ?? '',
        file: store.file,
        schemaVersion: store.schemaVersion,
        systems: store.listSystems(),
        media: store.listMedia(),
        coders: store.listCoders(),
        codes: store.listCodes(),
        coderFileFor: coderFileFor(),
        segmentCount: store.countSegments(),
        blindCoding: store.blindCoding,
        blindRevealedFor: store.blindRevealedFor(),
      };
    },
    async setBlindCoding({ on }) {
      store.setMeta(BLIND_CODING_KEY, on ? '1' : '0');
      return { blindCoding: store.blindCoding };
    },
    async setBlindReveal({ coderId, reveal }) {
      store.getCoder(coderId);
      store.setMeta(`blind_reveal:${coderId}`, reveal ? '1' : '0');
      return { blindRevealedFor: store.blindRevealedFor() };
    },
    async listSegments({ mediaId, fromMs, toMs }) {
      store.getMedia(mediaId);
      return store.listSegmentsInWindow(mediaId, fromMs, toMs);
    },
    async segmentMarks({ mediaId }) {
      store.getMedia(mediaId);
      return store.segmentMarks(mediaId);
    },
    async createSegment({ addIdentical, ...input }) {
      checkCoder(input.coderId);
      if (!addIdentical) refuseIdentical(store, input);
      return store.recordEdit(input.startMs === input.endMs ? 'Add marker' : 'Create segment', () => store.insertSegment({ ...input, codeIds: input.codeIds }));
    },
    async updateSegment({ id, ...patch }) {
      checkCoder(store.getSegment(id).coderId);
      const label = patch.codeIds && patch.startMs === undefined && patch.endMs === undefined ? 'Re-code segment' : patch.startMs !== undefined || patch.endMs !== undefined ? 'Change segment times' : 'Edit segment';
      return store.recordEdit(label, () => store.updateSegment(id, patch));
    },
    async deleteSegment({ id }) {
      checkCoder(store.getSegment(id).coderId);
      store.recordEdit('Delete segment', () => store.deleteSegment(id));
      return { id };
    },
    async createCoder({ name, color }) {
      if (coderFileFor()) throw new UserError('forbidden', 'A coder file has a fixed coder; add coders in the main project');
      return store.recordEdit(`Add coder "${name}"`, () => store.insertCoder({ name, color }));
    },
    async createCode(input) {
      return store.recordEdit(`Add code "${input.name}"`, () => store.createCode(input));
    },
    async updateCode({ id, ...patch }) {
      return store.recordEdit('Edit code', () => store.updateCode(id, patch));
    },
    async codeUsage({ id }) {
      return store.codeUsage(id);
    },
    async deleteCode({ id }) {
      return store.recordEdit('Delete code', () => store.deleteCode(id));
    },
    async renameSystem({ id, name }) {
      return store.recordEdit('Rename activity system', () => store.renameSystem(id, name));
    },
    async mediaStatus({ mediaId }): Promise<MediaStatus> {
      return checkMediaFile(store.getMedia(mediaId));
    },
    async locateMedia({ mediaId, path: candidate }) {
      const media = store.getMedia(mediaId);
      const abs = path.resolve(candidate);
      if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new UserError('not_found', `${abs}: no such file`);
      assertMediaFile(abs);
      const { fingerprint, size } = fingerprintFile(abs);
      if (media.fingerprint === '') return store.updateMedia(mediaId, { path: abs, fingerprint, size, name: path.basename(abs) });
      if (fingerprint !== media.fingerprint) {
        throw new UserError('mismatch', `${abs} is not the same recording as "${media.name}" (its content fingerprint differs)`);
      }
      return store.updateMedia(mediaId, { path: abs });
    },
    async addMedia({ path: file }) {
      return addMediaFile(store, file);
    },
    async reportMediaInfo({ mediaId, durationMs, frameRate }) {
      const media = store.getMedia(mediaId);
      const patch: { durationMs?: number; frameRate?: number } = {};
      if (media.durationMs !== durationMs) patch.durationMs = durationMs;
      if (frameRate !== undefined && media.frameRate === null) patch.frameRate = frameRate;
      return Object.keys(patch).length ? store.updateMedia(mediaId, patch) : media;
    },
    async savePosition({ mediaId, positionMs }) {
      store.updateMedia(mediaId, { lastPositionMs: positionMs });
      return { ok: true as const };
    },
  };
}

export function addMediaFile(store: ProjectStore, file: string, durationMs: number | null = null, frameRate: number | null = null): Media {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new UserError('not_found', `${abs}: no such file`);
  assertMediaFile(abs);
  const { fingerprint, size } = fingerprintFile(abs);
  const same = store.listMedia().find((m) => m.fingerprint === fingerprint);
  if (same) throw new UserError('duplicate', `${abs} is already in the project as "${same.name}"`);
  return store.insertMedia({ path: abs, name: path.basename(abs), fingerprint, size, durationMs, frameRate });
}

/** Is the media's file where the project says, and is it the same recording? */
export function checkMediaFile(media: Media): MediaStatus {
  if (media.fingerprint === '') {
    return { state: 'missing', mediaId: media.id, path: media.path, message: `"${media.name}" has no video file yet (its segments were imported first). Locate the file to link it.` };
  }
  if (!fs.existsSync(media.path)) {
    return { state: 'missing', mediaId: media.id, path: media.path, message: `The video "${media.name}" is not at ${media.path} any more. Locate it to re-link it.` };
  }
  const st = fs.statSync(media.path);
  if (st.size !== media.size) {
    return { state: 'changed', mediaId: media.id, path: media.path, message: `The file at ${media.path} is not the recording "${media.name}" coded in this project (size differs). Locate the original.` };
  }
  let sniffed: Sniffed;
  try {
    sniffed = sniffFile(media.path);
  } catch (e) {
    return { state: 'changed', mediaId: media.id, path: media.path, message: `The file at ${media.path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions, or locate a copy.` };
  }
  if (!sniffed.media) return { state: 'changed', mediaId: media.id, path: media.path, message: notMediaMessage(media.path, sniffed.found) };
  return { state: 'ok', mediaId: media.id };
}

/** Refuses (code identical_segment) a segment the coder already has: same media, times and codes. */
function refuseIdentical(store: ProjectStore, s: NewSegment): void {
  if (!store.findIdenticalSegment(s)) return;
  const byId = new Map(store.listCodes().map((c) => [c.id, c]));
  const codes = [...new Set(s.codeIds)].map((id) => codePath(store.getCode(id), byId)).sort();
  const when = s.startMs === s.endMs ? formatTimecode(s.startMs) : `${formatTimecode(s.startMs)}–${formatTimecode(s.endMs)}`;
  const what = [...codes, when].join(', ');
  throw new UserError('identical_segment', `${store.getCoder(s.coderId).name} already has this segment (${what}): not added again`);
}
