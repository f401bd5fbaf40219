import { describe, expect, it } from 'vitest';
import { writeContradictionsCsv } from '../../../src/shared/csv/contradictions';
import { csvLines, fixtureProject } from './fixture';

const HEADER = 'level,element_a,system_a,element_b,system_b,coder,status,evidence,evidence_count,evidence_segment_ids,note,contradiction_id,coder_id';

describe('writeContradictionsCsv', () => {
  it('writes one row per contradiction and the element × element matrix (hand-written expectation)', () => {
    const [rows, matrix] = writeContradictionsCsv(fixtureProject());
    expect(rows.name).toBe('contradictions.csv');
    expect(rows.suffix).toBe('');
    expect(rows.text).toBe(
      csvLines(
        HEADER,
        'secondary,tools,Researchers,object,Researchers,Ana,unresolved,workshop1.mp4 @ 0:00:10–0:00:26; workshop1.mp4 @ 0:00:11–0:00:26,2,s1;s3,template vs. brief,k1,ana',
        'quaternary,object,Researchers,rules,Practitioners,Ben,emerging,workshop2.mp4 @ 0:00:05–0:00:20,1,s5,,k2,ben',
      ),
    );
    expect(matrix.name).toBe('contradictions-matrix.csv');
    expect(matrix.suffix).toBe('-matrix');
    expect(matrix.text).toBe(
      csvLines(
        'element,Researchers:object,Researchers:tools,Practitioners:rules',
        'Researchers:object,0,1,1',
        'Researchers:tools,1,0,0',
        'Practitioners:rules,1,0,0',
      ),
    );
  });

  it('filters by code (involvement) and clips evidence to a time window', () => {
    const [rows, matrix] = writeContradictionsCsv(fixtureProject(), { codeIds: ['c-prules'] });
    expect(rows.text).toBe(csvLines(HEADER, 'quaternary,object,Researchers,rules,Practitioners,Ben,emerging,workshop2.mp4 @ 0:00:05–0:00:20,1,s5,,k2,ben'));
    expect(matrix.text).toBe(csvLines('element,Researchers:object,Practitioners:rules', 'Researchers:object,0,1', 'Practitioners:rules,1,0'));

    const [clipped] = writeContradictionsCsv(fixtureProject(), { fromMs: 20_000, toMs: 30_000, mediaIds: ['m1'] });
    expect(clipped.text).toBe(
      csvLines(
        HEADER,
        'secondary,tools,Researchers,object,Researchers,Ana,unresolved,workshop1.mp4 @ 0:00:20–0:00:26; workshop1.mp4 @ 0:00:20–0:00:26,2,s1;s3,template vs. brief,k1,ana',
      ),
    );
    const [byCoder] = writeContradictionsCsv(fixtureProject(), { coderIds: ['chloe'] });
    expect(byCoder.text).toBe(csvLines(HEADER));
  });

  it('puts a primary contradiction on the diagonal, first, and a shared object without system', () => {
    const p = fixtureProject();
    p.contradictions.push(
      { ...p.contradictions[0], id: 'k3', level: 'primary', elementA: 'tools', systemA: 'sys-r', elementB: 'tools', systemB: 'sys-r', coderId: 'chloe', status: 'resolved', note: 'help and constraint', evidenceSegmentIds: [] },
      { ...p.contradictions[0], id: 'k4', level: 'tertiary', elementA: 'object', systemA: null, elementB: 'object', systemB: 'sys-p', coderId: 'ben', status: 'being_worked_on', note: '', evidenceSegmentIds: ['s8'] },
    );
    const [rows, matrix] = writeContradictionsCsv(p);
    expect(rows.text).toBe(
      csvLines(
        HEADER,
        'primary,tools,Researchers,tools,Researchers,Chloé,resolved,,0,,help and constraint,k3,chloe',
        'secondary,tools,Researchers,object,Researchers,Ana,unresolved,workshop1.mp4 @ 0:00:10–0:00:26; workshop1.mp4 @ 0:00:11–0:00:26,2,s1;s3,template vs. brief,k1,ana',
        'tertiary,object,,object,Practitioners,Ben,being_worked_on,workshop2.mp4 @ 0:00:30–0:00:42,1,s8,,k4,ben',
        'quaternary,object,Researchers,rules,Practitioners,Ben,emerging,workshop2.mp4 @ 0:00:05–0:00:20,1,s5,,k2,ben',
      ),
    );
    expect(matrix.text).toBe(
      csvLines(
        'element,Researchers:object,Researchers:tools,Practitioners:object,Practitioners:rules,object',
        'Researchers:object,0,1,0,1,0',
        'Researchers:tools,1,1,0,0,0',
        'Practitioners:object,0,0,0,0,1',
        'Practitioners:rules,1,0,0,0,0',
        'object,0,0,1,0,0',
      ),
    );
  });
});
