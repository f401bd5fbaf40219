import { describe, expect, it } from 'vitest';
import { AgreementInputError, computeMatrixAgreement, parseReliabilityMatrix } from '../../../src/shared/agreement';

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AgreementInputError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

describe('reliability matrix parsing', () => {
  it('treats empty cells as missing and skips blank lines', () => {
    const d = parseReliabilityMatrix([[' A', 'B '], ['1', ''], [''], ['2']]);
    expect(d).toEqual({ coders: ['A', 'B'], units: [['1', null], ['2', null]] });
  });
  it('names the row and field of each error', () => {
    expect(error(() => parseReliabilityMatrix([]))).toMatch(/row 1: the matrix is empty/);
    expect(error(() => parseReliabilityMatrix([['A']]))).toMatch(/row 1: .*at least two coders/);
    expect(error(() => parseReliabilityMatrix([['A', '']]))).toMatch(/row 1, column 2: empty coder name/);
    expect(error(() => parseReliabilityMatrix([['A', 'A']]))).toMatch(/row 1, column 2: coder "A" appears twice/);
    expect(error(() => parseReliabilityMatrix([['A', 'B'], ['1', '2', '3']]))).toMatch(/row 2: 3 fields/);
    expect(error(() => parseReliabilityMatrix([['A', 'B']]))).toMatch(/no unit rows/);
  });
  it('refuses values the level cannot use', () => {
    const d = parseReliabilityMatrix([['A', 'B'], ['low', 'high']]);
    expect(error(() => computeMatrixAgreement(d, { level: 'interval' }))).toMatch(/"low" is not a number/);
    expect(error(() => computeMatrixAgreement(d, { level: 'ordinal' }))).toMatch(/explicit order/);
    expect(computeMatrixAgreement(d, { level: 'ordinal', order: ['low', 'high'] }).krippendorffAlpha).not.toBeNaN();
    expect(error(() => computeMatrixAgreement(parseReliabilityMatrix([['A', 'B'], ['-1', '2']]), { level: 'ratio' }))).toMatch(/negative/);
  });
  it('gives null with notes for degenerate data', () => {
    const r = computeMatrixAgreement(parseReliabilityMatrix([['A', 'B'], ['x', 'x'], ['x', 'x']]));
    expect(r).toMatchObject({ krippendorffAlpha: null, cohensKappa: null, fleissKappa: null, percentAgreement: 1 });
    expect(r.notes.krippendorffAlpha).toMatch(/same/);
    const lonely = computeMatrixAgreement(parseReliabilityMatrix([['A', 'B'], ['x', ''], ['', 'y']]));
    expect(lonely.pairableUnits).toBe(0);
    expect(lonely.krippendorffAlpha).toBeNull();
    expect(lonely.notes.percentAgreement).toMatch(/no unit has a value from every coder/);
  });
});
