import { describe, expect, it } from 'vitest';
import { writeAgreementCsv } from '../../../src/shared/csv/agreementCsv';
import { sideFilePath } from '../../../src/shared/csv/sideFile';
import { csvLines } from './fixture';

describe('writeAgreementCsv', () => {
  it('writes the numbers, the settings side file and the decision log (hand-written expectation)', () => {
    const files = writeAgreementCsv(
      {
        settings: { input: 'segments', unit: 1, exact: false, duration: 60, coders: 'Ana;Ben' },
        overall: { units: 120, percentAgreement: 0.9, cohensKappa: 0.7, fleissKappa: 0.71, krippendorffAlpha: 0.705, positiveAgreement: 0.8, meanPairwiseCohensKappa: 0.7 },
        codes: [
          { code: 'Researchers/Tools', units: 60, percentAgreement: 0.95, cohensKappa: 0.8, fleissKappa: 0.8, krippendorffAlpha: 0.8, positiveAgreement: 0.9 },
          {
            code: 'Markers/Challenge',
            units: 60,
            percentAgreement: 1,
            cohensKappa: null,
            fleissKappa: Number.NaN,
            krippendorffAlpha: null,
            notes: { cohensKappa: 'expected agreement = 1, nobody applied the code', fleissKappa: 'idem' },
          },
        ],
        pairs: [{ coders: ['Ana', 'Ben'], percentAgreement: 0.9, cohensKappa: -0.25, krippendorffAlpha: 0.7, positiveAgreement: 0.8 }],
      },
      [
        {
          at: Date.UTC(2026, 0, 2, 3, 4, 5),
          by: 'Ana',
          media: 'workshop1.mp4',
          code: 'Researchers/Tools',
          startMs: 10_000,
          endMs: 25_500,
          action: 'accept',
          resultStartMs: 12_000,
          resultEndMs: 25_000,
          chosenCoder: 'Ben',
          rationale: "=Ben's reading, clearly",
          undoneAt: Date.UTC(2026, 0, 2, 4, 0, 0),
          undoneBy: 'Chloé',
        },
        { at: '2026-01-03 10:00', by: 'Ben', media: 'workshop2.mp4', code: 'Shared object', startMs: 30_000, endMs: 42_123, action: 'drop', resultStartMs: null, rationale: '' },
      ],
    );
    expect(files.map((f) => [f.name, f.suffix])).toEqual([
      ['agreement.csv', ''],
      ['agreement-settings.csv', '-settings'],
      ['agreement-decisions.csv', '-decisions'],
    ]);
    expect(files[0].text).toBe(
      csvLines(
        'scope,code,coder_a,coder_b,units,percent_agreement,cohens_kappa,fleiss_kappa,krippendorff_alpha,positive_agreement,mean_pairwise_cohens_kappa,notes',
        'overall,,,,120,0.9,0.7,0.71,0.705,0.8,0.7,',
        'code,Researchers/Tools,,,60,0.95,0.8,0.8,0.8,0.9,,',
        'code,Markers/Challenge,,,60,1,,,,,,"cohensKappa: expected agreement = 1, nobody applied the code; fleissKappa: idem"',
        // a negative number stays a plain number (it is not user text)
        'pair,,Ana,Ben,,0.9,-0.25,,0.7,0.8,,',
      ),
    );
    expect(files[1].text).toBe(csvLines('setting,value', 'input,segments', 'unit,1', 'exact,false', 'duration,60', 'coders,Ana;Ben'));
    expect(files[2].text).toBe(
      csvLines(
        'at,by,media,code,start,end,action,result_start,result_end,chosen_coder,rationale,undone_at,undone_by',
        `2026-01-02T03:04:05.000Z,Ana,workshop1.mp4,Researchers/Tools,10,25.5,accept,12,25,Ben,"'=Ben's reading, clearly",2026-01-02T04:00:00.000Z,Chloé`,
        '2026-01-03 10:00,Ben,workshop2.mp4,Shared object,30,42.123,drop,,,,,,',
      ),
    );
  });

  it('writes header-only files for an empty result, with a BOM when asked', () => {
    const files = writeAgreementCsv({ settings: {}, codes: [], pairs: [] }, [], { bom: true });
    expect(files.map((f) => f.text)).toEqual([
      '\uFEFF' + csvLines('scope,code,coder_a,coder_b,units,percent_agreement,cohens_kappa,fleiss_kappa,krippendorff_alpha,positive_agreement,mean_pairwise_cohens_kappa,notes'),
      '\uFEFF' + csvLines('setting,value'),
      '\uFEFF' + csvLines('at,by,media,code,start,end,action,result_start,result_end,chosen_coder,rationale,undone_at,undone_by'),
    ]);
  });
});

describe('sideFilePath', () => {
  it('inserts the suffix before .csv', () => {
    expect(sideFilePath('out/agr.csv', '-settings')).toBe('out/agr-settings.csv');
    expect(sideFilePath('out/AGR.CSV', '-matrix')).toBe('out/AGR-matrix.CSV');
    expect(sideFilePath('out/agr', '-settings')).toBe('out/agr-settings.csv');
    expect(sideFilePath('out/agr.csv', '')).toBe('out/agr.csv');
  });
});
