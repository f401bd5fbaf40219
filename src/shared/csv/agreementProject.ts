/**
 * The `agreement` export of a project: runs the agreement engine (src/shared/agreement
 * computeAgreement, contract "agreement" semantics) on the project's segments in the export scope
 * and returns the engine's result with the settings used, ready for writeAgreementCsv.
 *
 * The selection follows the `agreement` command (src/main/features/agreement/agreement.ts) so that, for one
 * media and no time window, the export's numbers are the command's:
 * - Coders: the coders in scope, by default every non-consensus coder (contract: "segments of the
 *   chosen coders (default: all non-consensus coders)"); with `coderIds` / `consensusOnly` exactly
 *   those. Project order. At least two are needed (else a one-line AgreementInputError).
 * - Codes: the code/theme filter's codes when one is set; otherwise every code that a selected
 *   coder applied in scope. Codebook order (tree order), named by full path.
 * - Timeline: for one media, [0, D) with D its duration (else the largest segment end), cut to
 *   the --from/--to window, which then starts at 0. Several media in scope are pooled: their
 *   timelines are laid end to end, each padded to a whole number of units in slice mode, so
 *   every media contributes exactly its own slices (computing per media and summing the tables
 *   gives the same statistics) and no slice straddles two media.
 * - Settings (the side file, in this order): mode, unit_seconds, exclude_uncoded, coders, codes,
 *   media, from_seconds, to_seconds, duration_seconds, units_per_code, point_events_excluded,
 *   consensus_only.
 */
import { AgreementInputError, computeAgreement, type AgreementSegment, type SegmentsAgreementResult } from '../agreement';
import type { Code, Media, ProjectSnapshot, Uuid } from '../domain';
import { msToSecondsString } from '../time';
import type { AgreementCsvInput } from './agreementCsv';
import { codebookOrder } from '../codebook';
import { clipToScope, cmpStr, indexProject, resolveScope, type ExportFilters } from './scope';
import { pushTo } from '../collections';

export interface AgreementExportOptions {
  /** Slice length in ms (default 1000). */
  unitMs?: number;
  exact?: boolean;
  excludeUncoded?: boolean;
}

export interface ProjectAgreement {
  input: AgreementCsvInput;
  result: SegmentsAgreementResult;
}

/** One segment × code row of a media: [coder id, start ms, end ms, code id] (null: a segment without codes). */
export type AgreementRow = readonly [Uuid, number, number, Uuid | null];

/** Where the export reads a media's segment × code rows (any order): the snapshot, or the store streamed. */
export type AgreementRows = (mediaId: Uuid) => Iterable<AgreementRow>;

/** The snapshot's segments as AgreementRows. */
export function snapshotAgreementRows(snapshot: Pick<ProjectSnapshot, 'segments'>): AgreementRows {
  let byMedia: Map<Uuid, ProjectSnapshot['segments']> | undefined;
  return function* (mediaId) {
    if (!byMedia) {
      byMedia = new Map();
      for (const s of snapshot.segments) pushTo(byMedia, s.mediaId, s);
    }
    for (const s of byMedia.get(mediaId) ?? []) {
      if (s.codeIds.length === 0) yield [s.coderId, s.startMs, s.endMs, null] as const;
      for (const c of s.codeIds) yield [s.coderId, s.startMs, s.endMs, c] as const;
    }
  };
}

type Scope = ReturnType<typeof resolveScope>;
type Rows = (mediaId: Uuid) => Iterable<AgreementRow>;

/** Runs the agreement engine over the project in the export scope. Throws AgreementInputError. */
export function projectAgreement(snapshot: ProjectSnapshot, filters: ExportFilters = {}, opts: AgreementExportOptions = {}, rowsOf: AgreementRows = snapshotAgreementRows(snapshot)): ProjectAgreement {
  const unitMs = opts.unitMs ?? 1000;
  if (!opts.exact && (!Number.isFinite(unitMs) || unitMs <= 0 || !Number.isInteger(unitMs))) {
    throw new AgreementInputError(`unit must be a positive number of seconds with at most 3 decimals (got ${unitMs / 1000})`);
  }
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, filters);
  const coders = snapshot.coders.filter((c) => (scope.coders ? scope.coders.has(c.id) : !c.isConsensus));
  const coderSet = new Set(coders.map((c) => c.id));
  const names = numberedNames(coders);
  const media = snapshot.media
    .filter((m) => !scope.media || scope.media.has(m.id))
    .sort((a, b) => cmpStr(a.name, b.name) || cmpStr(a.id, b.id));
  /** The in-scope coders' rows of a media. */
  function* rows(mediaId: Uuid): Generator<AgreementRow> {
    for (const r of rowsOf(mediaId)) if (coderSet.has(r[0])) yield r;
  }
  const laid = endToEnd(media, rows, scope, { names, paths: ix.pathById }, opts.exact ? null : unitMs);
  const codes = codebookOrder(snapshot.codes).filter((c) => (scope.codes ?? laid.applied).has(c.id));
  const path = (c: Code) => ix.pathById.get(c.id)!;
  const result = computeAgreement(laid.segments, {
    coders: coders.map((c) => names.get(c.id)!),
    codes: codes.map(path),
    durationMs: laid.durationMs,
    unitMs,
    exact: opts.exact === true,
    excludeUncoded: opts.excludeUncoded === true,
    pointCodes: codes.filter((c) => c.kind === 'marker').map(path),
  });
  const settings = settingsOf(result, filters, opts, unitMs, codes.map(path), laid.mediaUsed);
  return { result, input: { settings, overall: result.overall, codes: result.codes, pairs: result.pairs } };
}

/** Coder names for the engine: the second and later coders of one name get "(2)", "(3)"… in list order. */
function numberedNames(coders: readonly { id: Uuid; name: string }[]): Map<Uuid, string> {
  const names = new Map<Uuid, string>();
  const used = new Map<string, number>();
  for (const c of coders) {
    const n = (used.get(c.name) ?? 0) + 1;
    used.set(c.name, n);
    names.set(c.id, n === 1 ? c.name : `${c.name} (${n})`);
  }
  return names;
}

/** Coder names and code paths the engine is given. */
type Labels = { names: ReadonlyMap<Uuid, string>; paths: ReadonlyMap<Uuid, string> };

/** The segments laid on the timeline so far, and the codes a selected coder applied in scope (any media, any time in the window). */
type Laid = { segments: AgreementSegment[]; applied: Set<Uuid> };

/**
 * The media laid end to end on one timeline (each cut to the scope's time range; in slice mode
 * each padded to whole slices, `unitMs`; exact mode: `unitMs` null), with the coded rows placed on
 * it: those of the scope's codes, else of every code (the codes compared are then those
 * applied in scope, `applied`, which every placed row's code is). One read of each media's rows.
 */
function endToEnd(media: readonly Media[], rows: Rows, scope: Scope, labels: Labels, unitMs: number | null): Laid & { mediaUsed: string[]; durationMs: number } {
  const laid: Laid = { segments: [], applied: new Set() };
  const mediaUsed: string[] = [];
  let offset = 0;
  for (const m of media) {
    const len = layMedia(m, rows, scope, labels, offset, laid);
    if (len === null) continue;
    mediaUsed.push(m.name);
    offset += unitMs === null ? len : Math.ceil(len / unitMs) * unitMs;
  }
  return { ...laid, mediaUsed, durationMs: offset };
}

/**
 * Places one media's rows at `offset` and returns the length of its part of the timeline, or
 * null (and nothing placed) when the window leaves none of it. A media of unknown duration ends
 * at its largest segment end, known only after the read: its rows are placed as if it ran to the
 * window's end, which changes nothing for a range (none ends later) and keeps only the point
 * events exactly at that end, removed afterwards.
 */
function layMedia(m: Media, rows: Rows, scope: Scope, labels: Labels, offset: number, laid: Laid): number | null {
  const from = Math.max(0, scope.fromMs);
  if (m.durationMs !== null && scope.codes && !(Math.min(m.durationMs, scope.toMs) > from)) return null;
  const first = laid.segments.length;
  let to = Math.min(m.durationMs ?? Number.POSITIVE_INFINITY, scope.toMs);
  let lastEnd = 0;
  for (const [coderId, startMs, endMs, c] of rows(m.id)) {
    if (endMs > lastEnd) lastEnd = endMs;
    if (c === null) continue;
    if (!scope.codes && clipToScope(scope, startMs, endMs)) laid.applied.add(c);
    if (!labels.paths.has(c) || (scope.codes && !scope.codes.has(c))) continue;
    const start = Math.max(startMs, from);
    const stop = Math.min(endMs, to);
    if (startMs === endMs ? startMs < from || startMs >= to : stop <= start) continue;
    // no segment id: the statistics do not list segments (a million ids would be kept for nothing)
    laid.segments.push({ coder: labels.names.get(coderId)!, code: labels.paths.get(c)!, startMs: start - from + offset, endMs: stop - from + offset });
  }
  if (m.durationMs === null) to = Math.min(lastEnd, scope.toMs);
  const len = to - from;
  if (!(len > 0)) {
    laid.segments.length = first;
    return null;
  }
  if (m.durationMs === null) dropPointsFrom(laid.segments, first, to - from + offset);
  return len;
}

/** Removes the point events at or after `at` from segments[first..]. */
function dropPointsFrom(segments: AgreementSegment[], first: number, at: number): void {
  let w = first;
  for (let i = first; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.startMs === s.endMs && s.startMs >= at) continue;
    segments[w++] = s;
  }
  segments.length = w;
}

/** The settings file's one row: how the figures were computed and over what. */
function settingsOf(result: SegmentsAgreementResult, filters: ExportFilters, opts: AgreementExportOptions, unitMs: number, codePaths: string[], mediaUsed: string[]): AgreementCsvInput['settings'] {
  const secs = (ms: number) => Number(msToSecondsString(ms));
  return {
    mode: opts.exact ? 'exact' : 'slices',
    unit_seconds: opts.exact ? '' : secs(unitMs),
    exclude_uncoded: opts.excludeUncoded === true,
    coders: result.coders.join('; '),
    codes: codePaths.join('; '),
    media: mediaUsed.join('; '),
    from_seconds: filters.fromMs != null ? secs(filters.fromMs) : '',
    to_seconds: filters.toMs != null ? secs(filters.toMs) : '',
    duration_seconds: result.duration,
    units_per_code: result.units ?? '',
    point_events_excluded: result.pointEvents,
    consensus_only: filters.consensusOnly === true,
  };
}
