/**
 * Import of a REFI-QDA project (.qdpx / .qde), an ELAN .eaf or an event table (BORIS tabular or
 * aggregated export, ELAN tab-delimited export) into a project: read the file, apply the user's
 * mapping choices (tiers, coders, values → codes, media), build an ImportBundle with the pure
 * importers of src/shared/interop, and write it in one transaction (exchangeApply). The same
 * path with a rolled-back transaction gives the preview the app shows before importing.
 *
 * Defaults (the CLI's behaviour without options):
 * - EAF: every time-aligned tier (symbolic tiers only when chosen); coder = the tier's ANNOTATOR (else PARTICIPANT, else the
 *   parent tier's, else the tier id); values matched to codes by path or unique name; a .eaf
 *   written by Triangulate brings its whole codebook back (its controlled vocabulary carries it).
 * - Tables: each BORIS subject / ELAN tier becomes the coder of the same name.
 * - Unknown values become new codes under a top-level "Imported" group.
 * - Media: --media NAME, else the file's own media reference (resolved like QDPX media), else the
 *   project's only media.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ImportChoices, ImportKind, ImportPreview, ImportSourceInfo, ImportValueInfo } from '../../../shared/contract/exchange';
import { makeCodeResolver } from '../../../shared/codebook';
import { pushTo } from '../../../shared/collections';
import { codePath, type Code, type Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { bundleProblem } from '../../../shared/interop/bundle';
import { decodeUtf8 } from '../../../shared/limits';
import {
  eafToBundle,
  emptyBundle,
  eventTableToBundle,
  importQdpx,
  InteropError,
  isTimeAlignedTier,
  META_PREFIX,
  parseEaf,
  parseBorisProject,
  parseEventTableText,
  type EventTable,
  type ImportBundle,
  type ParsedEaf,
} from '../../../shared/interop';
import type { ProjectStore } from '../../db/store';
import { applyBundle, type ApplyReport } from './apply';
import { IMPORT_ZIP_LIMITS, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_TEXT_BYTES } from './limits';

export const IMPORTED_GROUP = 'Imported';

export interface ImportSource {
  kind: ImportKind;
  file: string;
  fileName: string;
  bytes: Uint8Array;
  eaf?: ParsedEaf;
  table?: EventTable;
}

function kindOf(file: string, head: Uint8Array): 'qdpx' | 'eaf' | 'table' | 'boris-project' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.qdpx' || ext === '.qde') return 'qdpx';
  if (ext === '.eaf') return 'eaf';
  if (ext === '.boris') return 'boris-project';
  if (ext === '.tsv' || ext === '.csv' || ext === '.txt') return 'table';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'qdpx';
  const text = new TextDecoder().decode(head.subarray(0, 4096));
  if (/<ANNOTATION_DOCUMENT/.test(text)) return 'eaf';
  if (/<Project[\s>]/.test(text)) return 'qdpx';
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
    throw new UserError('unsupported', `${file}: unsupported file type (expected .qdpx, .qde, .eaf, .boris, .tsv, .csv or .txt)`);
  }
  return 'table';
}

/** Reads and parses an import file. Throws a one-line user error when it is missing, too large or malformed. */
export function readImportSource(file: string, displayName?: string): ImportSource {
  const abs = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UserError('not_found', `${file}: no such file`);
  }
  if (!st.isFile()) throw new UserError('not_found', `${file}: not a file`);
  if (st.size === 0) throw new UserError('empty', `${file}: file is empty`);
  if (st.size > MAX_IMPORT_FILE_BYTES) throw new UserError('too_large', `${file}: ${Math.round(st.size / 2 ** 20)} MiB is larger than the import limit (${MAX_IMPORT_FILE_BYTES / 2 ** 20} MiB)`);
  const name = displayName ?? path.basename(abs);
  const fd = fs.openSync(abs, 'r');
  const head = Buffer.alloc(Math.min(4096, st.size));
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const kind = kindOf(name, head);
  if (kind !== 'qdpx' && st.size > MAX_IMPORT_TEXT_BYTES) throw new UserError('too_large', `${file}: too large for an ${kind === 'eaf' ? 'ELAN file' : 'event table'}`);
  const bytes = new Uint8Array(fs.readFileSync(abs));
  const prefix = (e: unknown): never => {
    if (e instanceof InteropError) throw new InteropError(`${name}: ${e.message}`);
    throw e;
  };
  try {
    if (kind === 'qdpx') return { kind: 'qdpx', file: abs, fileName: name, bytes };
    const text = decodeUtf8(bytes, name);
    if (kind === 'eaf') return { kind: 'eaf', file: abs, fileName: name, bytes, eaf: parseEaf(text) };
    const table = kind === 'boris-project' ? parseBorisProject(text) : parseEventTableText(text);
    if (table.events.length === 0) throw new InteropError('the table has no events.');
    return { kind: table.format === 'elan-tsv' ? 'elan-tsv' : 'boris', file: abs, fileName: name, bytes, table };
  } catch (e) {
    return prefix(e);
  }
}

// ---------------------------------------------------------------------------------------------

interface Built {
  bundle: ImportBundle;
  sources: ImportSourceInfo[];
  values: { value: string; count: number }[];
  /** value → code id / 'new' / 'skip' */
  targets: Map<string, Uuid | 'new' | 'skip'>;
  mediaChoice: Record<Uuid, Uuid>;
}

/**
 * The existing media (id or name) the user chose. In a project without any media, a name that
 * matches nothing becomes a placeholder media (added to the bundle) that the app can locate later.
 */
function resolveMediaChoice(store: ProjectStore, media: string | undefined, bundle: ImportBundle, now: number): Uuid | undefined {
  if (!media) return undefined;
  const list = store.listMedia();
  const hit = list.find((m) => m.id === media) ?? list.filter((m) => m.name.toLowerCase() === media.toLowerCase())[0];
  if (hit) return hit.id;
  if (list.length === 0) {
    const id = randomUUID();
    bundle.media.push({ id, name: media, originalPath: null, location: 'unknown', archivePath: null, path: null, fingerprint: null, size: null, durationMs: null, frameRate: null, mimeType: null, createdAt: now, updatedAt: now });
    return id;
  }
  throw new UserError('not_found', `No media named "${media}" in the project (it has: ${list.map((m) => m.name).join(', ')})`);
}

/** Resolves the user's value choices to code ids; throws on a code that does not exist. */
function valueTargets(values: string[], codes: Code[], choices: ImportChoices): Map<string, Uuid | 'new' | 'skip'> {
  const resolve = makeCodeResolver(codes);
  const out = new Map<string, Uuid | 'new' | 'skip'>();
  for (const v of values) {
    const chosen = choices.values?.[v];
    if (chosen === 'new' || chosen === 'skip') {
      out.set(v, chosen);
      continue;
    }
    if (chosen) {
      const byId = codes.find((c) => c.id === chosen);
      const hit = byId ? { ok: true as const, code: byId } : resolve(chosen);
      if (!hit.ok) throw new UserError('invalid', `"${v}" is mapped to ${hit.reason === 'ambiguous' ? `an ambiguous code name "${chosen}" (${hit.candidates.join(', ')})` : `an unknown code "${chosen}"`}`);
      out.set(v, hit.code.id);
      continue;
    }
    if (v.trim() === '') {
      out.set(v, 'new');
      continue;
    }
    const hit = resolve(v);
    out.set(v, hit.ok ? hit.code.id : 'new');
  }
  for (const k of Object.keys(choices.values ?? {})) {
    if (!values.includes(k)) throw new UserError('invalid', `The file has no value "${k}" to map`);
  }
  return out;
}

/** A top-level "Imported" group: the project's, or a new one in the bundle. */
function importedGroup(store: ProjectStore, bundle: ImportBundle, now: number): Uuid {
  const existing = store.listCodes().find((c) => c.parentId === null && c.name.toLowerCase() === IMPORTED_GROUP.toLowerCase());
  if (existing) return existing.id;
  const inBundle = bundle.codes.find((c) => c.parentId === null && c.name === IMPORTED_GROUP && c.kind === 'group');
  if (inBundle) return inBundle.id;
  const id = randomUUID();
  bundle.codes.unshift({ id, name: IMPORTED_GROUP, kind: 'group', element: null, systemId: null, contradictionLevel: null, parentId: null, color: '#7f7f7f', hotkey: null, definition: 'Codes created from values of imported files.', sortOrder: 99, createdAt: now, updatedAt: now });
  return id;
}

function eafCoderOf(parsed: ParsedEaf, tierId: string, choices: ImportChoices): string {
  if (choices.coder) return choices.coder;
  const chosen = choices.coders?.[tierId];
  if (chosen) return chosen;
  const byId = new Map(parsed.tiers.map((t) => [t.id, t]));
  const seen = new Set<string>();
  for (let t = byId.get(tierId); t && !seen.has(t.id); t = t.parentRef ? byId.get(t.parentRef) : undefined) {
    seen.add(t.id);
    if (t.annotator.trim()) return t.annotator.trim();
    if (t.participant.trim()) return t.participant.trim();
  }
  return tierId;
}

function buildEaf(store: ProjectStore, src: ImportSource, choices: ImportChoices, now: number): Built {
  const parsed = src.eaf!;
  // default: the time-aligned tiers (ELAN stores no times for symbolic tiers: they are taken when named)
  const aligned = parsed.tiers.filter(isTimeAlignedTier).map((t) => t.id);
  const tiers = (choices.tiers ?? aligned).filter((t) => choices.coders?.[t] !== 'skip');
  for (const t of tiers) if (!parsed.tiers.some((x) => x.id === t)) throw new UserError('invalid', `${src.fileName}: no tier "${t}" (tiers: ${parsed.tiers.map((x) => x.id).join(', ')})`);
  const projectCodes = store.listCodes();
  const counts = new Map<string, number>();
  for (const t of parsed.tiers) if (tiers.includes(t.id)) for (const a of t.annotations) counts.set(a.value, (counts.get(a.value) ?? 0) + 1);
  const allValues = [...new Set(parsed.tiers.flatMap((t) => t.annotations.map((a) => a.value)))];
  const targets = valueTargets(allValues, projectCodes, choices);
  // a .eaf written by Triangulate carries the codebook in its controlled vocabulary
  const ours = parsed.controlledVocabularies.some((cv) => cv.entries.some((e) => e.description.includes(META_PREFIX)));
  const bundle = emptyBundle('eaf');
  const symbolic = parsed.tiers.filter((t) => t.annotations.length && !isTimeAlignedTier(t)).map((t) => t.id);
  if (!choices.tiers && symbolic.length) bundle.warnings.push(`Symbolic tiers not imported (choose them, or name them in --tiers, to take them): ${symbolic.join(', ')}`);
  const mediaId = resolveMediaChoice(store, choices.media, bundle, now);

  const byCoder = new Map<string, string[]>();
  for (const t of tiers) {
    const c = eafCoderOf(parsed, t, choices);
    pushTo(byCoder, c, t);
  }
  let sharedMedia = mediaId;
  for (const [coderName, tierIds] of byCoder) {
    const valueMap: Record<string, Uuid | 'skip'> = {};
    for (const [v, t] of targets) if (t !== 'new') valueMap[v] = t;
    const { bundle: b } = eafToBundle(parsed, {
      tierIds,
      coderName,
      codes: [...projectCodes, ...bundle.codes],
      valueMap,
      unknown: 'create',
      mediaId: sharedMedia,
      importVocabulary: ours,
      now,
    });
    if (!sharedMedia && b.media[0]) {
      sharedMedia = b.media[0].id;
      bundle.media.push(...b.media);
      if (b.mediaLinks) bundle.mediaLinks = b.mediaLinks;
    }
    for (const s of b.systems) if (!bundle.systems.some((x) => x.id === s.id)) bundle.systems.push(s);
    bundle.codes.push(...b.codes);
    bundle.coders.push(...b.coders);
    bundle.segments.push(...b.segments);
    bundle.warnings.push(...b.warnings.filter((w) => !bundle.warnings.includes(w)));
  }
  // foreign values (no Triangulate metadata) that became top-level codes go under "Imported"
  const oursValues = new Set(parsed.controlledVocabularies.flatMap((cv) => cv.entries.filter((e) => e.description.includes(META_PREFIX)).map((e) => e.value.trim().toLowerCase())));
  const roots = bundle.codes.filter((c) => c.parentId === null && !oursValues.has(c.name.trim().toLowerCase()));
  if (roots.length) {
    const group = importedGroup(store, bundle, now);
    for (const c of roots) if (c.id !== group) c.parentId = group;
  }
  const sources: ImportSourceInfo[] = parsed.tiers.map((t) => ({
    id: t.id,
    annotator: t.annotator || t.participant,
    annotations: t.annotations.length,
    coder: eafCoderOf(parsed, t.id, choices),
    chosen: tiers.includes(t.id),
    values: [...new Set(t.annotations.map((a) => a.value))],
  }));
  return { bundle, sources, values: allValues.map((v) => ({ value: v, count: counts.get(v) ?? 0 })), targets, mediaChoice: {} };
}

function buildTable(store: ProjectStore, src: ImportSource, choices: ImportChoices, now: number): Built {
  const table = src.table!;
  const projectCodes = store.listCodes();
  const targets = valueTargets(table.preview.values, projectCodes, choices);
  const bundle0 = emptyBundle(table.format === 'elan-tsv' ? 'elan-tsv' : 'boris');
  const needsGroup = [...targets.values()].includes('new');
  const group = needsGroup ? importedGroup(store, bundle0, now) : null;
  const sourceMap: Record<string, string> = {};
  const tierFilter = choices.tiers;
  for (const s of table.preview.sources) {
    if (tierFilter && !tierFilter.includes(s)) sourceMap[s] = 'skip';
    else sourceMap[s] = choices.coder ?? choices.coders?.[s] ?? s;
  }
  if (tierFilter) for (const t of tierFilter) if (!table.preview.sources.includes(t)) throw new UserError('invalid', `${src.fileName}: no subject or tier "${t}" (it has: ${table.preview.sources.join(', ')})`);
  let mediaId = resolveMediaChoice(store, choices.media, bundle0, now);
  if (!mediaId && table.events.some((e) => !e.mediaPath)) {
    const list = store.listMedia();
    if (list.length === 1) mediaId = list[0]!.id;
    else throw new UserError(list.length ? 'needs_media' : 'invalid', `${src.fileName}: the table does not name its video; choose the media (--media NAME)${list.length ? ` of: ${list.map((m) => m.name).join(', ')}` : ''}`);
  }
  const values: Record<string, Uuid | 'new' | 'skip'> = Object.fromEntries(targets);
  const b = eventTableToBundle(table, { values, sources: sourceMap, codes: projectCodes, coders: store.listCoders(), mediaId, newCodeParentId: group, now });
  b.codes = [...bundle0.codes, ...b.codes];
  b.media = [...bundle0.media, ...b.media];
  // events whose subject/tier is 'skip' are not imported
  const counts = new Map<string, number>();
  for (const e of table.events) if (sourceMap[e.source] !== 'skip') counts.set(e.value, (counts.get(e.value) ?? 0) + 1);
  const sources: ImportSourceInfo[] = table.preview.sources.map((s) => ({
    id: s,
    annotator: '',
    annotations: table.events.filter((e) => e.source === s).length,
    coder: sourceMap[s]!,
    chosen: sourceMap[s] !== 'skip',
    values: [...new Set(table.events.filter((e) => e.source === s).map((e) => e.value))],
  }));
  return { bundle: b, sources, values: table.preview.values.map((v) => ({ value: v, count: counts.get(v) ?? 0 })), targets, mediaChoice: {} };
}

function buildQdpx(store: ProjectStore, src: ImportSource, choices: ImportChoices): Built {
  if (choices.media && store.listMedia().length === 0) throw new UserError('not_found', `No media named "${choices.media}" in the project`);
  let bundle: ImportBundle;
  try {
    bundle = importQdpx(src.bytes, { limits: IMPORT_ZIP_LIMITS });
  } catch (e) {
    if (e instanceof InteropError) throw new InteropError(`${src.fileName}: ${e.message}`);
    throw e;
  }
  const mediaChoice: Record<Uuid, Uuid> = {};
  const chosen = choices.media ? resolveMediaChoice(store, choices.media, emptyBundle('qdpx'), store.now()) : undefined;
  if (chosen && !store.listMedia().some((m) => m.id === chosen)) throw new UserError('not_found', `No media named "${choices.media}" in the project`);
  if (chosen) {
    if (bundle.media.length !== 1) throw new UserError('invalid', `${src.fileName}: the project has ${bundle.media.length} media; --media works with a single one`);
    mediaChoice[bundle.media[0]!.id] = chosen;
  }
  return { bundle, sources: [], values: [], targets: new Map(), mediaChoice };
}

function build(store: ProjectStore, src: ImportSource, choices: ImportChoices): Built {
  const now = store.now();
  if (src.kind === 'qdpx') return buildQdpx(store, src, choices);
  if (src.kind === 'eaf') return buildEaf(store, src, choices, now);
  return buildTable(store, src, choices, now);
}

function run(store: ProjectStore, src: ImportSource, choices: ImportChoices, dryRun: boolean, sourceFile: string | null): { built: Built; report: ApplyReport } {
  const built = build(store, src, choices);
  const bad = bundleProblem(built.bundle);
  if (bad) throw new UserError('invalid', `${src.fileName}: ${bad}; nothing was imported`);
  const report = applyBundle(store, built.bundle, {
    sourceFile,
    archive: src.kind === 'qdpx' && src.bytes[0] === 0x50 ? src.bytes : null,
    mediaChoice: built.mediaChoice,
    dryRun,
  });
  if (choices.media && report.media.length === 0) {
    const m = store.listMedia().find((x) => x.id === choices.media) ?? store.listMedia().find((x) => x.name.toLowerCase() === choices.media!.toLowerCase());
    if (m) report.media.push({ name: m.name, mediaId: m.id, how: 'chosen', path: m.path });
  }
  return { built, report };
}

/** Imports the file in one transaction. `sourceFile` (default: the file) anchors relative media paths. */
export function importExchangeFile(store: ProjectStore, src: ImportSource, choices: ImportChoices = {}, sourceFile: string | null = src.file): ApplyReport {
  return run(store, src, choices, false, sourceFile).report;
}

/** What the import would do with these choices (a rolled-back dry run) and the file's structure. */
export function previewExchangeFile(store: ProjectStore, src: ImportSource, choices: ImportChoices = {}, sourceFile: string | null = src.file): ImportPreview {
  let needsMedia = false;
  let result: ReturnType<typeof run>;
  try {
    result = run(store, src, choices, true, sourceFile);
  } catch (e) {
    // a table that does not name its video: preview it on the first media; the user must choose
    if (!(e instanceof UserError && e.code === 'needs_media')) throw e;
    needsMedia = true;
    result = run(store, src, { ...choices, media: store.listMedia()[0]!.id }, true, sourceFile);
  }
  const { built, report } = result;
  const codes = new Map<Uuid, Code>([...store.listCodes(), ...built.bundle.codes].map((c) => [c.id, c]));
  const values: ImportValueInfo[] = built.values.map(({ value, count }) => {
    const t = built.targets.get(value) ?? 'new';
    if (t === 'skip') return { value, count, target: { kind: 'skip' } };
    if (t !== 'new') return { value, count, target: { kind: 'code', codeId: t, path: codePath(codes.get(t)!, codes) } };
    if (src.kind === 'eaf' && value.trim() === '') return { value, count, target: { kind: 'uncoded' } };
    const v = (value || '(empty)').trim().toLowerCase();
    const created = built.bundle.codes.find((c) => {
      if (c.kind === 'group') return false;
      const p = codePath(c, codes).toLowerCase();
      return p === v || p.endsWith(`/${v}`);
    });
    return { value, count, target: { kind: 'new', path: created ? codePath(created, codes) : value } };
  });
  const b = built.bundle;
  return {
    kind: src.kind,
    fileName: src.fileName,
    sources: built.sources,
    values,
    report,
    needsMedia,
    contents:
      src.kind === 'qdpx'
        ? { codes: b.codes.length, coders: b.coders.map((c) => c.name), media: b.media.map((m) => m.name), segments: b.segments.length, memos: b.memos.length, contradictions: b.contradictions.length, themes: b.themes.length, transcripts: Object.keys(b.transcripts).length }
        : null,
  };
}
