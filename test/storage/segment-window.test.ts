/**
 * The web API pages a media's segments by time window: a listSegments answer over a
 * 50,000-segment, five-hour media holds only the segments overlapping the window (its size is
 * bounded by the window, whatever the rest of the media holds), and the whole media comes only
 * as compact marks without ids or notes.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { dispatch } from '../../src/main/dispatch';
import { createService } from '../../src/main/service';
import type { Segment, SegmentMarks } from '../../src/shared/domain';
import { tmpDir } from '../helpers/tmp';

const N = 50_000;
const FIVE_HOURS = 5 * 3600_000;
// segment i: starts at i × 360 ms (50,000 × 360 ms = 5 h), lasts 1 to 2.5 s, coder i % 3, code i % 5;
// every tenth has a 1,000-character note, and one at 4 h has a note of the 100,000-character limit
const startOf = (i: number) => i * 360;
const endOf = (i: number) => i * 360 + 1000 + (i % 4) * 500;
const noteOf = (i: number) => (i === 40_000 ? 'y'.repeat(100_000) : i % 10 === 0 ? 'x'.repeat(1000) : '');

function bigMedia() {
  const store = ProjectStore.create(path.join(tmpDir(), 'big.triangulate'));
  const media = store.insertMedia({ path: '/videos/w.mp4', name: 'w.mp4', fingerprint: 'f'.repeat(64), size: 10, durationMs: FIVE_HOURS });
  const coders = ['Amina', 'Ben', 'Chen'].map((name) => store.insertCoder({ name }));
  const codes = store.listCodes().slice(0, 5);
  const seg = store.db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const link = store.db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  store.tx(() => {
    for (let i = 0; i < N; i++) {
      const id = randomUUID();
      seg.run(id, media.id, coders[i % 3]!.id, startOf(i), endOf(i), noteOf(i), i, i);
      link.run(id, codes[i % 5]!.id, i);
    }
  });
  return { store, media, coders, codes, api: createService(store) };
}

describe('listSegments by time window', () => {
  it('answers only the segments overlapping the window; the answer is bounded by the window', async () => {
    const { store, media, api } = bigMedia();
    const fromMs = 3600_000;
    const toMs = 3660_000;
    const got = (await dispatch(api, 'listSegments', { mediaId: media.id, fromMs, toMs })) as Segment[];
    // worked out from the generator, not from the database
    const want: number[] = [];
    for (let i = 0; i < N; i++) if (startOf(i) <= toMs && endOf(i) >= fromMs) want.push(i);
    // first: i = 9995 (3,598,200 + 2,500 = 3,600,700; 9993 and 9994 end at 3,598,980 and 3,599,840); last: 3,660,000 / 360 = 10166.67 → 10166
    expect(want[0]).toBe(9995);
    expect(want.at(-1)).toBe(10166);
    expect(got.map((s) => [s.startMs, s.endMs])).toEqual(want.map((i) => [startOf(i), endOf(i)]));
    expect(got.map((s) => s.note.length)).toEqual(want.map((i) => noteOf(i).length));
    const bytes = JSON.stringify(got).length;
    const notes = want.reduce((n, i) => n + noteOf(i).length, 0);
    expect(bytes).toBeLessThanOrEqual(want.length * 300 + notes);
    // the same media in one answer would be over a hundred times larger
    expect(JSON.stringify(store.listSegments(media.id)).length).toBeGreaterThan(100 * bytes);
    store.close();
  });

  it('marks cover the whole media without ids or notes, a few bytes per segment', async () => {
    const { store, media, coders, codes, api } = bigMedia();
    const m = (await dispatch(api, 'segmentMarks', { mediaId: media.id })) as SegmentMarks;
    expect(m.marks).toHaveLength(4 * N);
    expect(JSON.stringify(m).length).toBeLessThan(N * 30);
    expect(m.coderIds).toEqual(coders.map((c) => c.id));
    expect(m.codeIds).toEqual(codes.map((c) => c.id));
    // segment 40,000 (the one with the 100,000-character note) is the 40,001st quadruple
    expect(m.marks.slice(4 * 40_000, 4 * 40_001)).toEqual([startOf(40_000), endOf(40_000), 40_000 % 3, 0]);
    store.close();
  });

  it('refuses a window wider than an hour or ending before it starts, with one clear line', async () => {
    const { store, media, api } = bigMedia();
    await expect(dispatch(api, 'listSegments', { mediaId: media.id, fromMs: 0, toMs: FIVE_HOURS })).rejects.toThrow(/at most 60 minutes/);
    await expect(dispatch(api, 'listSegments', { mediaId: media.id, fromMs: 5000, toMs: 4000 })).rejects.toThrow(/toMs must not be before fromMs/);
    await expect(dispatch(api, 'listSegments', { mediaId: media.id })).rejects.toThrow();
    store.close();
  });
});
