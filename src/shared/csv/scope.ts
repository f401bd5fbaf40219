/**
 * Export scope: which segment × code pairs an export covers, shared by every export.
 *
 * - `mediaIds`, `coderIds`, `codeIds`, `themeIds`: undefined or empty = no restriction.
 * - `consensusOnly`: only coders flagged `isConsensus` (combined with `coderIds` by intersection).
 * - `codeIds` ∪ codes of `themeIds`: a segment × code pair is kept when its code is in the union
 *   (exact ids: choosing a group code does not select its children).
 * - `fromMs`/`toMs`: the half-open window [fromMs, toMs) (either end optional). Segments that
 *   overlap it are kept and clipped to it; a point event at t is kept when fromMs <= t < toMs.
 * Segments whose media, coder or code is missing from the snapshot are skipped.
 */
import {
  codePath,
  type ActivitySystem,
  type Code,
  type Coder,
  type Media,
  type ProjectSnapshot,
  type Segment,
  type Uuid,
} from '../domain';

export interface ExportFilters {
  mediaIds?: Uuid[];
  coderIds?: Uuid[];
  consensusOnly?: boolean;
  codeIds?: Uuid[];
  themeIds?: Uuid[];
  fromMs?: number | null;
  toMs?: number | null;
}

/** One segment × code pair in scope, with its (clipped) times. */
export interface ScopedCoding {
  segment: Segment;
  code: Code;
  coder: Coder;
  media: Media;
  startMs: number;
  endMs: number;
}

/** Lookups built once per export. */
export interface ProjectIndex {
  codeById: Map<Uuid, Code>;
  pathById: Map<Uuid, string>;
  coderById: Map<Uuid, Coder>;
  mediaById: Map<Uuid, Media>;
  systemById: Map<Uuid, ActivitySystem>;
  segmentById: Map<Uuid, Segment>;
}

export function indexProject(p: ProjectSnapshot): ProjectIndex {
  const codeById = new Map(p.codes.map((c) => [c.id, c]));
  const pathById = new Map(p.codes.map((c) => [c.id, codePath(c, codeById)]));
  let segmentById: Map<Uuid, Segment> | undefined;
  return {
    codeById,
    pathById,
    coderById: new Map(p.coders.map((c) => [c.id, c])),
    mediaById: new Map(p.media.map((m) => [m.id, m])),
    systemById: new Map(p.systems.map((s) => [s.id, s])),
    // Built on first use: the segments export never looks a segment up by id.
    get segmentById() {
      return (segmentById ??= new Map(p.segments.map((s) => [s.id, s])));
    },
  };
}

export interface Scope {
  /** null = every media / coder / code. */
  media: Set<Uuid> | null;
  coders: Set<Uuid> | null;
  codes: Set<Uuid> | null;
  fromMs: number;
  toMs: number;
  /** True when a media or time restriction is set. */
  restrictsTime: boolean;
}

const nonEmpty = (a: Uuid[] | undefined): a is Uuid[] => a !== undefined && a.length > 0;

export function resolveScope(p: ProjectSnapshot, f: ExportFilters = {}): Scope {
  let coders: Set<Uuid> | null = nonEmpty(f.coderIds) ? new Set(f.coderIds) : null;
  if (f.consensusOnly) {
    const cons = p.coders.filter((c) => c.isConsensus && (coders === null || coders.has(c.id)));
    coders = new Set(cons.map((c) => c.id));
  }
  let codes: Set<Uuid> | null = null;
  if (nonEmpty(f.codeIds) || nonEmpty(f.themeIds)) {
    codes = new Set(f.codeIds ?? []);
    const themes = new Set(f.themeIds ?? []);
    for (const t of p.themes) if (themes.has(t.id)) for (const c of t.codeIds) codes.add(c);
  }
  const fromMs = f.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = f.toMs ?? Number.POSITIVE_INFINITY;
  return {
    media: nonEmpty(f.mediaIds) ? new Set(f.mediaIds) : null,
    coders,
    codes,
    fromMs,
    toMs,
    restrictsTime: nonEmpty(f.mediaIds) || f.fromMs != null || f.toMs != null,
  };
}

/** The segment's times clipped to the scope window, or null when it lies outside. */
export function clipToScope(scope: Scope, startMs: number, endMs: number): [number, number] | null {
  if (startMs === endMs) return startMs >= scope.fromMs && startMs < scope.toMs ? [startMs, endMs] : null;
  if (startMs >= scope.toMs || endMs <= scope.fromMs) return null;
  return [Math.max(startMs, scope.fromMs), Math.min(endMs, scope.toMs)];
}

/** Is this segment (ignoring its codes) in the media/coder/time scope? Returns clipped times. */
export function segmentInScope(scope: Scope, s: Segment): [number, number] | null {
  if (scope.media && !scope.media.has(s.mediaId)) return null;
  if (scope.coders && !scope.coders.has(s.coderId)) return null;
  return clipToScope(scope, s.startMs, s.endMs);
}

export const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The dense rank of each media, coder and code path name (equal names share a rank): sorting by
 * rank, computed once, gives the order of the names without comparing strings at every step.
 */
export function nameRanks(p: Pick<ProjectSnapshot, 'media' | 'coders'>, ix: Pick<ProjectIndex, 'pathById'>) {
  const denseRank = (names: string[]): Map<string, number> => {
    const sorted = [...new Set(names)].sort(cmpStr);
    return new Map(sorted.map((name, i) => [name, i]));
  };
  return {
    mediaRank: denseRank(p.media.map((m) => m.name)),
    coderRank: denseRank(p.coders.map((c) => c.name)),
    codeRank: denseRank([...ix.pathById.values()]),
  };
}

/**
 * Every segment × code pair in scope, sorted by media name, start, end, coder name, code path,
 * note, segment id (a deterministic order that does not depend on the locale).
 */
export function scopedCodings(p: ProjectSnapshot, ix: ProjectIndex, scope: Scope): ScopedCoding[] {
  const out: ScopedCoding[] = [];
  for (const segment of p.segments) {
    const t = segmentInScope(scope, segment);
    if (!t) continue;
    const media = ix.mediaById.get(segment.mediaId);
    const coder = ix.coderById.get(segment.coderId);
    if (!media || !coder) continue;
    for (const codeId of segment.codeIds) {
      if (scope.codes && !scope.codes.has(codeId)) continue;
      const code = ix.codeById.get(codeId);
      if (!code) continue;
      out.push({ segment, code, coder, media, startMs: t[0], endMs: t[1] });
    }
  }
  const { mediaRank, coderRank, codeRank } = nameRanks(p, ix);
  const n = out.length;
  const mr = new Int32Array(n);
  const cr = new Int32Array(n);
  const kr = new Int32Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const c = out[i]!;
    mr[i] = mediaRank.get(c.media.name)!;
    cr[i] = coderRank.get(c.coder.name)!;
    kr[i] = codeRank.get(ix.pathById.get(c.code.id)!)!;
    order[i] = i;
  }
  order.sort((i, j) => {
    const a = out[i]!;
    const b = out[j]!;
    return (
      mr[i] - mr[j] ||
      a.startMs - b.startMs ||
      a.endMs - b.endMs ||
      cr[i] - cr[j] ||
      kr[i] - kr[j] ||
      cmpStr(a.segment.note, b.segment.note) ||
      cmpStr(a.segment.id, b.segment.id) ||
      cmpStr(a.code.id, b.code.id)
    );
  });
  return order.map((i) => out[i]!);
}
