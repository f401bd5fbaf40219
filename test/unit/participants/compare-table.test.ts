/** A comparison table as heat-map input: values per measure from each cell's own figures, printed as the legend prints them. */
import { describe, expect, it } from 'vitest';
import type { CompareMatrix } from '../../../src/shared/participants/compare';
import { heatLayout } from '../../../src/renderer/features/compare/heatLayout';
import { formatMeasure, heatInput } from '../../../src/renderer/features/compare/tableData';

const table: CompareMatrix = {
  rows: [{ key: 't', label: 'Tools' }, { key: 'r', label: 'Rules' }],
  cols: [{ key: 'p1', label: 'Lena' }, { key: 'p2', label: 'Maya' }, { key: 'p3', label: 'Dev' }],
  measure: 'segments',
  cells: [
    { row: 't', col: 'p1', value: 3, segments: 3, consensusSegments: 0, codedMs: 12_500, share: 0.25 },
    { row: 'r', col: 'p3', value: 1, segments: 1, consensusSegments: 1, codedMs: 4_000, share: null },
    { row: 'x', col: 'p1', value: 9, segments: 9, consensusSegments: 0, codedMs: 1, share: 1 }, // a row not in the table
  ],
  onScreenMs: { p1: 50_000, p2: 0, p3: 0 },
};

describe('comparison table → heat map', () => {
  it('fills every (row, column), missing cells as 0, for each measure', () => {
    const seg = heatInput(table, 'segments', () => undefined, { rows: 'codes', cols: 'participants' });
    expect(seg.values).toEqual([[3, 0, 0], [0, 0, 1]]);
    expect(heatInput(table, 'seconds', () => undefined, { rows: '', cols: '' }).values).toEqual([[12.5, 0, 0], [0, 0, 4]]);
    // share null (no time on screen) is drawn as none
    expect(heatInput(table, 'share', () => undefined, { rows: '', cols: '' }).values).toEqual([[0.25, 0, 0], [0, 0, 0]]);
    expect(heatInput(table, 'segments', (k) => (k === 't' ? '#f00' : undefined), { rows: '', cols: '' }).rows[0]).toEqual({ key: 't', label: 'Tools', color: '#f00' });
  });

  it('prints segments whole, seconds with one decimal under 10, share in percent', () => {
    expect([3, 0].map(formatMeasure('segments'))).toEqual(['3', '0']);
    expect([12.5, 4, 0].map(formatMeasure('seconds'))).toEqual(['13', '4.0', '0']);
    expect([0.25, 0.004, 0, 1].map(formatMeasure('share'))).toEqual(['25%', '<1%', '0%', '100%']);
  });

  it('sizes cells to the width (30–96 px wide, 26 high), labels flat when they fit', () => {
    const wide = heatLayout(table, 1000);
    expect([wide.cellW, wide.cellH, wide.flat]).toEqual([96, 26, true]);
    expect(wide.height).toBe(wide.top + 2 * 26 + 8);
    const many = heatLayout({ rows: table.rows, cols: Array.from({ length: 60 }, (_, i) => ({ key: `${i}`, label: `Participant ${i}` })) }, 900);
    expect([many.cellW, many.flat]).toEqual([30, false]);
    expect(many.width).toBeGreaterThanOrEqual(many.left + 60 * 30 + 'Participant 59'.length * 6.6 * 0.77); // the last slanted label fits
    expect(many.top).toBeGreaterThan(wide.top); // slanted labels need more room
  });
});
