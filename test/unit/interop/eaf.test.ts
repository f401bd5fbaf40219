import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codePath, type Segment } from '../../../src/shared/domain';
import { InteropError } from '../../../src/shared/interop/errors';
import { eafToBundle, exportEaf, parseEaf } from '../../../src/shared/interop/eaf';
import { eafStructureProblems } from '../../helpers/eafStructure';
import { fixtureSnapshot } from './fixture';

const FIXTURE = path.resolve(__dirname, '../../fixtures/interop/elan6-workshop.eaf');
let counter = 0;
const newId = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const key = (s: Pick<Segment, 'coderId' | 'startMs' | 'endMs' | 'codeIds'>): string => JSON.stringify([s.coderId, s.startMs, s.endMs, [...s.codeIds].sort()]);

describe('EAF export', () => {
  const snap = fixtureSnapshot();
  const xml = exportEaf(snap, { mediaId: snap.media[0].id, exportedAt: Date.UTC(2024, 5, 1) });

  it('writes ELAN 3.0 structure: header with media, time order in ms, tiers per coder × group, CV and linguistic type', () => {
    expect(xml).toContain('FORMAT="3.0" VERSION="3.0"');
    expect(xml).toContain('<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">');
    expect(xml).toContain('MEDIA_URL="file:///home/ana/videos/Workshop%201.mp4" MIME_TYPE="video/mp4" RELATIVE_MEDIA_URL="./Workshop%201.mp4"');
    expect(xml).toContain('<LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF="Triangulate codebook"');
    expect(xml).toMatch(/<CV_ENTRY_ML CVE_ID="cve_[0-9a-f-]{36}">/);
    const parsed = parseEaf(xml);
    expect(parsed.tiers.map((t) => [t.id, t.annotator])).toEqual([
      ['Alice - Tools', 'Alice'],
      ['Alice - Tools (2)', 'Alice'], // Researchers/Tools and Coaches/Tools overlap
      ['Alice - Object', 'Alice'],
      ['Alice - Markers', 'Alice'],
      ['Bob & Co <2> - Tools', 'Bob & Co <2>'],
      ['Bob & Co <2> - Rules', 'Bob & Co <2>'],
      ['Bob & Co <2> - Contradictions', 'Bob & Co <2>'],
      ['Bob & Co <2> - Uncoded', 'Bob & Co <2>'],
      ['Consensus - Tools', 'Consensus'],
    ]);
    expect(parsed.tiers[0].annotations).toEqual([{ id: 'a1', startMs: 1001, endMs: 12345, value: 'Researchers/Tools', cveRef: `cve_${snap.codes[2].id}`, kind: 'alignable' }]);
    // no tier has overlapping annotations
    for (const t of parsed.tiers) for (let i = 1; i < t.annotations.length; i++) expect(t.annotations[i].startMs).toBeGreaterThanOrEqual(t.annotations[i - 1].endMs);
  });

  it('refuses an unknown media id', () => {
    expect(() => exportEaf(snap, { mediaId: 'nope' })).toThrow(InteropError);
  });

  it('has the structure ELAN needs (root, header with media, referenced ascending time slots, defined types, unique ids)', () => {
    expect(eafStructureProblems(xml)).toEqual([]);
  });
});

describe('EAF structure checks (in place of the unshipped EAF schema)', () => {
  const snap = fixtureSnapshot();
  const xml = exportEaf(snap, { mediaId: snap.media[0].id, exportedAt: Date.UTC(2024, 5, 1) });

  it('accept a file written by ELAN 6 itself', () => {
    expect(eafStructureProblems(readFileSync(FIXTURE, 'utf8'))).toEqual([]);
  });

  it('name each broken rule', () => {
    expect(eafStructureProblems(xml.replace(/ANNOTATION_DOCUMENT/g, 'DOC'))).toEqual(['root element is not ANNOTATION_DOCUMENT']);
    expect(eafStructureProblems(xml.replace(/<MEDIA_DESCRIPTOR [^>]*\/>/g, ''))).toEqual(['HEADER has no MEDIA_DESCRIPTOR']);
    expect(eafStructureProblems(xml.replace('TIME_SLOT_REF1="ts1"', 'TIME_SLOT_REF1="ts999"'))).toEqual(['annotation a5 refers to missing time slot ts999', 'time slot ts1 is not referenced']);
    expect(eafStructureProblems(xml.replace('TIME_SLOT_ID="ts2" TIME_VALUE="', 'TIME_SLOT_ID="ts2" TIME_VALUE="-'))).toEqual(['TIME_SLOT values not ascending at 1']);
    expect(eafStructureProblems(xml.replace('TIER_ID="Alice - Tools (2)"', 'TIER_ID="Alice - Tools"'))).toEqual(['duplicate tier id Alice - Tools']);
    expect(eafStructureProblems(xml.replace(/LINGUISTIC_TYPE_REF="[^"]*"/, 'LINGUISTIC_TYPE_REF="nope"'))).toEqual(['tier Alice - Tools uses undefined linguistic type nope']);
  });
});

describe('EAF round trip', () => {
  const snap = fixtureSnapshot();
  for (const media of snap.media) {
    it(`keeps every segment's coder, codes and times for ${media.name}`, () => {
      const parsed = parseEaf(exportEaf(snap, { mediaId: media.id }));
      const got: Segment[] = [];
      for (const coder of snap.coders) {
        const tierIds = parsed.tiers.filter((t) => t.annotator === coder.name).map((t) => t.id);
        if (!tierIds.length) continue;
        const { bundle, unknownValues } = eafToBundle(parsed, { tierIds, coderName: coder.name, coderId: coder.id, codes: snap.codes, mediaId: media.id, newId });
        expect(unknownValues).toEqual([]);
        expect(bundle.codes).toEqual([]);
        got.push(...bundle.segments);
      }
      const want = snap.segments.filter((s) => s.mediaId === media.id);
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(got.every((s) => s.mediaId === media.id)).toBe(true);
    });
  }

  it('rebuilds the codebook tree and CHAT metadata into an empty project', () => {
    const parsed = parseEaf(exportEaf(snap, { mediaId: snap.media[0].id }));
    const { bundle } = eafToBundle(parsed, { tierIds: parsed.tiers.map((t) => t.id), coderName: 'All', codes: [], importVocabulary: true, newId });
    const paths = (codes: typeof snap.codes) => {
      const byId = new Map(codes.map((c) => [c.id, c]));
      return codes.map((c) => [codePath(c, byId), c.kind, c.element, c.systemId, c.contradictionLevel, c.hotkey, c.color].join('|')).sort();
    };
    expect(paths(bundle.codes)).toEqual(paths(snap.codes));
    // ids survive through CVE_IDs
    expect(bundle.codes.map((c) => c.id).sort()).toEqual(snap.codes.map((c) => c.id).sort());
    expect(bundle.systems.map((s) => s.name).sort()).toEqual(['Coaches', 'Researchers']);
    expect(bundle.media[0]).toMatchObject({ location: 'absolute', path: '/home/ana/videos/Workshop 1.mp4', name: 'Workshop 1.mp4', mimeType: 'video/mp4' });
  });
});

describe('EAF written by ELAN 6', () => {
  const parsed = parseEaf(readFileSync(FIXTURE, 'utf8'));

  it('reads tiers, annotators, participants, linguistic types and media', () => {
    expect(parsed.tiers.map((t) => [t.id, t.annotator, t.participant, t.linguisticType, t.parentRef])).toEqual([
      ['Maria - Tools', 'Maria', 'Coach group', 'CHAT-codes', null],
      ['Maria - Rules', 'Maria', 'Coach group', 'CHAT-codes', null],
      ['Maria - Rules comments', '', '', 'comment', 'Maria - Rules'],
      ['default', '', '', 'default-lt', null],
    ]);
    expect(parsed.mediaUrls).toEqual(['file:///C:/Users/maria/Documents/Workshop%202.mp4', 'file:///C:/Users/maria/Documents/Workshop%202.wav']);
    expect(parsed.controlledVocabularies[0].entries.map((e) => e.value)).toEqual(['Researchers/Tools', 'Division of labour', 'Rules']);
  });

  it('interpolates unaligned time slots, takes CV values for empty annotations, and lets REF_ANNOTATIONs inherit times', () => {
    expect(parsed.tiers[0].annotations.map((a) => [a.startMs, a.endMs, a.value])).toEqual([
      [1250, 4870, 'Researchers/Tools'],
      [6000, 7500, 'Division of labour'], // ts4 has no TIME_VALUE: halfway between 6000 and 9000
      [7500, 9000, 'Coffee & biscuits'],
      [3723004, 3725000, 'tools'],
    ]);
    expect(parsed.tiers[2].annotations).toEqual([{ id: 'a5', startMs: 12345, endMs: 20100, value: '"briefs look academic"', cveRef: null, kind: 'ref' }]);
  });

  it('maps values to codes by path or name and reports unknown values as new codes', () => {
    const snap = fixtureSnapshot();
    const { bundle, unknownValues } = eafToBundle(parsed, { tierIds: ['Maria - Tools', 'Maria - Rules'], coderName: 'Maria', codes: snap.codes, newId, now: 1 });
    expect(unknownValues).toEqual(['Coffee & biscuits', 'tools']); // "tools" is ambiguous (two systems)
    expect(bundle.codes.map((c) => [c.name, c.kind, c.parentId])).toEqual([
      ['Coffee & biscuits', 'custom', null],
      ['tools', 'custom', null],
    ]);
    const byName = (n: string) => [...snap.codes, ...bundle.codes].find((c) => c.name === n)!.id;
    const rTools = snap.codes.find((c) => c.name === 'Tools' && c.parentId === snap.codes[0].id)!.id;
    expect(bundle.segments.map((s) => [s.startMs, s.endMs, s.codeIds])).toEqual([
      [1250, 4870, [rTools]],
      [6000, 7500, [byName('Division of labour')]],
      [7500, 9000, [byName('Coffee & biscuits')]],
      [12345, 20100, [byName('Rules')]],
      [3723004, 3725000, [byName('tools')]],
    ]);
    expect(bundle.coders).toMatchObject([{ name: 'Maria' }]);
    expect(bundle.segments.every((s) => s.coderId === bundle.coders[0].id && s.mediaId === bundle.media[0].id)).toBe(true);
    expect(bundle.media[0]).toMatchObject({ location: 'absolute', path: 'C:/Users/maria/Documents/Workshop 2.mp4', name: 'Workshop 2.mp4' });
  });

  it('honours explicit mappings and skipping', () => {
    const snap = fixtureSnapshot();
    const { bundle, unknownValues } = eafToBundle(parsed, {
      tierIds: ['Maria - Tools'],
      coderName: 'Maria',
      codes: snap.codes,
      valueMap: { tools: snap.codes[6].id, 'Coffee & biscuits': 'skip' },
      unknown: 'skip',
      newId,
    });
    expect(unknownValues).toEqual([]);
    expect(bundle.codes).toEqual([]);
    expect(bundle.segments.map((s) => s.startMs)).toEqual([1250, 6000, 3723004]);
    expect(bundle.segments[2].codeIds).toEqual([snap.codes[6].id]);
  });

  it('refuses missing tiers and non-EAF XML clearly', () => {
    expect(() => eafToBundle(parsed, { tierIds: ['nope'], coderName: 'x', codes: [] })).toThrow(/no tier "nope"/);
    expect(() => parseEaf('<html/>')).toThrow(/not an ELAN/);
    expect(() => parseEaf('<ANNOTATION_DOCUMENT><TIER>')).toThrow(/not well-formed/);
    expect(() => parseEaf('<ANNOTATION_DOCUMENT><HEADER TIME_UNITS="NTSC-frames"/></ANNOTATION_DOCUMENT>')).toThrow(/only milliseconds/);
  });
});
