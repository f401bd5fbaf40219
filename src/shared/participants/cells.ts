/**
 * What every comparison table counts with (pure): a cell's accumulator, the grid of cells, the
 * scope of one request, and the in-scope segment × code pairs (thematic scope rules).
 */
import type { ProjectSnapshot, Segment, Uuid } from '../domain';
import type { ProjectIndex, Scope } from '../csv/scope';
import { segmentInScope } from '../csv/scope';
import { unionMs } from '../csv/thematic';
import { pushTo } from '../collections';

/** A row or column header. */
export interface MatrixAxisItem {
  /** Code id, participant id, group id, or a contradiction key `level:elementA:elementB`. */
  key: string;
  label: string;
}

/** One cell while it is being counted. */
export class CellAcc {
  segments = 0;
  consensus = 0;
  readonly ranges = new Map<Uuid, [number, number][]>();
  /** Indices (into the snapshot's segments) of the segments counted; may repeat. */
  readonly ids: number[] = [];
  /** Set instead of `ids` when the indices are already distinct and in the snapshot's order. */
  orderedIds: Int32Array | null = null;
  readonly contradictions = new Set<Uuid>();
  addRange(mediaId: Uuid, startMs: number, endMs: number, segment: number): void {
    pushTo(this.ranges, mediaId, [startMs, endMs]);
    this.ids.push(segment);
  }
  codedMs(): number {
    let total = 0;
    for (const r of this.ranges.values()) total += unionMs(r);
    return total;
  }
}

/** Cells by row key then column key. */
export class Grid {
  readonly cells = new Map<string, Map<string, CellAcc>>();
  at(row: string, col: string): CellAcc {
    let r = this.cells.get(row);
    if (!r) this.cells.set(row, (r = new Map()));
    let c = r.get(col);
    if (!c) r.set(col, (c = new CellAcc()));
    return c;
  }
}

export interface Ctx {
  p: ProjectSnapshot;
  ix: ProjectIndex;
  scope: Scope;
  consensusOnly: boolean;
  isConsensus: (coderId: Uuid) => boolean;
}

/** Calls `fn` with each in-scope segment × code pair, its clipped times and the segment's index, in the snapshot's order. */
export function forScopedPairs(ctx: Ctx, fn: (s: Segment, codeId: Uuid, startMs: number, endMs: number, index: number) => void): void {
  const segments = ctx.p.segments;
  const codes = ctx.scope.codes;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (!ctx.ix.mediaById.has(s.mediaId) || !ctx.ix.coderById.has(s.coderId)) continue;
    const t = segmentInScope(ctx.scope, s);
    if (!t) continue;
    for (const codeId of s.codeIds) {
      if (codes && !codes.has(codeId)) continue;
      if (ctx.ix.codeById.has(codeId)) fn(s, codeId, t[0], t[1], i);
    }
  }
}

/** Codes in codebook-path order: those used, plus every code of an explicit code/theme filter. */
export function codeAxis(ctx: Ctx, used: Set<Uuid>): MatrixAxisItem[] {
  const keep = ctx.scope.codes ? new Set([...used, ...ctx.scope.codes]) : used;
  return ctx.p.codes
    .filter((c) => keep.has(c.id))
    .map((c) => ({ key: c.id, label: ctx.ix.pathById.get(c.id)! }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
