/**
 * The agreement export streamed from the project (rows read from the media/start index; the
 * snapshot holds only evidence segments) writes the same bytes as the pure writer on
 * a full snapshot, on a project with ties, overlaps, point events, two media (one of unknown
 * duration), a segment without codes, a consensus coder, notes and time-window / coder / code
 * filters.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { buildExport, exportFiles } from '../../src/main/features/export/export';
import { readSnapshot } from '../../src/main/features/export/snapshot';
import { createTheme } from '../../src/main/features/themes/themes';
import type { AgreementExportOptions } from '../../src/shared/csv/agreementProject';
import type { ExportFilters } from '../../src/shared/csv/scope';
import { prng } from '../../src/shared/random';
import { tmpDir } from '../helpers/tmp';

function project() {
  const store = ProjectStore.create(path.join(tmpDir(), 't.triangulate'));
  const media = [store.insertMedia({ path: '', name: 'b.mp4', fingerprint: '', size: 0, durationMs: 120_000 }), store.insertMedia({ path: '', name: 'a.mp4', fingerprint: '', size: 0, durationMs: null })];
  const coders = [store.insertCoder({ name: 'Ben' }), store.insertCoder({ name: 'Amina' }), store.insertCoder({ name: 'Consensus', isConsensus: true })];
  const codes = store.listCodes().filter((c) => c.element).slice(0, 6);
  const next = prng(7);
  const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  const segs = [];
  for (let i = 0; i < 400; i++) {
    const start = Math.floor(next() * 40) * 2000; // many equal starts
    const end = next() < 0.1 ? start : start + Math.floor(next() * 5) * 1000;
    const codeIds = [...new Set([pick(codes).id, ...(next() < 0.3 ? [pick(codes).id] : [])])];
    segs.push(store.insertSegment({ mediaId: pick(media).id, coderId: pick(coders).id, startMs: start, endMs: end, codeIds, note: pick(['', '', 'b note', 'a note', '=1+1']) }));
  }
  // a segment without codes reaching furthest on the media of unknown duration
  store.insertSegment({ mediaId: media[1]!.id, coderId: coders[0]!.id, startMs: 95_000, endMs: 99_000, codeIds: [] });
  store.insertContradiction({ level: 'primary', elementA: 'tools', systemA: null, coderId: coders[0]!.id, note: '', evidenceSegmentIds: [segs[1]!.id, segs[2]!.id] });
  const themes = [createTheme(store, { name: 'T1', codeIds: codes.slice(0, 4).map((c) => c.id) }), createTheme(store, { name: 'T2', codeIds: codes.slice(3).map((c) => c.id) })];
  return { store, media, coders, codes, themes };
}

describe('streamed agreement export', () => {
  it('agreement export: the bytes of the pure writer on the full snapshot (slices and exact, filters)', () => {
    const { store, media, coders, codes } = project();
    const full = readSnapshot(store);
    const cases: [ExportFilters, AgreementExportOptions][] = [
      [{}, {}],
      [{ fromMs: 7000, toMs: 61_000 }, { exact: true }],
      [{ mediaIds: [media[1]!.id], coderIds: [coders[0]!.id, coders[1]!.id] }, { unitMs: 500 }],
      [{ codeIds: [codes[0]!.id, codes[4]!.id] }, { excludeUncoded: true }],
    ];
    for (const [filters, opts] of cases) {
      const want = exportFiles(full, 'agreement', { ...opts, filters, bom: true });
      expect(want[0]!.text.split('\r\n').length).toBeGreaterThan(5);
      expect(buildExport(store, 'agreement', { ...opts, filters, bom: true })).toEqual(want);
    }
    store.close();
  });
});
