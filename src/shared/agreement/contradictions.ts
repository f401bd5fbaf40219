/**
 * Agreement on contradictions (`agreement --contradictions`): do coders find the same ones?
 *
 * Two coders' contradictions match when they have
 * - the same level,
 * - the same element pair, unordered (a tension between tools and rules is the one between rules
 *   and tools); an end is its element and activity system;
 * - evidence overlapping by at least `minOverlap` (default ½) of the shorter evidence: a
 *   contradiction's evidence is the union of its evidence segments per media; the overlap is the
 *   time both unions share. Evidence of no duration (point events) matches when it lies inside
 *   the other's evidence.
 * Matching is one to one and maximum (augmenting paths, Kuhn), deterministic: candidates are
 * tried by larger overlap share, then by id. Per pair of coders: matched / only A / only B and
 * positive agreement (F1) 2·matched / (2·matched + only A + only B).
 * **κ on the level**: the level cannot be part of the key it is measured on, so a second,
 * level-agnostic matching (element pair + overlap) pairs contradictions whatever their level,
 * and Cohen's κ is computed on the levels of those pairs (4 categories).
 * Overall: the pairs' counts summed (F1 of the sums; κ of the summed level tables).
 */
import { CONTRADICTION_LEVELS, type ContradictionLevel } from '../domain';
import { formatHms } from '../time';
import { cohensKappa } from './measures';

export interface EvidenceRange {
  media: string;
  startMs: number;
  endMs: number;
}

export interface ContradictionItem {
  id: string;
  coder: string;
  level: ContradictionLevel;
  /** Ends as "element" or "System: element"; order does not matter. */
  endA: string;
  endB: string;
  evidence: EvidenceRange[];
  note?: string;
}

export interface UnmatchedContradiction {
  id: string;
  coder: string;
  level: ContradictionLevel;
  elements: string;
  /** "media @ h:mm:ss–h:mm:ss", joined with "; ". */
  evidence: string;
  note: string;
}

export interface ContradictionPairAgreement {
  coders: [string, string];
  matched: number;
  onlyA: number;
  onlyB: number;
  /** Positive agreement 2·matched / (2·matched + onlyA + onlyB); null when neither coded any. */
  f1: number | null;
  /** Pairs of the level-agnostic matching (element pair + overlap). */
  levelMatched: number;
  /** Cohen's κ of the levels of those pairs; null (with a note) when undefined. */
  levelKappa: number | null;
  /** levelTable[a][b]: level a by the first coder, b by the second (CONTRADICTION_LEVELS order). */
  levelTable: number[][];
  unmatched: UnmatchedContradiction[];
  notes: { f1?: string; levelKappa?: string };
}

export interface ContradictionAgreement {
  minOverlap: number;
  coders: string[];
  /** Contradictions per coder. */
  counts: Record<string, number>;
  pairs: ContradictionPairAgreement[];
  overall: Omit<ContradictionPairAgreement, 'coders' | 'unmatched'>;
}

type Ranges = Map<string, [number, number][]>;

/** Evidence as merged ranges per media. */
function evidenceRanges(ev: readonly EvidenceRange[]): Ranges {
  const by = new Map<string, [number, number][]>();
  for (const e of [...ev].sort((a, b) => a.startMs - b.startMs)) {
    const list = by.get(e.media) ?? [];
    const last = list[list.length - 1];
    if (last && e.startMs <= last[1]) last[1] = Math.max(last[1], e.endMs);
    else list.push([e.startMs, e.endMs]);
    by.set(e.media, list);
  }
  return by;
}

const spanOf = (r: Ranges) => [...r.values()].flat().reduce((s, [a, b]) => s + b - a, 0);

function sharedMs(a: Ranges, b: Ranges): number {
  let s = 0;
  for (const [media, ra] of a) for (const [x0, x1] of ra) for (const [y0, y1] of b.get(media) ?? []) s += Math.max(0, Math.min(x1, y1) - Math.max(x0, y0));
  return s;
}

/** Evidence of no duration lies inside the other's (closed) ranges. */
function pointsInside(points: Ranges, other: Ranges): boolean {
  for (const [media, list] of points) for (const [p] of list) if (!(other.get(media) ?? []).some(([a, b]) => a <= p && p <= b)) return false;
  return points.size > 0;
}

/** Share of the shorter evidence that both share (1 for point evidence inside the other's), or −1 when none. */
export function evidenceOverlap(a: readonly EvidenceRange[], b: readonly EvidenceRange[]): number {
  const ra = evidenceRanges(a);
  const rb = evidenceRanges(b);
  const la = spanOf(ra);
  const lb = spanOf(rb);
  if (la === 0 || lb === 0) return (la === 0 ? pointsInside(ra, rb) : pointsInside(rb, ra)) ? 1 : -1;
  const shared = sharedMs(ra, rb);
  return shared > 0 ? shared / Math.min(la, lb) : -1;
}

const pairKey = (c: ContradictionItem) => [c.endA, c.endB].sort().join(' ↔ ');

/** Maximum one-to-one matching of A's and B's items; `edges[i]` = candidates of A[i], best first. */
function maxMatching(nA: number, edges: number[][]): number[] {
  const matchB = new Map<number, number>();
  const tryAugment = (i: number, seen: Set<number>): boolean => {
    for (const j of edges[i]) {
      if (seen.has(j)) continue;
      seen.add(j);
      const k = matchB.get(j);
      if (k === undefined || tryAugment(k, seen)) {
        matchB.set(j, i);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < nA; i++) tryAugment(i, new Set());
  const matchA = new Array<number>(nA).fill(-1);
  for (const [j, i] of matchB) matchA[i] = j;
  return matchA;
}

function candidates(A: ContradictionItem[], B: ContradictionItem[], minOverlap: number, withLevel: boolean): number[][] {
  return A.map((a) => {
    const c: { j: number; share: number }[] = [];
    B.forEach((b, j) => {
      if (pairKey(a) !== pairKey(b) || (withLevel && a.level !== b.level)) return;
      const share = evidenceOverlap(a.evidence, b.evidence);
      if (share >= minOverlap && share > 0) c.push({ j, share });
    });
    return c.sort((x, y) => y.share - x.share || B[x.j].id.localeCompare(B[y.j].id)).map((x) => x.j);
  });
}

export function describeEvidence(ev: readonly EvidenceRange[]): string {
  return [...ev]
    .sort((a, b) => a.media.localeCompare(b.media) || a.startMs - b.startMs)
    .map((e) => (e.endMs > e.startMs ? `${e.media} @ ${formatHms(e.startMs)}–${formatHms(e.endMs)}` : `${e.media} @ ${formatHms(e.startMs)}`))
    .join('; ');
}

function unmatchedOf(c: ContradictionItem): UnmatchedContradiction {
  return { id: c.id, coder: c.coder, level: c.level, elements: c.endA === c.endB ? c.endA : `${c.endA} ↔ ${c.endB}`, evidence: describeEvidence(c.evidence), note: c.note ?? '' };
}

const emptyLevelTable = () => CONTRADICTION_LEVELS.map(() => CONTRADICTION_LEVELS.map(() => 0));

function summary(matched: number, onlyA: number, onlyB: number, levelTable: number[][]): Omit<ContradictionPairAgreement, 'coders' | 'unmatched'> {
  const notes: ContradictionPairAgreement['notes'] = {};
  const den = 2 * matched + onlyA + onlyB;
  if (den === 0) notes.f1 = 'neither coder coded a contradiction';
  const levelMatched = levelTable.flat().reduce((a, b) => a + b, 0);
  const k = levelMatched > 0 ? cohensKappa(levelTable) : { value: null, note: 'no contradictions of the two coders share an element pair and evidence' };
  if (k.note) notes.levelKappa = k.note;
  return { matched, onlyA, onlyB, f1: den === 0 ? null : (2 * matched) / den, levelMatched, levelKappa: k.value, levelTable, notes };
}

/** Agreement of two coders' contradictions. */
export function compareContradictions(A: ContradictionItem[], B: ContradictionItem[], coders: [string, string], minOverlap = 0.5): ContradictionPairAgreement {
  const a = [...A].sort((x, y) => x.id.localeCompare(y.id));
  const b = [...B].sort((x, y) => x.id.localeCompare(y.id));
  const strict = maxMatching(a.length, candidates(a, b, minOverlap, true));
  const usedB = new Set(strict.filter((j) => j >= 0));
  const unmatched = [...a.filter((_, i) => strict[i] < 0), ...b.filter((_, j) => !usedB.has(j))].map(unmatchedOf);
  const matched = usedB.size;
  const loose = maxMatching(a.length, candidates(a, b, minOverlap, false));
  const table = emptyLevelTable();
  loose.forEach((j, i) => {
    if (j >= 0) table[CONTRADICTION_LEVELS.indexOf(a[i].level)][CONTRADICTION_LEVELS.indexOf(b[j].level)]++;
  });
  return { coders, ...summary(matched, a.length - matched, b.length - matched, table), unmatched };
}

/** Every pair of coders, and the pooled overall. */
export function computeContradictionAgreement(items: readonly ContradictionItem[], coders: readonly string[], minOverlap = 0.5): ContradictionAgreement {
  const of = (c: string) => items.filter((x) => x.coder === c);
  const pairs: ContradictionPairAgreement[] = [];
  for (let i = 0; i < coders.length; i++) for (let j = i + 1; j < coders.length; j++) pairs.push(compareContradictions(of(coders[i]), of(coders[j]), [coders[i], coders[j]], minOverlap));
  const table = emptyLevelTable();
  for (const p of pairs) p.levelTable.forEach((row, r) => row.forEach((v, c) => (table[r][c] += v)));
  const sum = (k: 'matched' | 'onlyA' | 'onlyB') => pairs.reduce((s, p) => s + p[k], 0);
  return {
    minOverlap,
    coders: [...coders],
    counts: Object.fromEntries(coders.map((c) => [c, of(c).length])),
    pairs,
    overall: summary(sum('matched'), sum('onlyA'), sum('onlyB'), table),
  };
}
