/**
 * Published worked examples with their published answers.
 */
import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  computeMatrixAgreement,
  fleissKappa,
  krippendorffAlpha,
  parseReliabilityMatrix,
  unitizingAlpha2004,
  unitizingAlphaFamily,
} from '../../../src/shared/agreement';

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania. Section "C": 4 observers × 12 units with missing
// values ("." = missing). Published: nominal .743, ordinal .815, interval .849, ratio .797.
const K2011 = [
  'A,B,C,D',
  '1,1,,1',
  '2,2,3,2',
  '3,3,3,3',
  '3,3,3,3',
  '2,2,2,2',
  '1,2,3,4',
  '4,4,4,4',
  '1,1,2,1',
  '2,2,2,2',
  ',5,5,5',
  ',,1,1',
  ',3,,',
].map((r) => r.split(','));

describe('Krippendorff (2011) worked example', () => {
  const data = parseReliabilityMatrix(K2011);
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('%s alpha = %f', (level, published) => {
    const r = computeMatrixAgreement(data, { level });
    expect(r.krippendorffAlpha).not.toBeNull();
    expect(r.krippendorffAlpha!).toBeCloseTo(published, 3);
  });
  it('counts units and pairable values as the paper does', () => {
    const r = computeMatrixAgreement(data, { level: 'nominal' });
    expect(r.units).toBe(12);
    expect(r.pairableUnits).toBe(11); // unit 12 has a single value
    expect(r.pairableValues).toBe(40); // n.. = 40 in the paper's coincidence matrix
    // Counted by hand: o_11 = 3 (unit 1) + 2 (unit 8) + 2 (unit 11) = 7;
    // o_22 = 2 (unit 2) + 4 (unit 5) + 4 (unit 9) = 10; n_1 = 3 + 1 + 3 + 2 = 9.
    const a = krippendorffAlpha(data.units, 'nominal');
    expect(a.values).toEqual(['1', '2', '3', '4', '5']);
    expect(a.coincidences[0][0]).toBeCloseTo(7, 12);
    expect(a.coincidences[1][1]).toBeCloseTo(10, 12);
    expect(a.coincidences[0].reduce((x, y) => x + y)).toBeCloseTo(9, 12);
  });
  it('reports the kappas over complete units only', () => {
    const r = computeMatrixAgreement(data);
    expect(r.completeUnits).toBe(8);
    expect(r.cohensKappa).toBeNull();
    expect(r.notes.cohensKappa).toMatch(/two coders/);
    expect(r.percentAgreement).toBeCloseTo(5 / 8, 12); // units 3,4,5,7,9 all equal
  });
});

// Fleiss' kappa worked example of the Wikipedia article "Fleiss' kappa" (10 subjects,
// 14 raters, 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210). (This is not the
// 30-subject, 6-rater example of Fleiss 1971, whose κ is 0.430.)
const WIKI_FLEISS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("Fleiss' kappa (Wikipedia worked example)", () => {
  it('counts table: kappa = 0.210', () => {
    expect(fleissKappa(WIKI_FLEISS).value!).toBeCloseTo(0.21, 3);
  });
  it('same data as a reliability matrix (14 raters) gives the same kappa', () => {
    const header = Array.from({ length: 14 }, (_, i) => `r${i + 1}`);
    const rows = WIKI_FLEISS.map((counts) => counts.flatMap((n, cat) => Array<string>(n).fill(`c${cat + 1}`)));
    const r = computeMatrixAgreement(parseReliabilityMatrix([header, ...rows]));
    expect(r.fleissKappa!).toBeCloseTo(0.21, 3);
  });
});

// Cohen's kappa, Wikipedia article "Cohen's kappa", first worked example: 50 proposals,
// both yes 20, A yes/B no 5, A no/B yes 10, both no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4.
describe("Cohen's kappa (Wikipedia 50-item example)", () => {
  it('kappa = 0.4', () => {
    expect(cohensKappa([[20, 5], [10, 15]]).value!).toBeCloseTo(0.4, 12);
  });
  it('as a two-coder reliability matrix', () => {
    const rows = [
      ...Array(20).fill(['yes', 'yes']),
      ...Array(5).fill(['yes', 'no']),
      ...Array(10).fill(['no', 'yes']),
      ...Array(15).fill(['no', 'no']),
    ];
    const r = computeMatrixAgreement(parseReliabilityMatrix([['A', 'B'], ...rows]));
    expect(r.cohensKappa!).toBeCloseTo(0.4, 12);
    expect(r.percentAgreement!).toBeCloseTo(0.7, 12);
  });
});

// Krippendorff (2004), Content Analysis 2nd ed., p. 254: a continuum of length 300 starting at
// 150, two observers, categories c and k. The per-category values below (c: Do = .0144,
// De = .0532, α = .7286; k: α = 1; overall .8591) are those that DKPro Statistics'
// Krippendorff2004Test asserts for this example; we could not read the book's page itself.
describe('Krippendorff (2004) unitizing example', () => {
  const cont = { start: 150, end: 450 };
  const c = [
    [{ start: 225, end: 295 }, { start: 370, end: 400 }],
    [{ start: 220, end: 300 }, { start: 355, end: 375 }, { start: 400, end: 420 }],
  ];
  const k = [
    [{ start: 180, end: 240 }, { start: 300, end: 350 }],
    [{ start: 180, end: 240 }, { start: 300, end: 350 }],
  ];
  it('category c', () => {
    const a = unitizingAlpha2004(c, cont);
    expect(a.observed).toBeCloseTo(0.0144, 4);
    expect(a.expected).toBeCloseTo(0.0532, 4);
    expect(a.value!).toBeCloseTo(0.7286, 4);
  });
  it('category k and overall', () => {
    const ak = unitizingAlpha2004(k, cont);
    expect(ak.observed).toBe(0);
    expect(ak.expected).toBeCloseTo(0.049, 4);
    expect(ak.value).toBe(1);
    const ac = unitizingAlpha2004(c, cont);
    expect(1 - (ac.observed + ak.observed) / (ac.expected + ak.expected)).toBeCloseTo(0.8591, 3);
  });
});

// 2016 family (Krippendorff, Mathet, Bouvry & Widlöcher 2016). We could not obtain the
// paper's numeric examples, so these are small cases computed by hand from its definitions:
//
// Case 1: continuum [0,10), coder 1 marks A [0,4), coder 2 marks A [2,6).
//   intersections: A∩A = 2, A∩∅ = 2 (each way), ∅∩∅ = 4 → l_AA = 4, l_A∅ = l_∅A = 4, l_∅∅ = 8,
//   l_A· = 8, l_∅· = 12, l·· = 20; Σℓ²_A = 16 + 16 = 32, gaps Σℓ = 6 + 2 + 4 = 12, Σ = 44.
//   e_AA = 20(64 − 32)/356, e_∅∅ = 20(144 − 12)/356 → uα = 1 − 8/(20 − 3280/356) = 31/120.
//   |uα = 1 − 4 / e_∅A = 1 − 4·356/1920 = 31/120 as well (one value only).
//   2004 uα: Σδ² = (0−2)² + (4−6)² = 8 → Do = 2·8/(2·1·10²) = 0.08;
//   De = (2/10)·2·[(2−1)(2·64 − 48 + 4)/3 + 16·((6−4+1) + (4−4+1))] / (20·19 − 2·12)
//      = 36.8/356 → α = 1 − 0.08·356/36.8 = 26/115.
// Case 2: no gaps, coder 1: A [0,5), B [5,10); coder 2: A [0,4), B [4,10).
//   l_AA = 8, l_AB = l_BA = 1, l_BB = 10; l_A = 9, l_B = 11, l = 20.
//   cuα: Σ(Σ_h|g∩h|)² per value: A: 5² + 4² = 41, B: 5² + 6² = 61 → denominator 20 − 102/20 = 14.9;
//   e_AA = 40/14.9, e_BB = 60/14.9 → cuα = 1 − 2/(20 − 100/14.9) = 841/990;
//   uα is the same here (no gaps): 1 − 2·298/3960 = 841/990;
//   (A)uα = 1 − (e_A/l_A)(l_A − l_AA)/(e_A − e_AA) with e_A = 139/14.9: 1 − 139/891 = 752/891.
describe('Krippendorff et al. (2016) unitizing family: hand-computed cases', () => {
  it('case 1: one value', () => {
    const f = unitizingAlphaFamily([[{ start: 0, end: 4, value: 'A' }], [{ start: 2, end: 6, value: 'A' }]], { start: 0, end: 10 });
    expect(f.observed[1][1]).toBe(4);
    expect(f.observed[0][1]).toBe(4);
    expect(f.observed[0][0]).toBe(8);
    expect(f.uAlpha.value!).toBeCloseTo(31 / 120, 12);
    expect(f.binaryUAlpha.value!).toBeCloseTo(31 / 120, 12);
    expect(f.cuAlpha.value).toBeNull();
    expect(f.cuAlpha.note).toMatch(/single value/);
    const a04 = unitizingAlpha2004([[{ start: 0, end: 4 }], [{ start: 2, end: 6 }]], { start: 0, end: 10 });
    expect(a04.observed).toBeCloseTo(0.08, 12);
    expect(a04.value!).toBeCloseTo(26 / 115, 12);
  });
  it('case 2: two values, no gaps', () => {
    const f = unitizingAlphaFamily(
      [
        [{ start: 0, end: 5, value: 'A' }, { start: 5, end: 10, value: 'B' }],
        [{ start: 0, end: 4, value: 'A' }, { start: 4, end: 10, value: 'B' }],
      ],
      { start: 0, end: 10 },
    );
    expect(f.cuAlpha.value!).toBeCloseTo(841 / 990, 12);
    expect(f.uAlpha.value!).toBeCloseTo(841 / 990, 12);
    expect(f.kuAlpha.A.value!).toBeCloseTo(752 / 891, 12);
    expect(f.binaryUAlpha.value).toBeNull();
  });
  it('perfect unitizing gives 1 and is independent of the time scale', () => {
    const units = [{ start: 100, end: 400, value: 'A' }, { start: 600, end: 900, value: 'B' }];
    const f = unitizingAlphaFamily([units, units, units], { start: 0, end: 1000 }, 100);
    expect(f.uAlpha.value).toBeCloseTo(1, 12);
    expect(f.cuAlpha.value).toBeCloseTo(1, 12);
  });
});
