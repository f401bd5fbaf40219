/**
 * Issue 10, item 9: ELAN's times for annotations that have none of their own.
 *
 * A hand-written EAF (test/fixtures/interop/elan-subdivision.eaf) with the structure of ELAN's sample_3.0.eaf: a root "text" tier, a
 * Time_Subdivision "words-timesub" tier whose inner slots have no TIME_VALUE, a Time_Subdivision
 * tier under that ("syllables"), a Symbolic_Subdivision "words-symsub" and a Symbolic_Association
 * "pos" tier, and a root "gestures" tier whose aligned slots sit between the unaligned ones in
 * TIME_ORDER (so interpolating over the global slot order gives 0-length words: the old bug).
 *
 * Expected times worked out by hand with ELAN's rules (mpi.eudico TimeProposer and
 * SymbolicSubdivision): a run of unaligned slots in a chain of child annotations divides the
 * interval between the chain's nearest timed slots evenly, step = floor(interval / parts);
 * the n children of a symbolic subdivision take [b + floor(i·d/n), b + floor((i+1)·d/n)].
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eafToBundle, parseEaf } from '../../../src/shared/interop/eaf';

const SUBDIVISION_EAF = readFileSync(path.resolve(__dirname, '../../fixtures/interop/elan-subdivision.eaf'), 'utf8');

const times = (tier: string): [string, number, number][] =>
  parseEaf(SUBDIVISION_EAF).tiers.find((t) => t.id === tier)!.annotations.map((a) => [a.value, a.startMs, a.endMs]);

describe('EAF Time_Subdivision: unaligned slots take ELAN times', () => {
  it('four words under 8000–12000 with no inner times: 1000 ms each', () => {
    expect(times('words-timesub').slice(0, 4)).toEqual([
      ['The', 8000, 9000],
      ['quick', 9000, 10000],
      ['brown', 10000, 11000],
      ['fox', 11000, 12000],
    ]);
  });

  it('an aligned inner slot splits the chain: only the runs around it are divided', () => {
    // u1 20000, u2 ?, u3 21000 (aligned), u4 ?, u5 ?, u6 23000
    // 20000–21000 in 2 parts: 500; 21000–23000 in 3 parts: floor(2000/3) = 666 → 21666, 22332
    expect(times('words-timesub').slice(4)).toEqual([
      ['jumps', 20000, 20500],
      ['over', 20500, 21000],
      ['the', 21000, 21666],
      ['lazy', 21666, 22332],
      ['dog', 22332, 23000],
    ]);
  });

  it('a subdivision of a subdivision divides its parent’s proposed interval', () => {
    // "quick" is 9000–10000 (proposed), its two syllables 500 ms each
    expect(times('syllables')).toEqual([
      ['qui', 9000, 9500],
      ['ck', 9500, 10000],
    ]);
  });

  it('slots of other tiers between them in TIME_ORDER do not change them, and aligned tiers keep their times', () => {
    expect(times('gestures')).toEqual([
      ['point', 8000, 8400],
      ['yes/no', 21500, 21600],
    ]);
    expect(times('text')).toEqual([
      ['The quick brown fox', 8000, 12000],
      ['jumps over the lazy dog', 20000, 23000],
    ]);
  });
});

describe('EAF symbolic tiers', () => {
  it('Symbolic_Subdivision children divide the parent evenly in PREVIOUS_ANNOTATION order', () => {
    // s2 = 20000–23000 in 3: 1000 each, order a (no previous), b, c, whatever the file order
    expect(times('words-symsub')).toEqual([
      ['The', 8000, 9000],
      ['quick', 9000, 10000],
      ['brown', 10000, 11000],
      ['fox', 11000, 12000],
      ['a', 20000, 21000],
      ['b', 21000, 22000],
      ['c', 22000, 23000],
    ]);
  });

  it('Symbolic_Association takes its parent’s (virtual) span', () => {
    expect(times('pos')).toEqual([
      ['Adj', 9000, 10000],
      ['X', 21000, 22000],
    ]);
  });
});

describe('EAF time subdivision → segments', () => {
  it('every word becomes its own segment with its own time: none is 0 ms', () => {
    let n = 0;
    const { bundle } = eafToBundle(parseEaf(SUBDIVISION_EAF), {
      tierIds: ['words-timesub'],
      coderName: 'ana',
      codes: [],
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
      now: 0,
    });
    expect(bundle.segments).toHaveLength(9);
    expect(bundle.segments.filter((s) => s.endMs === s.startMs)).toEqual([]);
    expect(bundle.segments.map((s) => s.codeIds.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
