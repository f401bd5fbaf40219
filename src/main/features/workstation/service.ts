/**
 * Workstation service calls: undo/redo over the persisted undo log, batch segment edits,
 * memos, contradictions, transcripts and media probing. Every edit runs through
 * store.recordEdit so it is one undo step.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceOf } from '../../../shared/contract';
import type { MediaProbe, UndoOutcome, workstationContract } from '../../../shared/contract/workstation';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { convertCommand } from '../../../shared/mediaTypes';
import { parseTranscript } from '../../../shared/transcript';
import type { ProjectStore, UndoStep } from '../../db/store';
import { convertContradictionCodings } from './contradictions';

export function workstationService(store: ProjectStore): ServiceOf<typeof workstationContract> {
  const checkCoder = (coderId: Uuid | null | undefined) => {
    const only = store.getMeta('coder_file_for');
    if (only && coderId && only !== coderId) throw new UserError('forbidden', 'This coder file belongs to another coder; only its own coder can edit here');
  };
  const undoState = () => {
    const s = store.undoLog?.state() ?? { undo: null, redo: null };
    const info = (x: UndoStep | null) => (x ? { label: x.label, createdAt: x.createdAt, undoable: x.undoable } : null);
    return { undo: info(s.undo), redo: info(s.redo) };
  };
  const step = (dir: 'undo' | 'redo'): UndoOutcome => {
    if (!store.undoLog) throw new UserError('unsupported', 'This project is open read-only; nothing can be undone');
    const r = dir === 'undo' ? store.undoLog.undo() : store.undoLog.redo();
    return { ...r, ...undoState() };
  };

  return {
    async undoState() {
      return undoState();
    },
    async undo() {
      return step('undo');
    },
    async redo() {
      return step('redo');
    },

    async recodeSegments({ ids, codeIds }) {
      return store.recordEdit(`Re-code ${ids.length} segment${ids.length === 1 ? '' : 's'}`, () =>
        ids.map((id) => {
          checkCoder(store.getSegment(id).coderId);
          return store.updateSegment(id, { codeIds });
        }),
      );
    },
    async deleteSegments({ ids }) {
      store.recordEdit(`Delete ${ids.length} segment${ids.length === 1 ? '' : 's'}`, () => {
        for (const id of ids) {
          checkCoder(store.getSegment(id).coderId);
          store.deleteSegment(id);
        }
      });
      return { ids };
    },

    async listMemos({ query }) {
      return store.searchMemos(query ?? '');
    },
    async createMemo(input) {
      checkCoder(input.coderId);
      return store.recordEdit('Add memo', () => store.insertMemo(input));
    },
    async updateMemo({ id, ...patch }) {
      checkCoder(store.getMemo(id).coderId);
      return store.recordEdit('Edit memo', () => store.updateMemo(id, patch));
    },
    async deleteMemo({ id }) {
      checkCoder(store.getMemo(id).coderId);
      store.recordEdit('Delete memo', () => store.deleteMemo(id));
      return { id };
    },

    async listContradictions() {
      return store.listContradictions();
    },
    async convertContradictionCodings({ mediaId, coderIds }) {
      const only = store.getMeta('coder_file_for');
      return convertContradictionCodings(store, { mediaId, coderIds: only ? [only] : coderIds });
    },
    async createContradiction(input) {
      checkCoder(input.coderId);
      return store.recordEdit('Code contradiction', () => store.insertContradiction(input));
    },
    async updateContradiction({ id, ...patch }) {
      checkCoder(store.getContradiction(id).coderId);
      return store.recordEdit('Edit contradiction', () => store.updateContradiction(id, patch));
    },
    async deleteContradiction({ id }) {
      checkCoder(store.getContradiction(id).coderId);
      store.recordEdit('Delete contradiction', () => store.deleteContradiction(id));
      return { id };
    },

    async listTranscripts({ mediaId }) {
      store.getMedia(mediaId);
      return store.listTranscripts(mediaId);
    },
    async importTranscript({ mediaId, fileName, text }) {
      store.getMedia(mediaId);
      let parsed;
      try {
        parsed = await parseTranscript(text, { fileName });
      } catch (e) {
        if (e instanceof Error && e.name === 'TranscriptError') e.message = `${fileName}: ${e.message}`;
        throw e;
      }
      return store.recordEdit(`Import transcript ${fileName}`, () =>
        store.insertTranscript({ mediaId, name: path.basename(fileName), format: parsed.format, cues: parsed.cues }),
      );
    },
    async deleteTranscript({ id }) {
      store.recordEdit('Delete transcript', () => store.deleteTranscript(id));
      return { id };
    },

    async probeMedia({ mediaId }) {
      return probeMediaFile(mediaId, store.getMedia(mediaId).path);
    },
  };
}

// ---------- media probing ----------

const VIDEO_NAMES: Record<string, string> = {
  h264: 'H.264', avc1: 'H.264', avc3: 'H.264',
  hevc: 'HEVC/H.265', hvc1: 'HEVC/H.265', hev1: 'HEVC/H.265', dvh1: 'Dolby Vision (HEVC)', dvhe: 'Dolby Vision (HEVC)',
  av1: 'AV1', av01: 'AV1', vp9: 'VP9', vp09: 'VP9', vp8: 'VP8', vp08: 'VP8', theora: 'Theora',
  prores: 'ProRes', apch: 'ProRes 422 HQ', apcn: 'ProRes 422', apcs: 'ProRes 422 LT', apco: 'ProRes 422 Proxy', ap4h: 'ProRes 4444', ap4x: 'ProRes 4444 XQ',
  mpeg4: 'MPEG-4 Part 2', mp4v: 'MPEG-4 Part 2', mpeg2video: 'MPEG-2', mjpeg: 'Motion JPEG', mjpa: 'Motion JPEG', jpeg: 'Motion JPEG',
  dnxhd: 'DNxHD', dvvideo: 'DV', wmv3: 'WMV 9', vc1: 'VC-1', msmpeg4v3: 'MS MPEG-4 v3', h263: 'H.263', s263: 'H.263',
};
const AUDIO_NAMES: Record<string, string> = {
  aac: 'AAC', mp4a: 'AAC', mp3: 'MP3', opus: 'Opus', Opus: 'Opus', vorbis: 'Vorbis', flac: 'FLAC', fLaC: 'FLAC',
  ac3: 'AC-3', 'ac-3': 'AC-3', eac3: 'E-AC-3', 'ec-3': 'E-AC-3', pcm_s16le: 'PCM', sowt: 'PCM', twos: 'PCM', lpcm: 'PCM', ipcm: 'PCM', alac: 'ALAC', wmav2: 'WMA',
};
/** What Chromium's built-in decoders play (no proprietary HEVC/ProRes). */
const PLAYABLE_VIDEO = new Set(['H.264', 'VP8', 'VP9', 'AV1', 'Theora']);

/** Sample-entry fourccs of an MP4/MOV file's `stsd` boxes (moov is read at the start or the end). */
export function mp4SampleEntries(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const span = Math.min(size, 8 * 1024 * 1024);
    const chunks: Buffer[] = [];
    const head = Buffer.alloc(span);
    fs.readSync(fd, head, 0, span, 0);
    chunks.push(head);
    if (size > span) {
      const tail = Buffer.alloc(span);
      fs.readSync(fd, tail, 0, span, size - span);
      chunks.push(tail);
    }
    const found: string[] = [];
    for (const buf of chunks) {
      for (let i = buf.indexOf('stsd'); i >= 0 && i + 20 <= buf.length; i = buf.indexOf('stsd', i + 4)) {
        const fourcc = buf.toString('latin1', i + 16, i + 20);
        if (/^[\x20-\x7e]{4}$/.test(fourcc) && !found.includes(fourcc)) found.push(fourcc);
      }
    }
    return found;
  } finally {
    fs.closeSync(fd);
  }
}

function ffprobeCodecs(file: string): { video: string | null; audio: string | null } | null {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', file], { encoding: 'utf8', timeout: 15_000 });
  if (r.error || r.status !== 0) return null;
  let video: string | null = null;
  let audio: string | null = null;
  for (const line of r.stdout.split('\n')) {
    const [name, type] = line.trim().split(',');
    if (type === 'video' && !video && name) video = name;
    if (type === 'audio' && !audio && name) audio = name;
  }
  return { video, audio };
}

export function probeMediaFile(mediaId: Uuid, file: string): MediaProbe {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  const name = path.basename(file);
  const base = { mediaId, convertCommand: convertCommand(name) };
  const viaFfprobe = ffprobeCodecs(file);
  if (viaFfprobe && (viaFfprobe.video || viaFfprobe.audio)) {
    const video = viaFfprobe.video ? (VIDEO_NAMES[viaFfprobe.video] ?? viaFfprobe.video) : null;
    const audio = viaFfprobe.audio ? (AUDIO_NAMES[viaFfprobe.audio] ?? viaFfprobe.audio) : null;
    return { ...base, videoCodec: video, audioCodec: audio, source: 'ffprobe', playable: video ? PLAYABLE_VIDEO.has(video) : null };
  }
  const entries = mp4SampleEntries(file);
  const v = entries.find((e) => VIDEO_NAMES[e]);
  const a = entries.find((e) => AUDIO_NAMES[e]);
  if (!v && !a) return { ...base, videoCodec: null, audioCodec: null, source: 'none', playable: null };
  const video = v ? VIDEO_NAMES[v]! : null;
  return { ...base, videoCodec: video, audioCodec: a ? AUDIO_NAMES[a]! : null, source: 'header', playable: video ? PLAYABLE_VIDEO.has(video) : null };
}
