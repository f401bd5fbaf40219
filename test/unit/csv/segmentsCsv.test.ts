import { describe, expect, it } from 'vitest';
import { parseSegmentsCsv, writeSegmentsCsv, CsvInputError } from '../../../src/shared/csv/segmentsCsv';
import { readCsv } from '../../../src/shared/csv/safe';
import { csvLines, fixtureProject, importIntoNewProject } from './fixture';

const HEADER = 'coder,code,start,end,media,note,element,system,duration,consensus,segment_id,code_id,coder_id,media_id,participants,groups';

describe('writeSegmentsCsv', () => {
  it('writes every segment × code of the fixture (hand-written expectation)', () => {
    expect(writeSegmentsCsv(fixtureProject())).toBe(
      csvLines(
        HEADER,
        'Ana,Researchers/Tools,10,25.5,workshop1.mp4,Template shown,tools,Researchers,15.5,false,s1,c-rtools,ana,m1,,',
        'Chloé,Researchers/Tools,11,26,workshop1.mp4,,tools,Researchers,15,false,s3,c-rtools,chloe,m1,,',
        'Ben,Practitioners/Rules,12,25,workshop1.mp4,"Slides, ""template""",rules,Practitioners,13,false,s2,c-prules,ben,m1,,',
        'Ben,Researchers/Tools,12,25,workshop1.mp4,"Slides, ""template""",tools,Researchers,13,false,s2,c-rtools,ben,m1,,',
        `Ana,Markers/Challenge,65,65,workshop1.mp4,"'=HYPERLINK(""http://x"",""y"")",,,0,false,s4,c-challenge,ana,m1,,`,
        "Chloé,Practitioners/Rules,100,130,workshop1.mp4,'-2+3,rules,Practitioners,30,false,s7,c-prules,chloe,m1,,",
        'Ben,Researchers/Object,5,20.25,workshop2.mp4,"line1\nline2",object,Researchers,15.25,false,s5,c-robject,ben,m2,,',
        'Consensus,Researchers/Tools,12,25,workshop2.mp4,agreed,tools,Researchers,13,true,s6,c-rtools,cons,m2,,',
        'Ana,Shared object,30,42.123,workshop2.mp4,élan 😀,object,,12.123,false,s8,c-shared,ana,m2,,',
      ),
    );
  });

  it('applies media + time window (clipping) filters', () => {
    expect(writeSegmentsCsv(fixtureProject(), { mediaIds: ['m1'], fromMs: 20_000, toMs: 70_000 })).toBe(
      csvLines(
        HEADER,
        'Ben,Practitioners/Rules,20,25,workshop1.mp4,"Slides, ""template""",rules,Practitioners,5,false,s2,c-prules,ben,m1,,',
        'Ben,Researchers/Tools,20,25,workshop1.mp4,"Slides, ""template""",tools,Researchers,5,false,s2,c-rtools,ben,m1,,',
        'Ana,Researchers/Tools,20,25.5,workshop1.mp4,Template shown,tools,Researchers,5.5,false,s1,c-rtools,ana,m1,,',
        'Chloé,Researchers/Tools,20,26,workshop1.mp4,,tools,Researchers,6,false,s3,c-rtools,chloe,m1,,',
        `Ana,Markers/Challenge,65,65,workshop1.mp4,"'=HYPERLINK(""http://x"",""y"")",,,0,false,s4,c-challenge,ana,m1,,`,
      ),
    );
  });

  it('applies consensus-only, coder, code and theme filters, and the BOM option', () => {
    expect(writeSegmentsCsv(fixtureProject(), { consensusOnly: true })).toBe(
      csvLines(HEADER, 'Consensus,Researchers/Tools,12,25,workshop2.mp4,agreed,tools,Researchers,13,true,s6,c-rtools,cons,m2,,'),
    );
    expect(writeSegmentsCsv(fixtureProject(), { coderIds: ['chloe'], themeIds: ['th1'] }, { bom: true })).toBe(
      '\uFEFF' +
        csvLines(
          HEADER,
          'Chloé,Researchers/Tools,11,26,workshop1.mp4,,tools,Researchers,15,false,s3,c-rtools,chloe,m1,,',
          "Chloé,Practitioners/Rules,100,130,workshop1.mp4,'-2+3,rules,Practitioners,30,false,s7,c-prules,chloe,m1,,",
        ),
    );
    expect(writeSegmentsCsv(fixtureProject(), { codeIds: ['c-shared'], fromMs: 0, toMs: 30_000 })).toBe(csvLines(HEADER));
  });
});

const ctx = () => {
  const p = fixtureProject();
  return { codes: p.codes, mediaNames: p.media.map((m) => m.name) };
};

describe('parseSegmentsCsv', () => {
  it('reads columns in any order, a BOM, CRLF, leaf names, ms rounding and multi-line notes', () => {
    const text =
      '\uFEFFStart, END ,Code,coder,note\r\n' +
      '1.5,2.25,Rules,Ana,"a, ""b""\r\nc"\r\n' +
      '\r\n' +
      '0,0,Markers/Challenge,Ben,\r\n' +
      '1.0005,1.0015,Object,Chloé,x\r\n' +
      '3.1234,1e+05,Researchers/Tools,Ana,\'=1\r\n';
    const { rows } = parseSegmentsCsv(text, { codes: ctx().codes, mediaNames: ['only.mp4'] });
    expect(rows).toEqual([
      { line: 2, coder: 'Ana', codeId: 'c-prules', startMs: 1500, endMs: 2250, media: 'only.mp4', note: 'a, "b"\r\nc' },
      { line: 5, coder: 'Ben', codeId: 'c-challenge', startMs: 0, endMs: 0, media: 'only.mp4', note: '' },
      { line: 6, coder: 'Chloé', codeId: 'c-robject', startMs: 1001, endMs: 1002, media: 'only.mp4', note: 'x' },
      { line: 7, coder: 'Ana', codeId: 'c-rtools', startMs: 3123, endMs: 100_000_000, media: 'only.mp4', note: '=1' },
    ]);
  });

  it('accepts equal start/end rounding but not end < start after rounding', () => {
    expect(() => parseSegmentsCsv('coder,code,start,end\nAna,Rules,1.0005,1.0004\n', ctx())).toThrow(
      'line 2, column "end": end 1.0004 is before start 1.0005',
    );
  });

  it('leaves media undefined when the project has several media and the row names none', () => {
    const { rows } = parseSegmentsCsv('coder,code,start,end,media\nAna,Rules,1,2,\nBen,Rules,1,2,workshop2.mp4\n', ctx());
    expect(rows[0]).toEqual({ line: 2, coder: 'Ana', codeId: 'c-prules', startMs: 1000, endMs: 2000, note: '' });
    expect(rows[1].media).toBe('workshop2.mp4');
    // a project without media accepts any name (the caller maps it to a placeholder)
    expect(parseSegmentsCsv('coder,code,start,end,media\nAna,Rules,1,2,x.mp4\n', { codes: ctx().codes, mediaNames: [] }).rows[0].media).toBe('x.mp4');
  });

  it('returns the segment_id and consensus hints of an export; header only gives no rows', () => {
    const { rows } = parseSegmentsCsv(`${HEADER}\nCons,Rules,1,2,workshop1.mp4,,rules,Practitioners,1,TRUE,s9,,,,,\n`, ctx());
    expect(rows[0]).toMatchObject({ segmentId: 's9', consensus: true });
    expect(parseSegmentsCsv('coder,code,start,end\r\n', ctx()).rows).toEqual([]);
  });

  const cases: [string, string, string][] = [
    ['empty file', '', 'line 1: empty file: expected a header row naming coder,code,start,end[,media][,note]'],
    ['BOM only', '\uFEFF\r\n', 'line 1: empty file'],
    ['missing columns', 'coder,code,begin\nAna,Rules,1\n', 'line 1: missing columns "start", "end"'],
    ['semicolons', 'coder;code;start;end\n', "(the file seems to use ';' as separator; use ',')"],
    ['unknown column', 'coder,code,start,end,strat\n', 'line 1: unknown column "strat": allowed are coder, code, start, end, media, note'],
    ['duplicate column', 'coder,code,start,end,Start\n', 'line 1: column "start" appears twice'],
    ['field count', 'coder,code,start,end\nAna,Rules,1\n', 'line 2: expected 4 fields as in the header, found 3'],
    ['non-numeric', 'coder,code,start,end\nAna,Rules,abc,2\n', `line 2, column "start": "abc" is not a number of seconds (write seconds with a '.' decimal point, e.g. 62.5)`],
    ['timecode', 'coder,code,start,end\nAna,Rules,1,1:02\n', 'line 2, column "end": "1:02" is not a number of seconds'],
    ['decimal comma', 'coder,code,start,end\nAna,Rules,"1,5",2\n', 'line 2, column "start": "1,5" is not a number of seconds'],
    ['negative', 'coder,code,start,end\nAna,Rules,-1,2\n', 'line 2, column "start": negative time "-1"'],
    ['empty time', 'coder,code,start,end\nAna,Rules,1,\n', 'line 2, column "end": empty time'],
    ['end before start', 'coder,code,start,end\nAna,Rules,5,2.5\n', 'line 2, column "end": end 2.5 is before start 5'],
    ['unknown code', 'coder,code,start,end\nAna,Toolz,1,2\n', 'line 2, column "code": unknown code "Toolz"'],
    ['case hint', 'coder,code,start,end\nAna,researchers/tools,1,2\n', 'unknown code "researchers/tools" (did you mean "Researchers/Tools"?)'],
    ['ambiguous leaf', 'coder,code,start,end\nAna,Tools,1,2\n', 'line 2, column "code": code "Tools" is ambiguous: Researchers/Tools, Practitioners/Tools; write the full path'],
    ['empty coder', 'coder,code,start,end\n ,Rules,1,2\n', 'line 2, column "coder": empty coder name'],
    ['empty code', 'coder,code,start,end\nAna,,1,2\n', 'line 2, column "code": empty code'],
    ['unknown media', 'coder,code,start,end,media\nAna,Rules,1,2,w3.mp4\n', 'line 2, column "media": unknown media "w3.mp4" (the project has: workshop1.mp4, workshop2.mp4)'],
    ['bad consensus', 'coder,code,start,end,consensus\nAna,Rules,1,2,maybe\n', 'line 2, column "consensus": "maybe" is not true or false'],
    ['unclosed quote', 'coder,code,start,end,note\nAna,Rules,1,2,"open\nmore\n', 'line 2: a quoted field is never closed'],
    ['stray quote', 'coder,code,start,end,note\nAna,Rules,1,2,a"b"\n', 'line 2: a double quote inside a field must be doubled'],
    // the error line is the physical line: the multi-line note pushes the bad row to line 5
    ['line after multi-line note', 'coder,code,start,end,note\r\nAna,Rules,1,2,"x\r\ny\r\nz"\r\nAna,Rules,1,x,\r\n', 'line 5, column "end"'],
  ];
  it.each(cases)('rejects %s with a one-line message naming line and field', (_name, text, message) => {
    let err: unknown;
    try {
      parseSegmentsCsv(text, ctx());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvInputError);
    expect((err as Error).name).toBe('CsvInputError');
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toContain('\n');
  });
});

const withoutIds = (csv: string) => readCsv(csv).map((r) => r.cells.slice(0, 10));

describe('segments round trip', () => {
  it('export → import into a new project → export gives the same rows (ids aside)', () => {
    const first = writeSegmentsCsv(fixtureProject());
    const again = writeSegmentsCsv(importIntoNewProject(first, fixtureProject()));
    expect(withoutIds(again)).toEqual(withoutIds(first));
    expect(readCsv(again).length).toBe(10);
  });

  it('re-imports the exact note text, including guarded formula-like notes', () => {
    const { rows } = parseSegmentsCsv(writeSegmentsCsv(fixtureProject()), ctx());
    expect(rows.map((r) => r.note)).toEqual([
      'Template shown',
      '',
      'Slides, "template"',
      'Slides, "template"',
      '=HYPERLINK("http://x","y")',
      '-2+3',
      'line1\nline2',
      'agreed',
      'élan 😀',
    ]);
  });
});
