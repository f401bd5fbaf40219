/** The export dialog's form → the request it sends, or the one line saying what to fix. */
import { describe, expect, it } from 'vitest';
import { exportRequestOf, INITIAL_EXPORT_FORM, toggle, type ExportForm } from '../../../src/renderer/features/themes/exportForm';

const form = (patch: Partial<ExportForm>): ExportForm => ({ ...INITIAL_EXPORT_FORM, ...patch });

describe('exportRequestOf', () => {
  it('an untouched form exports the thematic summary of everything', () => {
    expect(exportRequestOf(INITIAL_EXPORT_FORM)).toEqual({ request: { kind: 'thematic', filters: {}, bom: false } });
  });

  it('carries only the scope that was chosen, with typed times in ms', () => {
    const r = exportRequestOf(form({ kind: 'segments', coders: ['c1'], codeIds: ['k1', 'k2'], from: '62.5', to: '0:01:10', bom: true }));
    expect(r).toEqual({ request: { kind: 'segments', filters: { coderIds: ['c1'], codeIds: ['k1', 'k2'], fromMs: 62_500, toMs: 70_000 }, bom: true } });
  });

  it('agreement settings go only with the agreement export: 0.25 s slices → 250 ms, or exact', () => {
    expect(exportRequestOf(form({ kind: 'agreement', unit: '0.25', excludeUncoded: true }))).toEqual({
      request: { kind: 'agreement', filters: {}, bom: false, unitMs: 250, excludeUncoded: true },
    });
    expect(exportRequestOf(form({ kind: 'agreement', exact: true, unit: 'ignored' }))).toEqual({ request: { kind: 'agreement', filters: {}, bom: false, exact: true } });
    expect(exportRequestOf(form({ kind: 'thematic', unit: '0.25', exact: true }))).toEqual({ request: { kind: 'thematic', filters: {}, bom: false } });
  });

  it('names what to fix: a time that is not one, a range backwards, a bad slice length', () => {
    expect(exportRequestOf(form({ from: 'soon' }))).toEqual({ error: 'From and to are times: seconds (62.5) or h:mm:ss.mmm' });
    expect(exportRequestOf(form({ from: '20', to: '10' }))).toEqual({ error: '"To" must be after "from"' });
    for (const unit of ['0', '-1', '0.0001', 'x']) {
      expect(exportRequestOf(form({ kind: 'agreement', unit }))).toEqual({ error: 'The slice length is a positive number of seconds (at most 3 decimals)' });
    }
  });

  it('toggle adds a missing id and removes a present one', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
