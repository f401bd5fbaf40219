import { describe, expect, it } from 'vitest';
import { writeThematicCsv } from '../../../src/shared/csv/thematic';
import { csvLines, fixtureProject } from './fixture';

const LEAD = 'theme,theme_description,code,element,system,segments,coded_seconds,coded_hms,media_share';
const TRAIL = 'consensus_count,contradictions,example_1,example_2,example_3';

describe('writeThematicCsv', () => {
  it('summarises each theme × code (hand-written expectation)', () => {
    expect(writeThematicCsv(fixtureProject())).toBe(
      csvLines(
        `${LEAD},count_Ana,count_Ben,count_Chloé,${TRAIL}`,
        // Researchers/Tools: s1 s2 s3 (workshop1, union 10–26 s = 16 s) + s6 (workshop2, 12–25 s = 13 s) = 29 s of 900 s;
        // segments = the coders' 3 (s6 is consensus: its own column); s6's note "agreed" is a reconcile
        // rationale, not a coder's note, so the examples are s1, s2 (notes) then s3 (no note)
        'Tension over tools,Whose template?,Researchers/Tools,tools,Researchers,3,29,0:00:29,0.03222222222222222,1,1,1,1,1,' +
          'workshop1.mp4 @ 0:00:10–0:00:26: Template shown,"workshop1.mp4 @ 0:00:12–0:00:25: Slides, ""template""",workshop1.mp4 @ 0:00:11–0:00:26',
        // Practitioners/Rules: s2 (13 s) + s7 (30 s) = 43 s of 900 s; contradiction k2 (rules of Practitioners)
        'Tension over tools,Whose template?,Practitioners/Rules,rules,Practitioners,2,43,0:00:43,0.04777777777777778,0,1,1,0,1,' +
          '"workshop1.mp4 @ 0:00:12–0:00:25: Slides, ""template""",workshop1.mp4 @ 0:01:40–0:02:10: -2+3,',
      ),
    );
  });

  it('consensus only, one media: no per-coder columns, media time of that media only', () => {
    expect(writeThematicCsv(fixtureProject(), { consensusOnly: true, mediaIds: ['m2'] })).toBe(
      csvLines(
        `${LEAD},${TRAIL}`,
        // s6 is the consensus coder's: no coder segment (0), consensus_count 1; its rationale is no example note
        'Tension over tools,Whose template?,Researchers/Tools,tools,Researchers,0,13,0:00:13,0.043333333333333335,1,0,workshop2.mp4 @ 0:00:12–0:00:25,,',
        'Tension over tools,Whose template?,Practitioners/Rules,rules,Practitioners,0,0,0:00:00,0,0,0,,,',
      ),
    );
  });

  it('clips to a time window and restricts coders', () => {
    expect(writeThematicCsv(fixtureProject(), { fromMs: 0, toMs: 20_000, coderIds: ['ana', 'ben'] })).toBe(
      csvLines(
        `${LEAD},count_Ana,count_Ben,${TRAIL}`,
        // media time = 20 s of each of the two media
        'Tension over tools,Whose template?,Researchers/Tools,tools,Researchers,2,10,0:00:10,0.25,1,1,0,1,' +
          'workshop1.mp4 @ 0:00:10–0:00:20: Template shown,"workshop1.mp4 @ 0:00:12–0:00:20: Slides, ""template""",',
        'Tension over tools,Whose template?,Practitioners/Rules,rules,Practitioners,1,8,0:00:08,0.2,0,1,0,1,' +
          '"workshop1.mp4 @ 0:00:12–0:00:20: Slides, ""template""",,',
      ),
    );
  });

  it('leaves media_share empty when a media duration is unknown; filters themes and codes', () => {
    const p = fixtureProject();
    p.media[1].durationMs = null;
    p.themes.push({ id: 'th0', name: 'Markers', description: '', sortOrder: -1, codeIds: ['c-challenge', 'c-robject'], createdAt: 0, updatedAt: 0 });
    expect(writeThematicCsv(p, { codeIds: ['c-challenge'] })).toBe(
      csvLines(
        `${LEAD},count_Ana,count_Ben,count_Chloé,${TRAIL}`,
        `Markers,,Markers/Challenge,,,1,0,0:00:00,,1,0,0,0,0,"workshop1.mp4 @ 0:01:05: =HYPERLINK(""http://x"",""y"")",,`,
      ),
    );
    expect(writeThematicCsv(p, { themeIds: ['th0'] }).split('\r\n').slice(1, 3)).toEqual([
      `Markers,,Markers/Challenge,,,1,0,0:00:00,,1,0,0,0,0,"workshop1.mp4 @ 0:01:05: =HYPERLINK(""http://x"",""y"")",,`,
      // Researchers/Object: s5 (workshop2, 15.25 s); contradictions k1 (object of Researchers) and k2 (object + evidence s5)
      'Markers,,Researchers/Object,object,Researchers,1,15.25,0:00:15,,0,1,0,0,2,"workshop2.mp4 @ 0:00:05–0:00:20: line1\nline2",,',
    ]);
  });

  it('prefers consensus segments whose note is a coder note copied into consensus; never a rationale', () => {
    const p = fixtureProject();
    // s9: consensus copy of Ben's s2 note on workshop1; s6 keeps the rationale "agreed"
    p.segments.push({ ...p.segments[5], id: 's9', mediaId: 'm1', startMs: 12_000, endMs: 25_000, note: 'Slides, "template"' });
    const row = writeThematicCsv(p).split('\r\n')[1];
    // 3 coder segments, consensus 2 (s6, s9); example_1 = s9 (consensus, coder note), then s1;
    // s2's note is already shown through s9, so s3 (no note) is the third
    expect(row).toBe(
      'Tension over tools,Whose template?,Researchers/Tools,tools,Researchers,3,29,0:00:29,0.03222222222222222,1,1,1,2,1,' +
        '"workshop1.mp4 @ 0:00:12–0:00:25: Slides, ""template""",workshop1.mp4 @ 0:00:10–0:00:26: Template shown,workshop1.mp4 @ 0:00:11–0:00:26',
    );
  });
});
