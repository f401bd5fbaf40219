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
import type { Code, ProjectSnapshot, Uuid } from '../domain';
import { msToSecondsString } from '../time';
import type { AgreementCsvInput } from './agreementCsv';
import { clipToScope, cmpStr, indexProject, resolveScope, type ExportFilters } from './scope';
import { pushTo } from '../collections';

export interface AgreementExportOptions {
  /** Slice length in ms (default 1000). */
  unitMs?: number;
  exact?: boolean;
  excludeUncoded?: boolean;
}

/** Codes in codebook tree order: depth first, parents before children, siblings by sortOrder then name. */
export function codebookOrder(codes: readonly Code[]): Code[] {
  const children = new Map<Uuid | null, Code[]>();
  const ids = new Set(codes.map((c) => c.id));
  for (const c of codes) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    pushTo(children, parent, c);
  }
  for (const a of children.values()) a.sort((x, y) => x.sortOrder - y.sortOrder || x.name.localeCompare(y.name) || cmpStr(x.id, y.id));
  const out: Code[] = [];
  const seen = new Set<Uuid>();
  const walk = (parent: Uuid | null) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

export interface ProjectAgreement {
  input: AgreementCsvInput;
  result: SegmentsAgreementResult;
}

/** One segment × code row of a media: [segment id, coder id, start ms, end ms, code id] (null: a segment without codes). */
export type AgreementRow = readonly [Uuid, Uuid, number, number, Uuid | null];

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
      if (s.codeIds.length === 0) yield [s.id, s.coderId, s.startMs, s.endMs, null] as const;
      for (const c of s.codeIds) yield [s.id, s.coderId, s.startMs, s.endMs, c] as const;
    }
  };
}

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
  const names = new Map<Uuid, string>();
  const used = new Map<string, number>();
  for (const c of coders) {
    const n = (used.get(c.name) ?? 0) + 1;
    used.set(c.name, n);
    names.set(c.id, n === 1 ? c.name : `${c.name} (${n})`);
  }

  const media = snapshot.media
    .filter((m) => !scope.media || scope.media.has(m.id))
    .sort((a, b) => cmpStr(a.name, b.name) || cmpStr(a.id, b.id));
  /** The in-scope coders' rows of a media. */
  function* rows(mediaId: Uuid): Generator<AgreementRow> {
    for (const r of rowsOf(mediaId)) if (coderSet.has(r[1])) yield r;
  }

  // Codes.
  let codes: Code[];
  if (scope.codes) {
    codes = codebookOrder(snapshot.codes).filter((c) => scope.codes!.has(c.id));
  } else {
    const applied = new Set<Uuid>();
    for (const m of media) for (const r of rows(m.id)) if (r[4] !== null && clipToScope(scope, r[2], r[3])) applied.add(r[4]);
    codes = codebookOrder(snapshot.codes).filter((c) => applied.has(c.id));
  }
  const codeSet = new Set(codes.map((c) => c.id));

  // Timeline: media laid end to end.
  const from = Math.max(0, scope.fromMs);
  const out: AgreementSegment[] = [];
  const mediaUsed: string[] = [];
  let offset = 0;
  for (const m of media) {
    let end = m.durationMs;
    if (end === null) {
      end = 0;
      for (const r of rows(m.id)) end = Math.max(end, r[3]);
    }
    const to = Math.min(end, scope.toMs);
    const len = to - from;
    if (!(len > 0)) continue;
    mediaUsed.push(m.name);
    for (const [id, coderId, startMs, endMs, c] of rows(m.id)) {
      const start = Math.max(startMs, from);
      const stop = Math.min(endMs, to);
      const point = startMs === endMs;
      if (point ? startMs < from || startMs >= to : stop <= start) continue;
      if (c === null || !codeSet.has(c)) continue;
      out.push({ coder: names.get(coderId)!, code: ix.pathById.get(c)!, startMs: start - from + offset, endMs: stop - from + offset, id });
    }
    offset += opts.exact ? len : Math.ceil(len / unitMs) * unitMs;
  }

  const result = computeAgreement(out, {
    coders: coders.map((c) => names.get(c.id)!),
    codes: codes.map((c) => ix.pathById.get(c.id)!),
    durationMs: offset,
    unitMs,
    exact: opts.exact === true,
    excludeUncoded: opts.excludeUncoded === true,
    pointCodes: codes.filter((c) => c.kind === 'marker').map((c) => ix.pathById.get(c.id)!),
  });

  const secs = (ms: number) => Number(msToSecondsString(ms));
  const settings: AgreementCsvInput['settings'] = {
    mode: opts.exact ? 'exact' : 'slices',
    unit_seconds: opts.exact ? '' : secs(unitMs),
    exclude_uncoded: opts.excludeUncoded === true,
    coders: result.coders.join('; '),
    codes: codes.map((c) => ix.pathById.get(c.id)!).join('; '),
    media: mediaUsed.join('; '),
    from_seconds: filters.fromMs != null ? secs(filters.fromMs) : '',
    to_seconds: filters.toMs != null ? secs(filters.toMs) : '',
    duration_seconds: result.duration,
    units_per_code: result.units ?? '',
    point_events_excluded: result.pointEvents,
    consensus_only: filters.consensusOnly === true,
  };
  return {
    result,
    input: {
      settings,
      overall: result.overall,
      codes: result.codes,
      pairs: result.pairs,
    },
  };
}
