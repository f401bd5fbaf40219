/**
 * The `waveforms` table (migration 80): the cached RMS envelope of a recording, little-endian
 * float32, valid while its fingerprint equals the recording's (a re-located different file
 * gets a new one).
 */
import os from 'node:os';
import type { Uuid } from '../../../shared/domain';
import { type Db, stmt } from '../connection';

export interface CachedEnvelope {
  mediaId: Uuid;
  fingerprint: string;
  rateHz: number;
  values: Float32Array;
  createdAt: number;
}

export interface WaveformRow { media_id: string; fingerprint: string; rate_hz: number; sample_count: number; envelope: Uint8Array; created_at: number }

const toEnvelope = (r: WaveformRow): CachedEnvelope => ({
  mediaId: r.media_id, fingerprint: r.fingerprint, rateHz: r.rate_hz, values: floatsLE(r.envelope.subarray(0, 4 * r.sample_count)), createdAt: r.created_at,
});

const LITTLE_ENDIAN = os.endianness() === 'LE';

/** Little-endian float32 bytes as a Float32Array (a copy into an aligned buffer). */
export function floatsLE(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length >> 2);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}

/** Float32Array → little-endian bytes. */
export function envelopeBytes(values: Float32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
  return out;
}

/** The cached envelope of a recording for this fingerprint, or null. */
export function getWaveform(db: Db, mediaId: Uuid, fingerprint: string): CachedEnvelope | null {
  const row = stmt(db, 'SELECT * FROM waveforms WHERE media_id = ? AND fingerprint = ?').get(mediaId, fingerprint) as WaveformRow | undefined;
  return row ? toEnvelope(row) : null;
}

export function hasWaveform(db: Db, mediaId: Uuid, fingerprint: string): boolean {
  return stmt(db, 'SELECT 1 FROM waveforms WHERE media_id = ? AND fingerprint = ?').get(mediaId, fingerprint) !== undefined;
}

/** Writes a row as another study file holds it (a merge). */
export function putWaveformRow(db: Db, r: WaveformRow): void {
  stmt(db, 'INSERT OR REPLACE INTO waveforms (media_id, fingerprint, rate_hz, sample_count, envelope, created_at) VALUES (@media_id, @fingerprint, @rate_hz, @sample_count, @envelope, @created_at)').run(r);
}

export function putWaveform(db: Db, e: Omit<CachedEnvelope, 'createdAt'>, now: number): void {
  stmt(db, 'INSERT OR REPLACE INTO waveforms (media_id, fingerprint, rate_hz, sample_count, envelope, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(e.mediaId, e.fingerprint, e.rateHz, e.values.length, envelopeBytes(e.values), now);
}
