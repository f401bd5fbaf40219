/** transcripts and transcript_cues: WebVTT/SRT transcripts of a recording (migration 40). */
import { randomUUID } from 'node:crypto';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { Transcript } from '../../../shared/transcript/types';
import { inTransaction, now, stmt, type Db } from '../connection';
import { getMedia } from './media';

export interface TranscriptRow { id: string; media_id: string; name: string; format: 'vtt' | 'srt'; created_at: number; updated_at: number }
export interface NewCue { startMs: number; endMs: number; speaker: string; text: string }

export function listTranscripts(db: Db, mediaId: Uuid): Transcript[] {
  const ts = stmt(db, 'SELECT * FROM transcripts WHERE media_id = ? ORDER BY created_at, name').all(mediaId) as TranscriptRow[];
  const cues = stmt(db, 'SELECT id, start_ms, end_ms, speaker, text FROM transcript_cues WHERE transcript_id = ? ORDER BY idx');
  return ts.map((t) => ({
    id: t.id, mediaId: t.media_id, name: t.name, format: t.format, createdAt: t.created_at, updatedAt: t.updated_at,
    cues: (cues.all(t.id) as { id: string; start_ms: number; end_ms: number; speaker: string; text: string }[])
      .map((c) => ({ id: c.id, startMs: c.start_ms, endMs: c.end_ms, speaker: c.speaker, text: c.text })),
  }));
}

/** The one INSERT of a transcript with its cues (in order); returns its id. */
export function insertTranscriptRows(db: Db, t: { mediaId: Uuid; name: string; format: 'vtt' | 'srt'; cues: NewCue[] }, at: number): Uuid {
  const id = randomUUID();
  stmt(db, 'INSERT INTO transcripts (id, media_id, name, format, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, t.mediaId, t.name, t.format, at, at);
  const ins = stmt(db, 'INSERT INTO transcript_cues (id, transcript_id, idx, start_ms, end_ms, speaker, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  t.cues.forEach((c, i) => ins.run(randomUUID(), id, i, c.startMs, c.endMs, c.speaker, c.text));
  return id;
}

export function insertTranscript(db: Db, t: { mediaId: Uuid; name: string; format: 'vtt' | 'srt'; cues: NewCue[] }): Transcript {
  return inTransaction(db, () => {
    getMedia(db, t.mediaId);
    const id = insertTranscriptRows(db, t, now(db));
    return listTranscripts(db, t.mediaId).find((x) => x.id === id)!;
  });
}

export function deleteTranscript(db: Db, id: Uuid): void {
  inTransaction(db, () => {
    const r = stmt(db, 'DELETE FROM transcripts WHERE id = ?').run(id);
    if (r.changes === 0) throw new UserError('not_found', `No transcript ${id}`);
  });
}

export function hasTranscript(db: Db, mediaId: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM transcripts WHERE media_id = ?').get(mediaId) !== undefined;
}

/** The cues of each recording's first transcript (by creation), by media and cue order. */
export function listFirstTranscriptCues(db: Db): { mediaId: Uuid; startMs: number; endMs: number; speaker: string; text: string }[] {
  return stmt(db, `SELECT t.media_id AS mediaId, c.start_ms AS startMs, c.end_ms AS endMs, c.speaker AS speaker, c.text AS text
    FROM transcripts t JOIN transcript_cues c ON c.transcript_id = t.id
    WHERE t.id = (SELECT t2.id FROM transcripts t2 WHERE t2.media_id = t.media_id ORDER BY t2.created_at, t2.id LIMIT 1)
    ORDER BY t.media_id, c.idx`).all() as { mediaId: Uuid; startMs: number; endMs: number; speaker: string; text: string }[];
}
