/** Compare screen calls beside the comparison tables themselves (contract/participants.ts): the segments behind a cell. */
import { z } from 'zod';
import { call } from './call';
import { codeColumns, codeColumnsMessage, matrixFields } from './participants';
import type { DiagramSegment } from '../diagram/model';
import type { Theme, Uuid } from '../domain';

/** A segment listed under a clicked cell. */
export interface CompareSegment extends DiagramSegment {
  coderId: Uuid;
  participantIds: Uuid[];
}

/** How many of a cell's segments are listed (the rest are counted). */
export const COMPARE_LIST_MAX = 500;

/** The drill-down of one cell: the segments it counts (the first COMPARE_LIST_MAX listed), and a contradiction cell's contradictions. */
export interface CompareCellList {
  /** How many segments the cell counts (distinct). */
  total: number;
  /** In the export order (media name, start, end, coder), the first COMPARE_LIST_MAX. */
  segments: CompareSegment[];
  /** Contradiction rows: the contradictions counted, sorted. */
  contradictionIds?: Uuid[];
}

export const compareContract = {
  /**
   * One cell of a comparison table (the table's request, and the cell's row and column keys):
   * computed with the same filters and rule as the table, restricted to the cell; a cell the
   * table does not have lists nothing.
   */
  compareCell: call<CompareCellList>()(
    matrixFields.extend({ row: z.string().min(1).max(200), col: z.string().uuid() }).strict().refine(codeColumns, codeColumnsMessage),
  ),
  /** The study's themes (names and codes), for the theme filter. */
  compareThemes: call<Theme[]>()(z.object({}).strict()),
} as const;
