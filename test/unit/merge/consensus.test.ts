import { describe, expect, it } from 'vitest';
import { consensusRanges, intersectCoders, mergeRanges } from '../../../src/shared/merge/consensus';
import { coderLabels } from '../../../src/shared/merge/coderLabels';
import { canonicalJson, pickVersion, tombstoneWins } from '../../../src/shared/merge/version';
import { parseRows, segmentRow } from '../../../src/shared/merge/rows';

const seg = (coderId: string, startMs: number, endMs: number) => ({ id: `${coderId}${startMs}`, coderId, startMs, endMs });

describe('consensus ranges', () => {
  // A: [0,4000] + [3000,6000] (overlapping: one reading 0–6000); B: [2000,9000]; C: [5000,5000] point
  const segments = [seg('A', 0, 4000), seg('A', 3000, 6000), seg('B', 2000, 9000)];
  it('merges overlapping and touching intervals, keeps distinct points', () => {
    expect(mergeRanges([{ startMs: 5, endMs: 10 }, { startMs: 0, endMs: 5 }, { startMs: 20, endMs: 20 }, { startMs: 20, endMs: 20 }, { startMs: 12, endMs: 15 }]))
      .toEqual([{ startMs: 0, endMs: 10 }, { startMs: 12, endMs: 15 }, { startMs: 20, endMs: 20 }]);
  });
  it('accept = the chosen coder\'s segments merged', () => {
    expect(consensusRanges({ action: 'accept', segments, codersApplied: ['A', 'B'], pointEvent: false, chosenCoderId: 'A' })).toEqual([{ startMs: 0, endMs: 6000 }]);
    expect(() => consensusRanges({ action: 'accept', segments, codersApplied: ['A', 'B'], pointEvent: false, chosenCoderId: 'C' })).toThrow(/did not apply/);
  });
  it('union = everyone\'s time; intersection = time every applying coder shares', () => {
    expect(consensusRanges({ action: 'union', segments, codersApplied: ['A', 'B'], pointEvent: false })).toEqual([{ startMs: 0, endMs: 9000 }]);
    expect(consensusRanges({ action: 'intersection', segments, codersApplied: ['A', 'B'], pointEvent: false })).toEqual([{ startMs: 2000, endMs: 6000 }]);
    // pieces: A [0,10]+[20,30], B [5,25] → [5,10] and [20,25]
    expect(intersectCoders([seg('A', 0, 10), seg('A', 20, 30), seg('B', 5, 25)], ['A', 'B'])).toEqual([{ startMs: 5, endMs: 10 }, { startMs: 20, endMs: 25 }]);
    expect(() => consensusRanges({ action: 'intersection', segments: [seg('A', 0, 10), seg('B', 10, 20)], codersApplied: ['A', 'B'], pointEvent: false })).toThrow(/share no time/);
  });
  it('points: union keeps each, bulk takes the rounded mean, never a range (intersection / ranged adjust refused)', () => {
    const pts = [seg('A', 1000, 1000), seg('B', 1401, 1401)];
    expect(consensusRanges({ action: 'union', segments: pts, codersApplied: ['A', 'B'], pointEvent: true })).toEqual([{ startMs: 1000, endMs: 1000 }, { startMs: 1401, endMs: 1401 }]);
    expect(() => consensusRanges({ action: 'intersection', segments: pts, codersApplied: ['A', 'B'], pointEvent: true })).toThrow(/share no time/);
    expect(() => consensusRanges({ action: 'adjust', segments: pts, codersApplied: ['A', 'B'], pointEvent: true, startMs: 1000, endMs: 1401 })).toThrow(/stays a point/);
    expect(consensusRanges({ action: 'adjust', segments: pts, codersApplied: ['A', 'B'], pointEvent: true, startMs: 1200, endMs: 1200 })).toEqual([{ startMs: 1200, endMs: 1200 }]);
    expect(consensusRanges({ action: 'bulk-agree', segments: pts, codersApplied: ['A', 'B'], pointEvent: true })).toEqual([{ startMs: 1201, endMs: 1201 }]);
  });
  it('adjust takes the dragged range; drop writes nothing; bulk falls back to the union when no time is shared', () => {
    expect(consensusRanges({ action: 'adjust', segments, codersApplied: ['A', 'B'], pointEvent: false, startMs: 1500, endMs: 7000 })).toEqual([{ startMs: 1500, endMs: 7000 }]);
    expect(() => consensusRanges({ action: 'adjust', segments, codersApplied: ['A', 'B'], pointEvent: false, startMs: 7000, endMs: 1500 })).toThrow(/not a valid range/);
    expect(consensusRanges({ action: 'drop', segments, codersApplied: ['A', 'B'], pointEvent: false })).toEqual([]);
    expect(consensusRanges({ action: 'bulk-agree', segments: [seg('A', 0, 10), seg('B', 10, 20)], codersApplied: ['A', 'B'], pointEvent: false })).toEqual([{ startMs: 0, endMs: 20 }]);
  });
});

describe('versions', () => {
  it('later updated_at wins; equal stamps: equal content is the same, else the larger canonical text', () => {
    expect(pickVersion({ updated_at: 2, v: 'a' }, { updated_at: 1, v: 'b' })).toBe('incoming');
    expect(pickVersion({ updated_at: 1, v: 'z' }, { updated_at: 2, v: 'a' })).toBe('current');
    expect(pickVersion({ v: 'a', updated_at: 1 }, { updated_at: 1, v: 'a' })).toBe('same');
    expect(pickVersion({ updated_at: 1, v: 'b' }, { updated_at: 1, v: 'a' })).toBe('incoming');
    expect(pickVersion({ updated_at: 1, v: 'a' }, { updated_at: 1, v: 'b' })).toBe('current');
  });
  it('a tombstone deletes a record not updated after it', () => {
    expect(tombstoneWins(5, 5)).toBe(true);
    expect(tombstoneWins(5, 6)).toBe(false);
    expect(tombstoneWins(undefined, 0)).toBe(false);
  });
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
  });
});

describe('coder labels', () => {
  it('two coders with one name get "(2)" by creation order; others keep their name', () => {
    const labels = coderLabels([
      { id: 'z', name: 'Ben', createdAt: 5 },
      { id: 'a', name: 'Amina', createdAt: 1 },
      { id: 'b', name: 'ben', createdAt: 3 },
    ]);
    expect([...labels.entries()].sort()).toEqual([['a', 'Amina'], ['b', 'ben'], ['z', 'Ben (2)']]);
  });
});

describe('row validation', () => {
  it('names the table, row, id and field of the first bad row', () => {
    const good = { id: 's1', media_id: 'm', coder_id: 'c', start_ms: 0, end_ms: 10, note: '', created_at: 1, updated_at: 1 };
    expect(parseRows('segments', segmentRow, [good], (m) => new Error(m))).toEqual([good]);
    expect(() => parseRows('segments', segmentRow, [good, { ...good, id: 's2', start_ms: '3' }], (m) => new Error(m))).toThrow(/^table segments, row 2 \(id s2\): field "start_ms": /);
    expect(() => parseRows('segments', segmentRow, [{ ...good, end_ms: -1 }], (m) => new Error(m))).toThrow(/row 1 \(id s1\): field "end_ms"/);
    expect(() => parseRows('segments', segmentRow, [{ ...good, start_ms: 20 }], (m) => new Error(m))).toThrow(/field "end_ms": end_ms is before start_ms/);
  });
});
