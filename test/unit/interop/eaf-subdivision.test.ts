/**
 * Issue 10, item 9: ELAN's times for annotations that have none of their own.
 *
 * A hand-written EAF with the structure of ELAN's sample_3.0.eaf: a root "text" tier, a
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
import { describe, expect, it } from 'vitest';
import { eafToBundle, parseEaf } from '../../../src/shared/interop/eaf';

const slot = (id: string, v?: number): string => `<TIME_SLOT TIME_SLOT_ID="${id}"${v === undefined ? '' : ` TIME_VALUE="${v}"`}/>`;
const al = (id: string, s1: string, s2: string, v: string): string =>
  `<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="${id}" TIME_SLOT_REF1="${s1}" TIME_SLOT_REF2="${s2}"><ANNOTATION_VALUE>${v}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>`;
const ref = (id: string, parent: string, v: string, prev?: string): string =>
  `<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="${id}" ANNOTATION_REF="${parent}"${prev ? ` PREVIOUS_ANNOTATION="${prev}"` : ''}><ANNOTATION_VALUE>${v}</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>`;

export const SUBDIVISION_EAF = `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
    <MEDIA_DESCRIPTOR MEDIA_URL="file:///data/session.wav" MIME_TYPE="audio/x-wav"/>
    <MEDIA_DESCRIPTOR MEDIA_URL="file:///data/session.mp4" MIME_TYPE="video/mp4"/>
  </HEADER>
  <TIME_ORDER>
    ${slot('ts1', 8000)}${slot('ts2')}${slot('ts3')}${slot('ts4')}${slot('ts9')}${slot('g1', 8000)}${slot('g2', 8400)}${slot('ts5', 12000)}
    ${slot('u1', 20000)}${slot('u2')}${slot('u3', 21000)}${slot('u4')}${slot('u5')}${slot('g3', 21500)}${slot('g4', 21600)}${slot('u6', 23000)}
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="text" TIER_ID="text">
    ${al('s1', 'ts1', 'ts5', 'The quick brown fox')}
    ${al('s2', 'u1', 'u6', 'jumps over the lazy dog')}
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="timesub" PARENT_REF="text" TIER_ID="words-timesub">
    ${al('w1', 'ts1', 'ts2', 'The')}${al('w2', 'ts2', 'ts3', 'quick')}${al('w3', 'ts3', 'ts4', 'brown')}${al('w4', 'ts4', 'ts5', 'fox')}
    ${al('w5', 'u1', 'u2', 'jumps')}${al('w6', 'u2', 'u3', 'over')}${al('w7', 'u3', 'u4', 'the')}${al('w8', 'u4', 'u5', 'lazy')}${al('w9', 'u5', 'u6', 'dog')}
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="timesub" PARENT_REF="words-timesub" TIER_ID="syllables">
    ${al('y1', 'ts2', 'ts9', 'qui')}${al('y2', 'ts9', 'ts3', 'ck')}
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="symsub" PARENT_REF="text" TIER_ID="words-symsub">
    ${ref('r1', 's1', 'The')}${ref('r2', 's1', 'quick', 'r1')}${ref('r3', 's1', 'brown', 'r2')}${ref('r4', 's1', 'fox', 'r3')}
    ${ref('r6', 's2', 'b', 'r5')}${ref('r7', 's2', 'c', 'r6')}${ref('r5', 's2', 'a')}
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="words-symsub" TIER_ID="pos">
    ${ref('p2', 'r2', 'Adj')}${ref('p6', 'r6', 'X')}
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="text" TIER_ID="gestures">
    ${al('g1', 'g1', 'g2', 'point')}${al('g2', 'g3', 'g4', 'beat')}
  </TIER>
  <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="text" TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="timesub" TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Subdivision" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="symsub" TIME_ALIGNABLE="false"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="assoc" TIME_ALIGNABLE="false"/>
  <CONSTRAINT DESCRIPTION="Time subdivision" STEREOTYPE="Time_Subdivision"/>
  <CONSTRAINT DESCRIPTION="Symbolic subdivision" STEREOTYPE="Symbolic_Subdivision"/>
  <CONSTRAINT DESCRIPTION="Association" STEREOTYPE="Symbolic_Association"/>
</ANNOTATION_DOCUMENT>`;

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
      ['beat', 21500, 21600],
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
