import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InteropError } from '../../../src/shared/interop/errors';
import { eventTableToBundle, parseBorisRows, parseElanTsvRows, parseEventTableText, splitDelimited } from '../../../src/shared/interop/eventTables';
import { fixtureSnapshot } from './fixture';

const fx = (name: string): string => readFileSync(path.resolve(__dirname, '../../fixtures/interop', name), 'utf8');
let counter = 0;
const newId = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

describe('splitDelimited', () => {
  it('detects tab, comma and semicolon and honours quotes', () => {
    expect(splitDelimited('a\tb\n"c\td"\te\r\n')).toEqual([['a', 'b'], ['c\td', 'e']]);
    expect(splitDelimited('\uFEFFa,"b,""x""",c\n1,2,3')).toEqual([['a', 'b,"x"', 'c'], ['1', '2', '3']]);
    expect(splitDelimited('a;b;c\n1;2,5;3')).toEqual([['a', 'b', 'c'], ['1', '2,5', '3']]);
    expect(() => splitDelimited('a,"b\n')).toThrow(InteropError);
  });
});

describe('BORIS tabular events', () => {
  const table = parseEventTableText(fx('boris-tabular-events.tsv'));

  it('pairs START/STOP per subject and behaviour, keeps POINTs as point events', () => {
    expect(table.format).toBe('boris-events');
    expect(table.events.map((e) => [e.source, e.value, e.startMs, e.endMs, e.comment])).toEqual([
      ['Coach A', 'Tools', 1001, 12345, 'template shown / put away'],
      ['Researcher B', 'Tools', 3500, 14000, ''],
      ['Coach A', 'Challenge', 5250, 5250, 'asks "why?"'],
      ['No focal subject', 'Rules', 20000, 3723004, ''],
    ]);
    expect(table.events[0]).toMatchObject({ line: 15, category: 'CHAT', mediaPath: '/home/ana/videos/Workshop 1.mp4', fps: 25, mediaDurationMs: 5400123 });
  });

  it('previews distinct subjects, behaviours, categories and media', () => {
    expect(table.preview).toEqual({
      sources: ['Coach A', 'Researcher B', 'No focal subject'],
      values: ['Tools', 'Challenge', 'Rules'],
      categories: ['CHAT', 'Markers'],
      mediaPaths: ['/home/ana/videos/Workshop 1.mp4'],
      eventCount: 4,
      pointCount: 1,
    });
  });

  it('maps behaviours to codes and subjects to coders', () => {
    const snap = fixtureSnapshot();
    const rTools = snap.codes[2];
    const challenge = snap.codes.find((c) => c.name === 'Challenge')!;
    const bundle = eventTableToBundle(table, {
      values: { Tools: rTools.id, Challenge: challenge.id, Rules: 'new' },
      sources: { 'Coach A': 'Alice', 'Researcher B': 'Maria', 'No focal subject': 'skip' },
      codes: snap.codes,
      coders: snap.coders,
      newId,
      now: 7,
    });
    expect(bundle.source).toBe('boris');
    expect(bundle.coders.map((c) => c.name)).toEqual(['Maria']); // Alice exists already
    expect(bundle.codes.map((c) => [c.name, c.kind])).toEqual([['Rules', 'custom']]);
    expect(bundle.media).toMatchObject([{ location: 'absolute', path: '/home/ana/videos/Workshop 1.mp4', durationMs: 5400123, frameRate: 25 }]);
    const alice = snap.coders[0].id;
    expect(bundle.segments.map((s) => [s.coderId, s.startMs, s.endMs, s.codeIds, s.note])).toEqual([
      [alice, 1001, 12345, [rTools.id], 'template shown / put away'],
      [bundle.coders[0].id, 3500, 14000, [rTools.id], ''],
      [alice, 5250, 5250, [challenge.id], 'asks "why?"'],
    ]);
    expect(bundle.segments.every((s) => s.mediaId === bundle.media[0].id)).toBe(true);
  });

  it('refuses an unpaired START with its line, subject, behaviour and time', () => {
    const rows = splitDelimited(fx('boris-tabular-events.tsv')).filter((r) => !(r[8] === 'STOP' && r[4] === 'Researcher B'));
    expect(() => parseBorisRows(rows)).toThrow(new InteropError('Line 16: START of "Tools" for subject "Researcher B" at 3.5 s has no matching STOP.'));
  });

  it('refuses a STOP without START, a double START and unknown statuses', () => {
    const head = ['Time', 'Subject', 'Behavior', 'Status'];
    expect(() => parseBorisRows([head, ['1', 'A', 'x', 'STOP']])).toThrow(/Line 2: STOP of "x" for subject "A" at 1 s has no matching START/);
    expect(() => parseBorisRows([head, ['1', 'A', 'x', 'START'], ['2', 'A', 'x', 'START']])).toThrow(/Line 3: START .* the START on line 2 has no STOP yet/);
    expect(() => parseBorisRows([head, ['1', 'A', 'x', 'PAUSE']])).toThrow(/unknown status "PAUSE"/);
    expect(() => parseBorisRows([head, ['soon', 'A', 'x', 'POINT']])).toThrow(/Line 2: Time "soon" is not a time/);
    expect(() => parseBorisRows([['a', 'b']])).toThrow(/not a BORIS export/);
  });

  it('asks for a media when events have none', () => {
    const t = parseBorisRows([['Time', 'Subject', 'Behavior', 'Status'], ['1', 'A', 'x', 'POINT']]);
    expect(() => eventTableToBundle(t, { codes: [] })).toThrow(/choose the media/);
    const b = eventTableToBundle(t, { codes: [], mediaId: 'm', newId });
    expect(b.segments[0]).toMatchObject({ mediaId: 'm', startMs: 1000, endMs: 1000 });
    expect(b.media).toEqual([]);
  });
});

describe('BORIS aggregated events', () => {
  it('reads one event per row, POINT with NA stop', () => {
    const t = parseEventTableText(fx('boris-aggregated.csv'));
    expect(t.format).toBe('boris-aggregated');
    expect(t.events.map((e) => [e.source, e.value, e.startMs, e.endMs])).toEqual([
      ['Coach A', 'Tools', 1001, 12345],
      ['Coach A', 'Challenge', 5250, 5250],
    ]);
  });
});

describe('ELAN tab-delimited', () => {
  it('reads a headerless ELAN export with several time formats per row', () => {
    const t = parseEventTableText(fx('elan-tab-delimited.txt'));
    expect(t.format).toBe('elan-tsv');
    expect(t.events.map((e) => [e.source, e.startMs, e.endMs, e.value])).toEqual([
      ['Coach A - Tools', 1001, 12345, 'template'],
      ['Coach A - Tools', 60000, 90500, 'Researchers/Tools'],
      ['Bob - Rules', 3723004, 3724000, 'Rules'],
    ]);
    expect(t.preview.sources).toEqual(['Coach A - Tools', 'Bob - Rules']);
  });

  it('reads header rows with seconds, h:mm:ss.mmm or msec columns, and begin + duration', () => {
    expect(parseElanTsvRows([['Tier', 'Begin Time - msec', 'End Time - msec', 'Annotation'], ['T', '1001', '2002', 'x']]).events[0]).toMatchObject({ startMs: 1001, endMs: 2002 });
    expect(parseElanTsvRows([['tier', 'begin', 'end', 'value'], ['T', '1.5', '0:00:02.250', 'x']]).events[0]).toMatchObject({ startMs: 1500, endMs: 2250 });
    expect(parseElanTsvRows([['T', '10.0', '2.5', 'x']]).events[0]).toMatchObject({ startMs: 10000, endMs: 12500 }); // begin, duration
    expect(parseElanTsvRows([['tier', 'begin', 'duration', 'value'], ['T', '10', '2.5', 'x']]).events[0]).toMatchObject({ startMs: 10000, endMs: 12500 });
  });

  it('maps tiers to coders and values to codes', () => {
    const snap = fixtureSnapshot();
    const t = parseEventTableText(fx('elan-tab-delimited.txt'));
    const b = eventTableToBundle(t, { codes: snap.codes, values: { 'Researchers/Tools': snap.codes[2].id, Rules: snap.codes[3].id, template: 'skip' }, sources: { 'Coach A - Tools': 'Alice', 'Bob - Rules': 'Bob' }, mediaId: snap.media[0].id, newId });
    expect(b.source).toBe('elan-tsv');
    expect(b.segments.map((s) => [s.startMs, s.codeIds])).toEqual([
      [60000, [snap.codes[2].id]],
      [3723004, [snap.codes[3].id]],
    ]);
    expect(() => eventTableToBundle(t, { codes: [], values: { template: 'not-a-code' }, mediaId: 'm' })).toThrow(/not in the project/);
  });

  it('refuses rows that are not times', () => {
    expect(() => parseElanTsvRows([['T', 'x', 'y', 'v']])).toThrow(/no begin\/end time columns/);
    expect(() => parseElanTsvRows([['tier', 'begin', 'end', 'value'], ['T', 'x', '1', 'v']])).toThrow(/Line 2: begin time "x"/);
    expect(() => parseEventTableText('  \n')).toThrow(/empty/);
  });
});
