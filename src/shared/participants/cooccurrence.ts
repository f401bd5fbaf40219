/**
 * The code co-occurrence table (pure; the rule is in compare.ts's header). The in-scope codings
 * are held as parallel arrays in the snapshot's segment order, grouped into layers (one media, one
 * coder) sorted by start. One sweep per layer (with "same participants": per participant's codings
 * in the layer, and per segment carrying several codes) marks, as bits, the codes each coding
 * co-occurs with; one pass in the snapshot's order then counts the cells, and for a drill-down lists
 * their segments already in order and distinct (no sorting per cell).
 */
import type { Segment, Uuid } from '../domain';
import { pushTo } from '../collections';
import { CellAcc, codeAxis, forScopedPairs, type Ctx, type Grid, type MatrixAxisItem } from './cells';

/** Do two codings co-occur (see compare.ts's header)? */
export function cooccur(x: { a: number; b: number }, y: { a: number; b: number }, sameSegment = false): boolean {
  return sameSegment || overlaps(x.a, x.b, y.a, y.b);
}

function overlaps(xa: number, xb: number, ya: number, yb: number): boolean {
  const xPoint = xa === xb;
  const yPoint = ya === yb;
  if (xPoint && yPoint) return xa === ya;
  if (xPoint) return xa >= ya && xa < yb;
  if (yPoint) return ya >= xa && ya < xb;
  return Math.max(xa, ya) < Math.min(xb, yb);
}

/** Coding i: segment index seg[i], code code[i] (a small number), clipped times [a[i], b[i]). */
interface Codings {
  seg: number[];
  code: number[];
  a: number[];
  b: number[];
  codeKeys: Uuid[];
  /** Coding indices of each (media, coder), sorted by start. */
  layers: number[][];
}

function codingsOf(ctx: Ctx): Codings {
  const c: Codings = { seg: [], code: [], a: [], b: [], codeKeys: [], layers: [] };
  const codeIx = new Map<Uuid, number>();
  const layerIx = new Map<Uuid, Map<Uuid, number[]>>();
  let lastSeg = -1;
  let layer: number[] = [];
  forScopedPairs(ctx, (s, codeId, a, b, i) => {
    if (i !== lastSeg) {
      lastSeg = i;
      let byCoder = layerIx.get(s.mediaId);
      if (!byCoder) layerIx.set(s.mediaId, (byCoder = new Map()));
      let l = byCoder.get(s.coderId);
      if (!l) byCoder.set(s.coderId, (l = c.layers[c.layers.push([]) - 1]!));
      layer = l;
    }
    let k = codeIx.get(codeId);
    if (k === undefined) codeIx.set(codeId, (k = c.codeKeys.push(codeId) - 1));
    layer.push(c.seg.length);
    c.seg.push(i);
    c.code.push(k);
    c.a.push(a);
    c.b.push(b);
  });
  // the snapshot's segments come sorted by media and start: sort only a layer that is not
  for (const l of c.layers) if (!sortedByStart(c, l)) l.sort((x, y) => c.a[x]! - c.a[y]!);
  return c;
}

function sortedByStart(c: Codings, layer: number[]): boolean {
  for (let i = 1; i < layer.length; i++) if (c.a[layer[i - 1]!]! > c.a[layer[i]!]!) return false;
  return true;
}

/**
 * Marks in `bits` (`words` 32-bit words per coding) the codes each coding of `list` (codings
 * sorted by start: a layer, or with "same participants" one participant's codings in it, or one
 * segment's) co-occurs with: a sweep by start time that stops at the first coding starting after
 * this one ends.
 */
function markPartners(c: Codings, list: number[], words: number, bits: Uint32Array): void {
  const n = list.length;
  const A = Float64Array.from(list, (i) => c.a[i]!);
  const B = Float64Array.from(list, (i) => c.b[i]!);
  const K = Int32Array.from(list, (i) => c.code[i]!);
  const S = Int32Array.from(list, (i) => c.seg[i]!);
  const mine = new Uint32Array(n * words); // in list order, added into `bits` at the end
  for (let x = 0; x < n; x++) {
    const ax = A[x]!;
    const bx = B[x]!;
    const kx = K[x]!;
    const xBit = 1 << (kx & 31);
    for (let y = x + 1; y < n; y++) {
      const ay = A[y]!;
      if (ay > bx) break;
      const ky = K[y]!;
      if (ky === kx) continue;
      const xAt = x * words + (ky >>> 5); // x's word holding ky
      const yAt = y * words + (kx >>> 5); // y's word holding kx
      const yBit = 1 << (ky & 31);
      // both already marked: nothing to learn from this pair
      if ((mine[xAt]! & yBit) !== 0 && (mine[yAt]! & xBit) !== 0) continue;
      if (S[y] !== S[x] && !overlaps(ax, bx, ay, B[y]!)) continue;
      mine[xAt]! |= yBit;
      mine[yAt]! |= xBit;
    }
  }
  for (let x = 0; x < n; x++) for (let w = 0; w < words; w++) bits[list[x]! * words + w]! |= mine[x * words + w]!;
}

/** Writes into `out` the codes coding i co-occurs with (from its partner bits); returns how many. */
function partnerCodes(bits: Uint32Array, i: number, words: number, out: Int32Array): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    let m = bits[i * words + w]! | 0;
    while (m !== 0) {
      const low = m & -m;
      m ^= low;
      out[n++] = (w << 5) + 31 - Math.clz32(low);
    }
  }
  return n;
}

/**
 * The segments of each cell, distinct and in the snapshot's order: the segments of a's codings
 * that co-occur with b and of b's that co-occur with a, the same for (a, b) and (b, a), so one
 * list serves both (at min(a, b) * nk + max(a, b)). Codings come in the snapshot's order, so a
 * segment repeats only right after itself: one walk sizes the lists, a second fills them.
 */
function cellSegments(c: Codings, bits: Uint32Array, words: number, nk: number): Int32Array[] {
  const sizes = new Int32Array(nk * nk);
  const last = new Int32Array(nk * nk);
  const ks = new Int32Array(words * 32);
  let ids: Int32Array[] | null = null;
  for (let pass = 0; pass < 2; pass++) {
    last.fill(-1);
    for (let i = 0; i < c.seg.length; i++) {
      const seg = c.seg[i]!;
      const a = c.code[i]!;
      for (let j = 0, n = partnerCodes(bits, i, words, ks); j < n; j++) {
        const b = ks[j]!;
        const at = a < b ? a * nk + b : b * nk + a;
        if (last[at] === seg) continue;
        last[at] = seg;
        if (ids) ids[at]![sizes[at]!++] = seg;
        else sizes[at]!++;
      }
    }
    if (!ids) ids = Array.from(sizes, (n) => new Int32Array(n));
    sizes.fill(0);
  }
  return ids!;
}

/**
 * Counts the cells from the partner bits: cell (a, b) counts a's codings that co-occur with b.
 * A cell exists when any coding of a co-occurs with b (then one of b's co-occurs with a: (b, a)
 * exists too). With `withIds` (one cell's drill-down) the cells also get their segments.
 */
function countCells(ctx: Ctx, c: Codings, bits: Uint32Array, words: number, grid: Grid, withIds: boolean): void {
  const nk = c.codeKeys.length;
  const counts = new Int32Array(nk * nk);
  const consensus = new Int32Array(nk * nk);
  const any = new Int32Array(nk * nk);
  const ks = new Int32Array(words * 32);
  for (let i = 0; i < c.seg.length; i++) {
    const cons = ctx.isConsensus(ctx.p.segments[c.seg[i]!]!.coderId);
    for (let j = 0, n = partnerCodes(bits, i, words, ks); j < n; j++) {
      const at = c.code[i]! * nk + ks[j]!;
      any[at]!++;
      if (cons) consensus[at]!++;
      if (cons === ctx.consensusOnly) counts[at]!++;
    }
  }
  const ids = withIds ? cellSegments(c, bits, words, nk) : null;
  for (let at = 0; at < nk * nk; at++) {
    if (any[at] === 0) continue;
    const [a, b] = [Math.floor(at / nk), at % nk];
    const cell = grid.at(c.codeKeys[a]!, c.codeKeys[b]!);
    cell.segments = counts[at]!;
    cell.consensus = consensus[at]!;
    if (ids) cell.orderedIds = ids[Math.min(a, b) * nk + Math.max(a, b)]!;
  }
}

/** Merged time ranges of each code among codings sorted by start (points add nothing). */
function unionsByCode(c: Codings, list: readonly number[]): Map<number, [number, number][]> {
  const byCode = new Map<number, [number, number][]>();
  for (const i of list) {
    const a = c.a[i]!;
    const b = c.b[i]!;
    if (b <= a) continue;
    const r = byCode.get(c.code[i]!);
    const last = r?.[r.length - 1];
    if (!r) byCode.set(c.code[i]!, [[a, b]]);
    else if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else r.push([a, b]);
  }
  return byCode;
}

/** The intersection of two merged range lists. */
function intersect(x: [number, number][], y: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    const a = Math.max(x[i]![0], y[j]![0]);
    const b = Math.min(x[i]![1], y[j]![1]);
    if (a < b) out.push([a, b]);
    if (x[i]![1] < y[j]![1]) i++;
    else j++;
  }
  return out;
}

/**
 * The lists of one layer's codings (each sorted by start) within which codes pair up: the layer,
 * or with "same participants" each participant's codings and each segment's carrying several codes
 * (the codes of one segment always co-occur; its codings are next to each other in the layer).
 */
function pairingGroups(c: Codings, layer: number[], segments: readonly Segment[], sameParticipants: boolean): number[][] {
  if (!sameParticipants) return [layer];
  const byP = new Map<Uuid, number[]>();
  for (const i of layer) for (const p of segments[c.seg[i]!]!.participantIds ?? []) pushTo(byP, p, i);
  const out = [...byP.values()];
  for (let x = 0, y = 1; x < layer.length; x = y, y = x + 1) {
    while (y < layer.length && c.seg[layer[y]!] === c.seg[layer[x]!]) y++;
    if (y - x > 1) out.push(layer.slice(x, y));
  }
  return out;
}

/** The overlaps of each unordered pair of codes (at min * nk + max), per media, not yet merged. */
type SharedTime = (Map<Uuid, [number, number][]> | undefined)[];

/**
 * The shared time of every pair of codes in one layer: the union of the pairwise overlaps equals
 * U(A) ∩ U(B), or with `sameParticipants` the union over participants p of U(A_p) ∩ U(B_p) and
 * over segments carrying both codes of their time.
 */
function addSharedTime(c: Codings, groups: number[][], mediaId: Uuid, shared: SharedTime): void {
  const nk = c.codeKeys.length;
  for (const g of groups) {
    const unions = [...unionsByCode(c, g)];
    for (let i = 0; i < unions.length; i++) {
      for (let j = i + 1; j < unions.length; j++) {
        const [ka, ra] = unions[i]!;
        const [kb, rb] = unions[j]!;
        const both = intersect(ra, rb);
        if (both.length === 0) continue;
        const byMedia = (shared[Math.min(ka, kb) * nk + Math.max(ka, kb)] ??= new Map());
        const list = byMedia.get(mediaId);
        if (!list) byMedia.set(mediaId, both);
        else for (const r of both) list.push(r);
      }
    }
  }
}

/** Gives cells (a, b) and (b, a) their shared time (the same ranges: merged once, read twice). */
function putSharedTime(c: Codings, shared: SharedTime, grid: Grid): void {
  const nk = c.codeKeys.length;
  shared.forEach((byMedia, at) => {
    if (!byMedia) return;
    const [a, b] = [c.codeKeys[Math.floor(at / nk)]!, c.codeKeys[at % nk]!];
    for (const cell of [grid.at(a, b), grid.at(b, a)]) for (const [m, r] of byMedia) cell.ranges.set(m, r);
  });
}

/** Each code's coded time in scope (union per media, summed), the co-occurrence share's denominator. */
function ownCodedMs(c: Codings, segments: readonly Segment[]): Map<Uuid, number> {
  const acc = c.codeKeys.map(() => new CellAcc());
  for (let i = 0; i < c.seg.length; i++) pushTo(acc[c.code[i]!]!.ranges, segments[c.seg[i]!]!.mediaId, [c.a[i]!, c.b[i]!]);
  return new Map(c.codeKeys.map((k, i) => [k, acc[i]!.codedMs()]));
}

/**
 * Fills `grid` with the co-occurrence cells (`withIds`: with their segments, for a drill-down);
 * returns the codes (rows and columns) and each code's coded time.
 */
export function cooccurrenceRows(ctx: Ctx, grid: Grid, sameParticipants: boolean, withIds = false): { rows: MatrixAxisItem[]; ownMs: Map<Uuid, number> } {
  const c = codingsOf(ctx);
  const segments = ctx.p.segments;
  const words = Math.max(1, Math.ceil(c.codeKeys.length / 32));
  const bits = new Uint32Array(c.seg.length * words);
  const shared: SharedTime = [];
  for (const layer of c.layers) {
    const groups = pairingGroups(c, layer, segments, sameParticipants);
    for (const g of groups) markPartners(c, g, words, bits);
    addSharedTime(c, groups, segments[c.seg[layer[0]!]!]!.mediaId, shared);
  }
  putSharedTime(c, shared, grid);
  countCells(ctx, c, bits, words, grid, withIds);
  return { rows: codeAxis(ctx, new Set(c.codeKeys)), ownMs: ownCodedMs(c, segments) };
}
