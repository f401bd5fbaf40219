/** Sizes of a heat map for the width it has: label margins, the cell side (22–56 px), the grid. Pure. */

export interface HeatAxisItem {
  key: string;
  label: string;
  /** A dot before a row label (a code's colour). */
  color?: string;
}

export interface HeatInput {
  rows: HeatAxisItem[];
  cols: HeatAxisItem[];
  /** values[row][col]. */
  values: number[][];
  rowsTitle: string;
  colsTitle: string;
}

const CHAR_PX = 6.6;
const LEGEND_H = 34;

/**
 * Cells are as wide as the room allows (30–96 px) and 26 px high, so a table of thirty codes fits
 * a laptop screen; column labels lie flat when they fit their cell, else slant. The legend sits
 * above the grid.
 */
export function heatLayout(p: Pick<HeatInput, 'rows' | 'cols'>, width: number) {
  const rowChars = Math.min(34, Math.max(6, ...p.rows.map((r) => r.label.length + 2)));
  const left = Math.round(rowChars * CHAR_PX) + 12;
  const room = Math.max(0, width - left - 40);
  const cellW = Math.max(30, Math.min(96, Math.floor(room / Math.max(1, p.cols.length))));
  const cellH = 26;
  const colChars = Math.min(22, Math.max(2, ...p.cols.map((c) => c.label.length)));
  const flat = colChars * CHAR_PX <= cellW - 6;
  const labelsH = flat ? 20 : Math.round(colChars * CHAR_PX * 0.65) + 16;
  const top = LEGEND_H + labelsH;
  const gridW = cellW * p.cols.length;
  const gridH = cellH * p.rows.length;
  // slanted labels reach past the grid's right edge by their run (cos 40° ≈ 0.77)
  const right = flat ? 40 : Math.round(colChars * CHAR_PX * 0.77) + 12;
  return { left, top, legendTop: 4, cellW, cellH, flat, gridW, gridH, rowChars, width: Math.max(width - 4, left + gridW + right), height: top + gridH + 8 };
}
