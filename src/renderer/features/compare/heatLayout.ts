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

export function heatLayout(p: Pick<HeatInput, 'rows' | 'cols'>, width: number) {
  const rowChars = Math.min(34, Math.max(6, ...p.rows.map((r) => r.label.length + 2)));
  const left = Math.round(rowChars * CHAR_PX) + 12;
  const colChars = Math.min(22, Math.max(4, ...p.cols.map((c) => c.label.length)));
  const top = Math.round(colChars * CHAR_PX * 0.65) + 16;
  const room = Math.max(0, width - left - 40);
  const cell = Math.max(22, Math.min(56, Math.floor(room / Math.max(1, p.cols.length))));
  const gridW = cell * p.cols.length;
  const gridH = cell * p.rows.length;
  return { left, top, cell, gridW, gridH, rowChars, width: Math.max(width - 4, left + gridW + 40), height: top + gridH + 44 };
}
