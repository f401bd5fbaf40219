/**
 * From a project (or a segments CSV) to the agreement engine's input. The CLI and the dashboard
 * both go through here, so the same selection gives the same numbers in both.
 *
 * - Codes are named by their full path ("Researchers/Tools"): unique, and what the CSV export writes.
 * - Default coders: every coder of the project that is not the consensus layer, in project order.
 * - Default codes: the codes the selected coders applied in the chosen media, in codebook order
 *   (a code nobody applied has no agreement to measure and would only add "neither" units to the
 *   pooled overall).
 * - Timeline: the media's duration when known, else the largest segment end (the engine's default).
 */
import { codebookOrder, makeCodeResolver, normaliseCodePath } from '../../../shared/codebook';
import { codePath, type Code, type Coder, type Media, type Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { readCsv, unguardCell, type CsvRecord } from '../../../shared/csv';
import { segmentRowReader, type SegmentRowReader } from '../../../shared/csv/segmentsCsv';
import { csvFileBlocksSync } from '../../csvStream';
import type { AgreementSegment } from '../../../shared/agreement';
import { computeGamma, GammaInputError, type Continuum, type GammaFigures, type GammaOptions, type GammaResult, type GammaUnit } from '../../../shared/agreement/gamma';
import type { ProjectStore } from '../../db/store';
import { iterateCodings } from '../../db/tables/segments';

/** The engine input of one selection, with the names and ids it was built from. */
export interface AgreementInput {
  segments: AgreementSegment[];
  /** Selected coders (names, in order). */
  coders: string[];
  /** Selected codes (full paths, in order). */
  codes: string[];
  /** Timeline length, when known (media duration); undefined = largest segment end. */
  durationMs?: number;
  /** Media name (project input). */
  media?: string;
  /**
   * Selected codes compared as point events (never in the slice statistics): the project's
   * marker codes; in a CSV, the codes whose every segment is a point (start = end).
   */
  pointCodes: string[];
}

export interface ProjectSelection {
  mediaId?: Uuid;
  /** Media by name (CLI). */
  mediaName?: string;
  coderIds?: Uuid[];
  coderNames?: string[];
  codeIds?: Uuid[];
  /** Code paths or unique leaf names (CLI). */
  codeNames?: string[];
  /** Carry each segment's id (for disagreement lists); the CLI's numbers do not need them. */
  segmentIds?: boolean;
  /** Only these segments (agreement by participant or group: features/participants/agreement.ts). */
  onlySegments?: ReadonlySet<Uuid>;
}

export function pickMedia(store: ProjectStore, sel: { mediaId?: Uuid; mediaName?: string }, where = store.file): Media {
  const media = store.listMedia();
  if (sel.mediaId) return store.getMedia(sel.mediaId);
  if (sel.mediaName !== undefined) {
    const m = media.find((x) => x.name === sel.mediaName);
    if (!m) throw new UserError('invalid', `${where}: --media: no media named "${sel.mediaName}" (the project has: ${media.map((x) => x.name).join(', ') || 'none'})`);
    return m;
  }
  if (media.length === 1) return media[0]!;
  if (media.length === 0) throw new UserError('invalid', `${where}: the project has no media, so no coded segments`);
  throw new UserError('invalid', `${where}: the project has ${media.length} media (${media.map((x) => x.name).join(', ')}): choose one with --media NAME`);
}

/** Segments of the chosen media, coders and codes of a project, as engine input. */
export function projectAgreementInput(store: ProjectStore, sel: ProjectSelection = {}): AgreementInput {
  const where = store.file;
  const media = pickMedia(store, sel, where);
  const allCoders = store.listCoders();
  const allCodes = store.listCodes();
  const byId = new Map(allCodes.map((c) => [c.id, c]));
  const pathOf = (c: Code) => codePath(c, byId);

  let coders: Coder[];
  if (sel.coderIds) {
    coders = sel.coderIds.map((id) => {
      const c = allCoders.find((x) => x.id === id);
      if (!c) throw new UserError('invalid', `${where}: no coder with id ${id}`);
      return c;
    });
  } else if (sel.coderNames) {
    coders = sel.coderNames.map((name) => {
      const c = allCoders.find((x) => x.name === name) ?? allCoders.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) throw new UserError('invalid', `${where}: --coders: unknown coder "${name}" (the project has: ${allCoders.map((x) => x.name).join(', ')})`);
      return c;
    });
  } else {
    coders = allCoders.filter((c) => !c.isConsensus);
  }
  const links = codeLinks(store, media.id, new Map(coders.map((c) => [c.id, c.name])), new Map(allCodes.map((c) => [c.id, pathOf(c)])), sel);

  let codes: Code[];
  if (sel.codeIds) {
    codes = sel.codeIds.map((id) => {
      const c = byId.get(id);
      if (!c) throw new UserError('invalid', `${where}: no code with id ${id}`);
      return c;
    });
  } else if (sel.codeNames) {
    const resolve = makeCodeResolver(allCodes);
    codes = sel.codeNames.map((name) => {
      const r = resolve(name);
      if (r.ok) return r.code;
      if (r.reason === 'ambiguous') throw new UserError('invalid', `${where}: --codes: code "${name}" is ambiguous: write its full path (${r.candidates.join(' or ')})`);
      throw new UserError('invalid', `${where}: --codes: unknown code "${name}" (not in the project's codebook)`);
    });
  } else {
    const used = new Set(links.map((l) => l.code));
    codes = codebookOrder(allCodes).filter((c) => used.has(pathOf(c)));
  }
  const chosen = new Set(codes.map(pathOf));
  return {
    segments: links.every((l) => chosen.has(l.code)) ? links : links.filter((l) => chosen.has(l.code)),
    coders: coders.map((c) => c.name),
    codes: codes.map(pathOf),
    durationMs: media.durationMs ?? undefined,
    media: media.name,
    pointCodes: codes.filter((c) => c.kind === 'marker').map(pathOf),
  };
}

/**
 * Every segment-code link of a media (of the chosen coders, and segments when asked), with only
 * the columns the statistics use: coder name and code path (the one string of each, not a copy
 * per row), start, end, and the segment id when asked. Read as raw rows, never as row objects
 * (no notes, no full segments). A link to a code missing from the codebook keeps its id.
 */
function codeLinks(store: ProjectStore, mediaId: Uuid, coderNames: Map<Uuid, string>, codePaths: Map<Uuid, string>, sel: ProjectSelection): AgreementSegment[] {
  const withIds = sel.segmentIds !== false;
  const only = sel.onlySegments;
  const links: AgreementSegment[] = [];
  for (const [coderId, codeId, startMs, endMs, id] of iterateCodings(store.db, mediaId, withIds ? 'ordered' : only ? 'unordered' : 'none')) {
    const coder = coderNames.get(coderId);
    if (coder === undefined || (only && !only.has(id!))) continue;
    const l: AgreementSegment = { coder, code: codePaths.get(codeId) ?? codeId, startMs, endMs };
    if (withIds) l.id = id!;
    links.push(l);
  }
  return links;
}

/**
 * A segments CSV given on its own (no project), read in 64 KiB blocks in one pass: the
 * file carries its own codebook, so its code labels are compared as written, in order of first
 * appearance. Rows are checked as in import-segments (line-numbered errors). Only what agreement
 * needs is kept: coder, code and media names once each (every row points at the same string),
 * and the two times as numbers. Coders whose `consensus` cell is true are left out of the
 * default coders.
 */
export async function csvAgreementInput(file: string, sel: CsvSelection = {}): Promise<AgreementInput> {
  const rows = new CsvSegments();
  asUserError(file, () => {
    // 64 KiB blocks: each block's records die young (1 MiB blocks' records outlived minor
    // collections and were copied: 0.6 s more CPU and 60 MB more on a million rows); blocking
    // reads, as the command waits for them anyway (a stream cost 15-25 ms on 20,000 rows)
    for (const block of csvFileBlocksSync(file, 1 << 16)) rows.take(block);
    rows.finish();
  });
  return csvSelection(rows, file, sel);
}

interface CsvSelection {
  coderNames?: string[];
  codeNames?: string[];
  mediaName?: string;
}

/** The rows of a segments CSV, record block by record block, reduced to what agreement needs. */
class CsvSegments {
  readonly segments: AgreementSegment[] = [];
  /** Each name once, in order of first appearance (the map gives the one shared string). */
  readonly coders = new Map<string, string>();
  readonly labels = new Map<string, string>();
  readonly media = new Map<string, string>();
  readonly consensus = new Set<string>();
  private read: SegmentRowReader | undefined;

  take(block: readonly CsvRecord[]): void {
    for (const rec of block) {
      if (!this.read) {
        this.read = segmentRowReader(rec.cells, { codes: [], mediaNames: [], ownLabels: true });
        continue;
      }
      const r = this.read(rec.cells, rec.line);
      if (!r) continue;
      const coder = once(this.coders, r.coder);
      if (r.consensus) this.consensus.add(coder);
      const s: AgreementSegment = { coder, code: once(this.labels, r.codeId), startMs: r.startMs, endMs: r.endMs };
      if (r.media !== undefined) s.media = once(this.media, r.media);
      this.segments.push(s);
    }
  }

  /** At the end of the file: a file without a header row gets the reader's empty-file error. */
  finish(): void {
    if (!this.read) segmentRowReader([], { codes: [], mediaNames: [], ownLabels: true });
  }
}

/** The one copy of `name` kept in `names` (added on first sight). */
function once(names: Map<string, string>, name: string): string {
  const kept = names.get(name);
  if (kept !== undefined) return kept;
  names.set(name, name);
  return name;
}

/** The coders, codes and media chosen from a CSV's rows (defaults and --coders/--codes/--media checked). */
function csvSelection(rows: CsvSegments, file: string, sel: CsvSelection): AgreementInput {
  const { segments, consensus } = rows;
  const labels = [...rows.labels.keys()];
  const mediaNames = [...rows.media.keys()];
  const coderOrder = [...rows.coders.keys()];
  if (segments.length === 0) throw new UserError('empty', `${file}: no segments (only a header row)`);
  if (sel.mediaName !== undefined && !rows.media.has(sel.mediaName)) {
    throw new UserError('invalid', `${file}: --media: no segment has media "${sel.mediaName}" (the file has: ${mediaNames.join(', ') || 'no media column'})`);
  }
  if (sel.mediaName === undefined && mediaNames.length > 1) {
    throw new UserError('invalid', `${file}: column "media": the segments belong to ${mediaNames.length} media (${mediaNames.join(', ')}): choose one with --media NAME`);
  }
  const inMedia = (s: AgreementSegment) => sel.mediaName === undefined || s.media === undefined || s.media === sel.mediaName;
  const coders = sel.coderNames ? csvCoders(sel.coderNames, coderOrder, file) : coderOrder.filter((c) => !consensus.has(c));
  let codes: string[];
  if (sel.codeNames) codes = csvCodes(sel.codeNames, labels, file);
  else {
    const chosen = new Set(coders);
    const used = new Set(segments.filter((s) => chosen.has(s.coder) && inMedia(s)).map((s) => s.code));
    codes = labels.filter((l) => used.has(l));
  }
  return { segments, coders, codes, media: sel.mediaName, pointCodes: onlyPointCodes(segments.filter(inMedia), codes) };
}

/** --coders against a CSV's coders (exact name, else ignoring case). */
function csvCoders(names: string[], coderOrder: string[], file: string): string[] {
  return names.map((name) => {
    const c = coderOrder.find((x) => x === name) ?? coderOrder.find((x) => x.toLowerCase() === name.toLowerCase());
    if (!c) throw new UserError('invalid', `${file}: --coders: unknown coder "${name}" (the file has: ${coderOrder.join(', ')})`);
    return c;
  });
}

/** --codes against a CSV's labels, like the project's resolver: the full label, or its last part when only one label ends so. */
function csvCodes(names: string[], labels: string[], file: string): string[] {
  const norm = normaliseCodePath;
  const leaf = (l: string) => norm(l).split('/').pop()!;
  return names.map((name) => {
    const exact = labels.find((l) => norm(l) === norm(name));
    if (exact) return exact;
    const byLeaf = labels.filter((l) => leaf(l) === norm(name));
    if (byLeaf.length === 1) return byLeaf[0]!;
    if (byLeaf.length > 1) throw new UserError('invalid', `${file}: --codes: code "${name}" is ambiguous: write its full label (${byLeaf.join(' or ')})`);
    throw new UserError('invalid', `${file}: --codes: unknown code "${name}" (the file has: ${labels.slice(0, 12).join(', ')}${labels.length > 12 ? ', …' : ''})`);
  });
}

/** The codes (of `codes`) that have segments and whose every segment is a point event. */
export function onlyPointCodes(segments: readonly AgreementSegment[], codes: readonly string[]): string[] {
  const ranged = new Set(segments.filter((s) => s.startMs !== s.endMs).map((s) => s.code));
  const used = new Set(segments.map((s) => s.code));
  return codes.filter((c) => used.has(c) && !ranged.has(c));
}

/** Runs f; a CSV or agreement input error becomes a UserError whose message starts with the file name. */
export function asUserError<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw inputError(file, e);
  }
}

function inputError(file: string, e: unknown): unknown {
  const name = (e as Error)?.name;
  return name === 'CsvInputError' || name === 'AgreementInputError' ? new UserError('invalid', `${file}: ${(e as Error).message}`) : e;
}

// ---- Mathet's gamma (issue 15) -------------------------------------------------------------

/** A segments CSV as pygamma-agreement reads it: no header, `annotator,category,start,end` (seconds). */
export function looksLikePygammaCsv(firstRow: readonly string[]): boolean {
  const num = (s: string | undefined) => s !== undefined && s.trim() !== '' && Number.isFinite(Number(s));
  return firstRow.length === 4 && num(firstRow[2]) && num(firstRow[3]) && !num(firstRow[0]);
}

/** Reads a headerless pygamma CSV into the engine's input (every row checked: one line per problem). */
export function pygammaCsvInput(text: string, file: string, sel: { coderNames?: string[]; codeNames?: string[] } = {}): AgreementInput {
  const records = asUserError(file, () => readCsv(text));
  const segments: AgreementSegment[] = [];
  for (const [i, r] of records.entries()) {
    const cells = r.cells.map((c) => c.trim());
    if (cells.every((c) => c === '')) continue;
    const [coder, code, s, e] = cells;
    const start = Number(s);
    const end = Number(e);
    if (cells.length !== 4 || !coder || !code || s === '' || e === '' || !Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      throw new UserError('invalid', `${file}: line ${i + 1}: expected annotator,category,start,end with start ≤ end in seconds (pygamma's CSV, no header); got "${r.cells.join(',')}"`);
    }
    segments.push({ coder, code: unguardCell(code), startMs: start * 1000, endMs: end * 1000 });
  }
  if (segments.length === 0) throw new UserError('empty', `${file}: no segments`);
  const order = <T>(xs: T[]) => [...new Set(xs)];
  const pick = (names: string[] | undefined, all: string[], what: string) =>
    names?.map((n) => all.find((x) => x === n) ?? all.find((x) => x.toLowerCase() === n.toLowerCase()) ?? failUnknown(file, what, n, all)) ?? all;
  const coders = pick(sel.coderNames, order(segments.map((s) => s.coder)), '--coders: unknown coder');
  const chosen = new Set(coders);
  const codes = pick(sel.codeNames, order(segments.filter((s) => chosen.has(s.coder)).map((s) => s.code)), '--codes: unknown code');
  return { segments, coders, codes, pointCodes: onlyPointCodes(segments, codes) };
}

function failUnknown(file: string, what: string, name: string, all: string[]): never {
  throw new UserError('invalid', `${file}: ${what} "${name}" (the file has: ${all.slice(0, 12).join(', ')}${all.length > 12 ? ', …' : ''})`);
}

/**
 * The continuum of a selection: one unit per coded segment × code of the chosen coders, codes
 * and media, in seconds. Point events (no duration) cannot be aligned by γ and are counted apart.
 */
export function gammaContinuum(input: AgreementInput): { continuum: Continuum; pointEvents: number } {
  const coderIndex = new Map(input.coders.map((c, i) => [c, i]));
  const codes = new Set(input.codes);
  const units: GammaUnit[][] = input.coders.map(() => []);
  let pointEvents = 0;
  for (const s of input.segments) {
    const a = coderIndex.get(s.coder);
    if (a === undefined || !codes.has(s.code)) continue;
    if (input.media !== undefined && s.media !== undefined && s.media !== input.media) continue;
    if (!(s.endMs > s.startMs)) {
      pointEvents++;
      continue;
    }
    units[a]!.push({ start: s.startMs / 1000, end: s.endMs / 1000, category: s.code, ...(s.id ? { id: s.id } : {}) });
  }
  for (const us of units) us.sort((x, y) => x.start - y.start || x.end - y.end);
  return { continuum: { annotators: input.coders.slice(), units }, pointEvents };
}

export function gammaFigures(r: GammaResult): GammaFigures {
  const { alignment: _alignment, ...figures } = r;
  return figures;
}

/** γ of a selection; a bad selection or option becomes a UserError naming the input. */
export async function selectionGamma(input: AgreementInput, where: string, options: GammaOptions): Promise<{ result: GammaResult; continuum: Continuum; pointEvents: number }> {
  const { continuum, pointEvents } = gammaContinuum(input);
  try {
    return { result: await computeGamma(continuum, options), continuum, pointEvents };
  } catch (e) {
    if (e instanceof GammaInputError) throw new UserError('invalid', `${where}: ${e.message}`);
    throw e;
  }
}
