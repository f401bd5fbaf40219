/**
 * REFI-QDA project exchange (.qdpx = zip of project.qde + Sources/), namespace
 * urn:QDA-XML:project:1.0. Pure: no DOM, no Node.
 *
 * Mapping (Triangulate → QDA-XML):
 * - coders → Users (colour/consensus flag in the Project Description's Triangulate-Meta line);
 * - codes → CodeBook tree (isCodable="true", colour, Description = definition + a CHAT summary
 *   line + a Triangulate-Meta line with kind/element/system/level/hotkey/sortOrder);
 * - activity systems and themes → Sets of member codes (Description carries Triangulate-Meta);
 * - media → VideoSource (path "internal://<file>" when the bytes are embedded under Sources/,
 *   "absolute://<path>" otherwise; fingerprint/size/duration in Triangulate-Meta);
 * - segments → VideoSelection (begin/end in ms, creatingUser = coder, Description = note) with
 *   one Coding per code (creatingUser = coder);
 * - transcripts → Transcript with PlainTextContent, SyncPoints (timeStamp ms, position in
 *   characters) and one TranscriptSelection per cue (name = speaker);
 * - memos → Notes, referenced (NoteRef) from the Project, the VideoSource or the VideoSelection
 *   they belong to;
 * - contradictions → one Note describing them in words (level, elements, status, evidence, note)
 *   plus Links between the evidence selections (named like "Secondary contradiction: Subject
 *   (Researchers) ↔ Object (Researchers)") that reference the Note. With one evidence segment the
 *   Link goes from the selection to itself; with several, from the first to each other one.
 *
 * Import reads the same, keeps the file's GUIDs as ids, and imports codes from other tools as
 * `custom` codes. Audio sources are read like video sources; text/PDF/picture sources are
 * skipped with a warning.
 */
import {
  CHAT_ELEMENTS,
  type ActivitySystem,
  CHAT_ELEMENT_LABELS,
  CODE_KINDS,
  CONTRADICTION_LEVELS,
  CONTRADICTION_LEVEL_LABELS,
  CONTRADICTION_STATUSES,
  MEMO_SCOPES,
  type ChatElement,
  type Code,
  type CodeKind,
  type Coder,
  type Contradiction,
  type ContradictionLevel,
  type ContradictionStatus,
  type Media,
  type Memo,
  type MemoScope,
  type ProjectSnapshot,
  type Segment,
  type Uuid,
} from '../domain';
import { formatTimecode } from '../time';
import { baseName, classifyMediaPath, emptyBundle, type ImportBundle, type MediaRef, type TranscriptCue } from './bundle';
import { InteropError } from './errors';
import { normalizeGuid, stableUuid } from './ids';
import { codeMeta, metaBoolean, metaNumber, metaString, splitMeta, withMeta, type Meta } from './meta';
import { attr, childText, kid, kids, parseXmlSafe, text, XmlWriter, type XmlNode } from './xml';
import { DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, writeZip, type ZipEntry, type ZipInput, type ZipLimits } from './zip';
import { strFromU8, strToU8 } from 'fflate';
import { formatOffset } from '../sync/model';
import { readParticipantCases, writeParticipantCases } from '../participants/qdpxCases';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const MAX_PROJECT_XML_BYTES = 256 * 1024 * 1024;

export interface QdpxExportOptions {
  /** Media bytes to embed under Sources/, by media id. Media without bytes are linked by absolute path. */
  sources?: Record<Uuid, { bytes: Uint8Array; fileName?: string }>;
  /** Transcripts per media id. */
  transcripts?: Record<Uuid, TranscriptCue[]>;
  /** Export time (ms since epoch): project creation date and zip entry times. Default: now. */
  exportedAt?: number;
  /**
   * Linked angles (angle time = primary time + offsetMs). REFI-QDA has no element for an offset
   * between sources: each angle's VideoSource says it in its Description, in words and in the
   * Triangulate metadata line (angleOf, offsetMs), which a Triangulate import reads back.
   */
  mediaLinks?: { primaryId: Uuid; angleId: Uuid; offsetMs: number }[];
}

export interface QdpxImportOptions {
  limits?: Partial<ZipLimits>;
  /**
   * Largest project.qde accepted (declared and inflated), whatever the archive limits allow for
   * embedded media. Default 256 MiB.
   */
  maxProjectXmlBytes?: number;
  /** Fallback time for records without dates. Default: now. */
  now?: number;
}

const RGB_RE = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;
const DEFAULT_COLOR = '#888888';
const CODER_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** " Angle of "Room" at +3.250 s (angle time = primary time + offset)." */
function angleSentence(snapshot: ProjectSnapshot, l: { primaryId: Uuid; offsetMs: number }): string {
  const name = snapshot.media.find((x) => x.id === l.primaryId)?.name ?? 'another video';
  return ` Angle of "${name}" at ${formatOffset(l.offsetMs)} (angle time = primary time + offset).`;
}

function gid(id: string): string {
  return normalizeGuid(id) ?? stableUuid('triangulate-id', id);
}

function iso(ms: number | null | undefined): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function parseIso(s: string | undefined): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function systemLabel(systemId: Uuid | null, systems: ReadonlyMap<Uuid, { name: string }>): string {
  if (!systemId) return 'the shared object';
  const s = systems.get(systemId);
  return s ? `activity system "${s.name}"` : 'an unknown activity system';
}

function elementWithSystem(el: ChatElement, systemId: Uuid | null, systems: ReadonlyMap<Uuid, { name: string }>): string {
  const s = systemId ? systems.get(systemId) : undefined;
  return `${CHAT_ELEMENT_LABELS[el]}${s ? ` (${s.name})` : systemId ? '' : ' (shared)'}`;
}

export function contradictionTitle(c: Contradiction, systems: ReadonlyMap<Uuid, { name: string }>): string {
  return `${CONTRADICTION_LEVEL_LABELS[c.level]} contradiction: ${elementWithSystem(c.elementA, c.systemA, systems)} ↔ ${elementWithSystem(c.elementB, c.systemB, systems)}`;
}

function codeHumanLine(code: Code, systems: ReadonlyMap<Uuid, { name: string }>): string | null {
  switch (code.kind) {
    case 'element':
      return code.element ? `CHAT element "${CHAT_ELEMENT_LABELS[code.element]}" of ${systemLabel(code.systemId, systems)}.` : 'CHAT element.';
    case 'contradiction':
      return code.contradictionLevel ? `CHAT contradiction, level: ${CONTRADICTION_LEVEL_LABELS[code.contradictionLevel]}.` : 'CHAT contradiction.';
    case 'marker':
      return 'Observation marker (point event).';
    case 'group':
      return 'Code group.';
    default:
      return null;
  }
}

/**
 * Writes `<Codes>` with the code tree (a parent that is missing or would make a cycle makes a
 * root), shared by project.qde's CodeBook and a codebook file (.qdc).
 */
export function writeCodes(w: XmlWriter, codes: readonly Code[], systems: ReadonlyMap<Uuid, ActivitySystem>): void {
  const codesById = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<Uuid | null, Code[]>();
  const roots: Code[] = [];
  for (const c of codes) {
    let ok = c.parentId !== null && codesById.has(c.parentId);
    if (ok) {
      const seen = new Set<Uuid>([c.id]);
      let cur = c.parentId;
      while (cur) {
        if (seen.has(cur)) { ok = false; break; }
        seen.add(cur);
        cur = codesById.get(cur)?.parentId ?? null;
      }
    }
    if (ok) {
      const list = children.get(c.parentId) ?? [];
      list.push(c);
      children.set(c.parentId, list);
    } else roots.push(c);
  }
  const bySort = (a: Code, b: Code): number => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name);
  const writeCode = (c: Code): void => {
    const color = RGB_RE.test(c.color) ? c.color : undefined;
    const meta: Meta = { ...codeMeta(c, systems), createdAt: c.createdAt, updatedAt: c.updatedAt };
    if (!color) meta.color = c.color;
    const desc = withMeta(c.definition, codeHumanLine(c, systems), meta);
    const kidsOf = (children.get(c.id) ?? []).slice().sort(bySort);
    w.open('Code', { guid: gid(c.id), name: c.name, isCodable: 'true', color });
    w.textEl('Description', desc);
    for (const k of kidsOf) writeCode(k);
    w.close();
  };
  w.open('Codes');
  for (const c of roots.sort(bySort)) writeCode(c);
  w.close();
}

// ---------------------------------------------------------------------------------------------
// Export

/** The project.qde XML for a snapshot (exportQdpx zips it). */
/** What every step of the export looks things up in. */
interface ExportCtx {
  snapshot: ProjectSnapshot;
  opts: QdpxExportOptions;
  now: number;
  systems: Map<Uuid, ActivitySystem>;
  codesById: Map<Uuid, Code>;
  coderById: Map<Uuid, Coder>;
  segById: Map<Uuid, Segment>;
  mediaIds: Set<Uuid>;
  /** Segments written (those of exported media): evidence and memos may point only at these. */
  exportedSegIds: Set<Uuid>;
}

function exportContext(snapshot: ProjectSnapshot, opts: QdpxExportOptions): ExportCtx {
  const mediaIds = new Set(snapshot.media.map((m) => m.id));
  return {
    snapshot,
    opts,
    now: opts.exportedAt ?? Date.now(),
    systems: new Map(snapshot.systems.map((s) => [s.id, s])),
    codesById: new Map(snapshot.codes.map((c) => [c.id, c])),
    coderById: new Map(snapshot.coders.map((c) => [c.id, c])),
    segById: new Map(snapshot.segments.map((s) => [s.id, s])),
    mediaIds,
    exportedSegIds: new Set(snapshot.segments.filter((s) => mediaIds.has(s.mediaId)).map((s) => s.id)),
  };
}

/** Memos of one scope: the project's, one media's or one segment's. */
function memosFor(snapshot: ProjectSnapshot, scope: MemoScope, key: Uuid | null): Memo[] {
  return snapshot.memos.filter((m) => m.scope === scope && (scope === 'project' || (scope === 'media' ? m.mediaId === key : m.segmentId === key)));
}

/** Can the memo stay where it is attached (its media or segment is exported)? Else it travels with the project. */
function attachable(ctx: ExportCtx, m: Memo): boolean {
  return m.scope === 'project' || (m.scope === 'media' && !!m.mediaId && ctx.mediaIds.has(m.mediaId)) || (m.scope === 'segment' && !!m.segmentId && ctx.exportedSegIds.has(m.segmentId));
}

const contradictionNoteId = (c: Pick<Contradiction, 'id'>): string => stableUuid('contradiction-note', c.id);

export function buildProjectQde(snapshot: ProjectSnapshot, opts: QdpxExportOptions = {}): string {
  const ctx = exportContext(snapshot, opts);
  const w = new XmlWriter();
  w.open('Project', {
    xmlns: QDA_NAMESPACE,
    name: snapshot.name || 'Triangulate project',
    origin: 'Triangulate',
    creationDateTime: iso(ctx.now),
    modifiedDateTime: iso(ctx.now),
  });
  if (snapshot.coders.length) {
    w.open('Users');
    for (const c of snapshot.coders) w.empty('User', { guid: gid(c.id), name: c.name });
    w.close();
  }
  if (snapshot.codes.length) {
    w.open('CodeBook');
    writeCodes(w, snapshot.codes, ctx.systems);
    w.close();
  }
  // Variables and Cases: participants, their attributes and groups
  writeParticipantCases(w, snapshot, gid, (id) => contradictionNoteId({ id }));
  writeSources(w, ctx);
  writeNotes(w, ctx);
  writeLinks(w, ctx);
  writeSets(w, ctx);
  writeProjectDescription(w, ctx);
  w.close();
  return w.toString();
}

function writeSources(w: XmlWriter, ctx: ExportCtx): void {
  if (!ctx.snapshot.media.length) return;
  w.open('Sources');
  for (const m of ctx.snapshot.media) writeVideoSource(w, ctx, m);
  w.close();
}

/** Where a source's file is: inside the archive when embedded, else its absolute path. */
function sourcePath(m: Media, embedded: { fileName?: string } | undefined): string {
  if (!embedded) return `absolute://${m.path.replace(/\\/g, '/')}`;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(embedded.fileName ?? m.name ?? m.path)?.[0] ?? '';
  return `internal://${gid(m.id)}${ext.toLowerCase()}`;
}

function writeVideoSource(w: XmlWriter, ctx: ExportCtx, m: Media): void {
  const path = sourcePath(m, ctx.opts.sources?.[m.id]);
  w.open('VideoSource', { guid: gid(m.id), name: m.name, path, creationDateTime: iso(m.createdAt), modifiedDateTime: iso(m.updatedAt) });
  const link = ctx.opts.mediaLinks?.find((l) => l.angleId === m.id);
  w.textEl(
    'Description',
    withMeta('', `Video "${m.name}"${m.durationMs ? `, ${formatTimecode(m.durationMs)}` : ''}.${link ? angleSentence(ctx.snapshot, link) : ''}`, {
      type: 'media',
      ...(link ? { angleOf: gid(link.primaryId), offsetMs: link.offsetMs } : {}),
      localPath: m.path,
      fingerprint: m.fingerprint,
      size: m.size,
      durationMs: m.durationMs,
      frameRate: (m as { frameRate?: number | null }).frameRate ?? null,
      lastPositionMs: m.lastPositionMs,
    }),
  );
  const cues = ctx.opts.transcripts?.[m.id];
  if (cues && cues.length) writeTranscript(w, m.id, cues, ctx.now);
  const segs = ctx.snapshot.segments.filter((s) => s.mediaId === m.id).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  for (const s of segs) writeSelection(w, ctx, s);
  for (const memo of memosFor(ctx.snapshot, 'media', m.id)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
  w.close();
}

/** One segment: a VideoSelection with a Coding per code and a NoteRef per memo on it. */
function writeSelection(w: XmlWriter, ctx: ExportCtx, s: Segment): void {
  const names = s.codeIds.map((id) => ctx.codesById.get(id)?.name).filter((n): n is string => !!n);
  w.open('VideoSelection', {
    guid: gid(s.id),
    name: `${names.join(', ') || 'Segment'} [${formatTimecode(s.startMs)}–${formatTimecode(s.endMs)}]`,
    begin: Math.round(s.startMs),
    end: Math.round(s.endMs),
    creatingUser: gid(s.coderId),
    creationDateTime: iso(s.createdAt),
    modifyingUser: gid(s.coderId),
    modifiedDateTime: iso(s.updatedAt),
  });
  if (s.note) w.textEl('Description', s.note);
  for (const codeId of s.codeIds) {
    if (!ctx.codesById.has(codeId)) continue;
    w.open('Coding', { guid: stableUuid('coding', s.id, codeId), creatingUser: gid(s.coderId), creationDateTime: iso(s.createdAt) });
    w.empty('CodeRef', { targetGUID: gid(codeId) });
    w.close();
  }
  for (const memo of memosFor(ctx.snapshot, 'segment', s.id)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
  w.close();
}

/** Notes: memos, then contradictions (each a note the links refer to). */
function writeNotes(w: XmlWriter, ctx: ExportCtx): void {
  if (!ctx.snapshot.memos.length && !ctx.snapshot.contradictions.length) return;
  w.open('Notes');
  for (const m of ctx.snapshot.memos) writeMemoNote(w, ctx, m);
  for (const c of ctx.snapshot.contradictions) writeContradictionNote(w, ctx, c);
  w.close();
}

function writeMemoNote(w: XmlWriter, ctx: ExportCtx, m: Memo): void {
  const where =
    m.scope === 'media'
      ? `Memo on "${ctx.snapshot.media.find((x) => x.id === m.mediaId)?.name ?? 'a video'}"${m.timeMs !== null ? ` at ${formatTimecode(m.timeMs)}` : ''}.`
      : m.scope === 'segment'
        ? 'Memo on a coded segment.'
        : 'Project memo.';
  w.open('Note', {
    guid: gid(m.id),
    name: m.title || 'Memo',
    creatingUser: m.coderId ? gid(m.coderId) : undefined,
    creationDateTime: iso(m.createdAt),
    modifiedDateTime: iso(m.updatedAt),
  });
  w.textEl(
    'Description',
    withMeta('', where, { type: 'memo', scope: attachable(ctx, m) ? m.scope : 'project', mediaId: m.mediaId, segmentId: m.segmentId, timeMs: m.timeMs }),
  );
  w.textEl('PlainTextContent', m.body);
  w.close();
}

/** The human-readable lines above a contradiction note's own text: title, status and coder, evidence. */
function contradictionHeader(ctx: ExportCtx, c: Contradiction, evidence: Uuid[]): string[] {
  const span = (id: Uuid) => {
    const s = ctx.segById.get(id)!;
    const mediaName = ctx.snapshot.media.find((x) => x.id === s.mediaId)?.name ?? '';
    return `${mediaName} ${formatTimecode(s.startMs)}–${formatTimecode(s.endMs)}`;
  };
  return [
    contradictionTitle(c, ctx.systems),
    `Status: ${c.status.replace(/_/g, ' ')}. Coded by ${ctx.coderById.get(c.coderId)?.name ?? 'unknown coder'}.`,
    `Evidence: ${evidence.map(span).join('; ') || 'none'}.`,
  ];
}

function writeContradictionNote(w: XmlWriter, ctx: ExportCtx, c: Contradiction): void {
  const evidence = c.evidenceSegmentIds.filter((id) => ctx.exportedSegIds.has(id));
  const header = contradictionHeader(ctx, c, evidence);
  w.open('Note', {
    guid: contradictionNoteId(c),
    name: header[0],
    creatingUser: gid(c.coderId),
    creationDateTime: iso(c.createdAt),
    modifiedDateTime: iso(c.updatedAt),
  });
  w.textEl(
    'Description',
    withMeta('', 'Contradiction (CHAT), linked to its evidence selections.', {
      type: 'contradiction',
      id: c.id,
      level: c.level,
      elementA: c.elementA,
      systemA: c.systemA,
      elementB: c.elementB,
      systemB: c.systemB,
      status: c.status,
      coderId: c.coderId,
      evidence,
      headerLines: header.length,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }),
  );
  w.textEl('PlainTextContent', `${header.join('\n')}\n\n${c.note}`);
  w.close();
}

/** Each contradiction as links between its evidence selections (the first to each other one), all carrying its note. */
function writeLinks(w: XmlWriter, ctx: ExportCtx): void {
  if (!ctx.snapshot.contradictions.length) return;
  w.open('Links');
  for (const c of ctx.snapshot.contradictions) {
    const title = contradictionTitle(c, ctx.systems);
    const ev = c.evidenceSegmentIds.filter((id) => ctx.exportedSegIds.has(id)).map(gid);
    const pairs: [string | undefined, string | undefined][] =
      ev.length === 0 ? [[undefined, undefined]] : ev.length === 1 ? [[ev[0], ev[0]]] : ev.slice(1).map((t) => [ev[0], t]);
    pairs.forEach(([o, t], i) => {
      w.open('Link', {
        guid: i === 0 ? gid(c.id) : stableUuid('contradiction-link', c.id, String(i)),
        name: title,
        direction: 'Associative',
        originGUID: o,
        targetGUID: t,
      });
      w.empty('NoteRef', { targetGUID: contradictionNoteId(c) });
      w.close();
    });
  }
  w.close();
}

/** Sets: activity systems (their element codes) and themes (their codes). */
function writeSets(w: XmlWriter, ctx: ExportCtx): void {
  const { snapshot } = ctx;
  if (!snapshot.systems.length && !snapshot.themes.length) return;
  w.open('Sets');
  for (const s of snapshot.systems) {
    w.open('Set', { guid: gid(s.id), name: s.name });
    w.textEl('Description', withMeta('', 'CHAT activity system: its element codes.', { type: 'activitySystem', sortOrder: s.sortOrder, createdAt: s.createdAt, updatedAt: s.updatedAt }));
    for (const c of snapshot.codes) if (c.systemId === s.id) w.empty('MemberCode', { targetGUID: gid(c.id) });
    w.close();
  }
  for (const t of snapshot.themes) {
    w.open('Set', { guid: gid(t.id), name: t.name });
    w.textEl('Description', withMeta(t.description, 'Theme (thematic analysis).', { type: 'theme', sortOrder: t.sortOrder, createdAt: t.createdAt, updatedAt: t.updatedAt }));
    for (const id of t.codeIds) if (ctx.codesById.has(id)) w.empty('MemberCode', { targetGUID: gid(id) });
    w.close();
  }
  w.close();
}

/** The project's own description (coder colours and flags) and the memos attached to it. */
function writeProjectDescription(w: XmlWriter, ctx: ExportCtx): void {
  const { snapshot } = ctx;
  w.textEl(
    'Description',
    withMeta('', 'Exported by Triangulate (CHAT coding of workshop video).', {
      type: 'project',
      projectId: snapshot.projectId,
      coders: Object.fromEntries(snapshot.coders.map((c) => [gid(c.id), { color: c.color, isConsensus: c.isConsensus, createdAt: c.createdAt, updatedAt: c.updatedAt }])),
    }),
  );
  for (const memo of memosFor(snapshot, 'project', null)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
  // memos whose media/segment is not exported still travel, attached to the project
  for (const memo of snapshot.memos) if (memo.scope !== 'project' && !attachable(ctx, memo)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
}

function writeTranscript(w: XmlWriter, mediaId: Uuid, cues: TranscriptCue[], now: number): void {
  const sorted = cues.slice().sort((a, b) => a.startMs - b.startMs);
  let content = '';
  let pos = 0;
  const spans: { from: number; to: number; cue: TranscriptCue }[] = [];
  sorted.forEach((cue, i) => {
    if (i > 0) {
      content += '\n';
      pos += 1;
    }
    const line = cue.speaker ? `${cue.speaker}: ${cue.text}` : cue.text;
    spans.push({ from: pos, to: pos + codePoints(line), cue });
    content += line;
    pos += codePoints(line);
  });
  w.open('Transcript', { guid: stableUuid('transcript', mediaId), name: 'Transcript', creationDateTime: iso(now) });
  w.textEl('PlainTextContent', content);
  spans.forEach((s, i) => {
    w.empty('SyncPoint', { guid: stableUuid('sync', mediaId, String(i), 'start'), timeStamp: Math.round(s.cue.startMs), position: s.from });
    w.empty('SyncPoint', { guid: stableUuid('sync', mediaId, String(i), 'end'), timeStamp: Math.round(s.cue.endMs), position: s.to });
  });
  spans.forEach((s, i) => {
    w.empty('TranscriptSelection', {
      guid: stableUuid('transcript-selection', mediaId, String(i)),
      name: s.cue.speaker || undefined,
      fromSyncPoint: stableUuid('sync', mediaId, String(i), 'start'),
      toSyncPoint: stableUuid('sync', mediaId, String(i), 'end'),
    });
  });
  w.close();
}

/** The .qdpx archive: project.qde plus Sources/ entries for the media passed in opts.sources. */
export function exportQdpx(snapshot: ProjectSnapshot, opts: QdpxExportOptions = {}): Uint8Array {
  const now = opts.exportedAt ?? Date.now();
  const qde = buildProjectQde(snapshot, { ...opts, exportedAt: now });
  const files: ZipInput[] = [{ name: 'project.qde', data: strToU8(qde), level: 6 }];
  for (const m of snapshot.media) {
    const src = opts.sources?.[m.id];
    if (!src) continue;
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(src.fileName ?? m.name ?? m.path)?.[0] ?? '';
    files.push({ name: `Sources/${gid(m.id)}${ext.toLowerCase()}`, data: src.bytes, level: 0 });
  }
  return writeZip(files, now);
}

// ---------------------------------------------------------------------------------------------
// Import

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

function intAttr(node: XmlNode, name: string, what: string): number {
  const raw = attr(node, name);
  if (raw === undefined || !/^\s*-?\d+\s*$/.test(raw)) throw new InteropError(`${what} has no valid integer "${name}" (got ${JSON.stringify(raw ?? null)}).`);
  return parseInt(raw, 10);
}

/** Reads one entry of a .qdpx (e.g. a MediaRef's archivePath), with all the archive checks. */
export function readQdpxEntry(bytes: Uint8Array, archivePath: string, limits: Partial<ZipLimits> = {}): Uint8Array {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const entries = listZipEntries(bytes, lim);
  const e = entries.find((x) => x.name === archivePath);
  if (!e) throw new InteropError(`The archive has no entry "${archivePath}".`);
  return readZipEntry(bytes, e, lim.maxTotalBytes);
}

/** Reads a .qdpx archive (or a bare project.qde) into an ImportBundle. Throws InteropError. */
export function importQdpx(bytes: Uint8Array, opts: QdpxImportOptions = {}): ImportBundle {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...opts.limits };
  let xml: string;
  let entries: ZipEntry[] = [];
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) {
    entries = listZipEntries(bytes, lim);
    const qde = entries.find((e) => e.name === 'project.qde') ?? entries.find((e) => !e.isDirectory && /(^|\/)[^/]+\.qde$/i.test(e.name) && !e.name.includes('/'));
    if (!qde) throw new InteropError('The archive has no project.qde; it is not a REFI-QDA project.');
    const maxXml = opts.maxProjectXmlBytes ?? MAX_PROJECT_XML_BYTES;
    if (qde.size > maxXml) {
      throw new InteropError(`The archive's ${qde.name} declares ${Math.round(qde.size / 1024 / 1024)} MiB (limit ${Math.round(maxXml / 1024 / 1024)} MiB for the project XML); refused as a possible zip bomb.`);
    }
    xml = strFromU8(readZipEntry(bytes, qde, lim.maxTotalBytes));
  } else {
    if (bytes.length > Math.min(lim.maxTotalBytes, opts.maxProjectXmlBytes ?? MAX_PROJECT_XML_BYTES)) throw new InteropError('The project file is larger than the import limit.');
    let i = 0;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (bytes[i] !== 0x3c && !bom) throw new InteropError('The file is neither a .qdpx archive nor a project.qde XML file.');
    xml = strFromU8(bytes);
  }
  return qdeToBundle(xml, new Set(entries.map((e) => e.name)), opts);
}

/**
 * Reads a `<Codes>` tree (of project.qde's CodeBook or a .qdc file) into codes, keeping the
 * file's GUIDs as ids. A code of ours names its activity system (Triangulate-Meta); a system not
 * yet in `ctx.systems` is added there.
 */
export function readCodes(codesNode: XmlNode | undefined, ctx: { now: number; systems: ActivitySystem[]; systemIds: Set<Uuid>; colorless?: Set<Uuid> }): Code[] {
  const { now, systems: bundleSystems, systemIds } = ctx;
  const guidOf = (node: XmlNode, what: string): Uuid => {
    const g = normalizeGuid(attr(node, 'guid'));
    if (!g) throw new InteropError(`${what} has no valid guid (got ${JSON.stringify(attr(node, 'guid') ?? null)}).`);
    return g;
  };
  const codes = new Map<Uuid, Code>();
  const readCode = (node: XmlNode, parentId: Uuid | null, index: number): void => {
    const id = guidOf(node, 'A <Code>');
    if (codes.has(id)) throw new InteropError(`The codebook has two codes with guid ${id}.`);
    const name = attr(node, 'name') ?? '';
    const { text: definition, meta } = splitMeta(childText(node, 'Description'));
    const ours = metaString(meta, 'type') === 'code';
    let kind: CodeKind = ours && isOneOf(CODE_KINDS, meta?.kind) ? (meta!.kind as CodeKind) : 'custom';
    const element = ours && isOneOf(CHAT_ELEMENTS, meta?.element) ? (meta!.element as ChatElement) : null;
    const level = ours && isOneOf(CONTRADICTION_LEVELS, meta?.contradictionLevel) ? (meta!.contradictionLevel as ContradictionLevel) : null;
    if (kind === 'element' && !element) kind = 'custom';
    if (kind === 'contradiction' && !level) kind = 'custom';
    let systemId = ours ? normalizeGuid(metaString(meta, 'systemId')) : null;
    if (systemId && !systemIds.has(systemId)) {
      systemIds.add(systemId);
      bundleSystems.push({ id: systemId, name: metaString(meta, 'systemName') ?? 'Activity system', sortOrder: bundleSystems.length, createdAt: now, updatedAt: now });
    }
    if (kind !== 'element') systemId = ours ? systemId : null;
    const colorAttr = attr(node, 'color');
    const given = colorAttr && RGB_RE.test(colorAttr) ? colorAttr : metaString(meta, 'color');
    if (!given) ctx.colorless?.add(id);
    codes.set(id, {
      id,
      name,
      kind,
      element: kind === 'element' ? element : ours ? element : null,
      systemId,
      contradictionLevel: kind === 'contradiction' ? level : ours ? level : null,
      parentId,
      color: given ?? DEFAULT_COLOR,
      hotkey: ours ? metaString(meta, 'hotkey') : null,
      definition,
      sortOrder: metaNumber(meta, 'sortOrder') ?? index,
      createdAt: metaNumber(meta, 'createdAt') ?? now,
      updatedAt: metaNumber(meta, 'updatedAt') ?? now,
    });
    kids(node, 'Code').forEach((k, i) => readCode(k, id, i));
  };
  kids(codesNode, 'Code').forEach((c, i) => readCode(c, null, i));
  return [...codes.values()];
}

/** What the import's steps share: the bundle being filled, the project element and its lookups. */
interface ImportCtx {
  bundle: ImportBundle;
  project: XmlNode;
  now: number;
  coders: Map<Uuid, Coder>;
  /** The coder of a creatingUser guid; a missing or unlisted user gets a coder made (and a warning). */
  coderFor(guid: string | undefined): Uuid;
  codes: Map<Uuid, Code>;
  notes: Map<Uuid, XmlNode>;
  /** Where each note is referenced from (project, a source, a selection): the memo's attachment. */
  noteAttachment: Map<Uuid, { scope: MemoScope; mediaId: Uuid | null; segmentId: Uuid | null }>;
  warn(message: string): void;
}

function guidOf(node: XmlNode, what: string): Uuid {
  const g = normalizeGuid(attr(node, 'guid'));
  if (!g) throw new InteropError(`${what} has no valid guid (got ${JSON.stringify(attr(node, 'guid') ?? null)}).`);
  return g;
}

const noteRefTargets = (node: XmlNode): Uuid[] => kids(node, 'NoteRef').map((r) => normalizeGuid(attr(r, 'targetGUID'))).filter((x): x is Uuid => !!x);

export function qdeToBundle(xml: string, archiveNames: ReadonlySet<string>, opts: QdpxImportOptions = {}): ImportBundle {
  const doc = parseXmlSafe(xml, 'project.qde');
  const project = kid(doc, 'Project');
  if (!project) throw new InteropError('project.qde has no <Project> root element; it is not a REFI-QDA project.');
  const bundle = emptyBundle('qdpx');
  bundle.projectName = attr(project, 'name') ?? null;
  const ctx: ImportCtx = {
    bundle,
    project,
    now: opts.now ?? Date.now(),
    coders: new Map(),
    coderFor: () => '',
    codes: new Map(),
    notes: new Map(),
    noteAttachment: new Map(),
    warn: (m) => void bundle.warnings.push(m),
  };
  ctx.coderFor = coderLookup(ctx);
  readUsers(ctx);
  const systemIds = readSets(ctx);
  ctx.codes = new Map(readCodes(kid(kid(project, 'CodeBook'), 'Codes'), { now: ctx.now, systems: bundle.systems, systemIds }).map((c) => [c.id, c]));
  bundle.codes = [...ctx.codes.values()];
  for (const n of kids(kid(project, 'Notes'), 'Note')) ctx.notes.set(guidOf(n, 'A <Note>'), n);
  for (const t of noteRefTargets(project)) ctx.noteAttachment.set(t, { scope: 'project', mediaId: null, segmentId: null });
  readSources(ctx, archiveNames);
  const segIds = new Set(bundle.segments.map((s) => s.id));
  bundle.participants = readParticipantCases(project, segIds, contradictionNotes(ctx), ctx.now, ctx.warn);
  const linksByNote = readContradictionLinks(ctx, segIds);
  for (const [noteId, n] of ctx.notes) readNote(ctx, noteId, n, linksByNote, segIds);
  bundle.coders = [...ctx.coders.values()];
  // keep theme members that exist
  for (const t of bundle.themes) t.codeIds = t.codeIds.filter((id) => ctx.codes.has(id));
  return bundle;
}

/** Users → coders, with the colour and flags our own export kept in the project's meta. */
function readUsers(ctx: ImportCtx): void {
  const projectMeta = splitMeta(childText(ctx.project, 'Description')).meta;
  const coderMeta = (projectMeta?.coders && typeof projectMeta.coders === 'object' ? projectMeta.coders : {}) as Record<string, Meta>;
  kids(kid(ctx.project, 'Users'), 'User').forEach((u, i) => {
    const id = guidOf(u, 'A <User>');
    const m = coderMeta[id] ?? null;
    ctx.coders.set(id, {
      id,
      name: attr(u, 'name') || attr(u, 'id') || `Coder ${i + 1}`,
      color: metaString(m, 'color') ?? CODER_PALETTE[i % CODER_PALETTE.length],
      isConsensus: metaBoolean(m, 'isConsensus') ?? false,
      createdAt: metaNumber(m, 'createdAt') ?? ctx.now,
      updatedAt: metaNumber(m, 'updatedAt') ?? ctx.now,
    });
  });
}

function coderLookup(ctx: ImportCtx): (guid: string | undefined) => Uuid {
  return (guid) => {
    const id = normalizeGuid(guid) ?? 'unknown';
    if (ctx.coders.has(id)) return id;
    const realId = id === 'unknown' ? stableUuid('qdpx-unknown-coder', ctx.bundle.projectName ?? '') : id;
    if (!ctx.coders.has(realId)) {
      ctx.coders.set(realId, {
        id: realId,
        name: id === 'unknown' ? 'Imported' : `Unknown user ${id.slice(0, 8)}`,
        color: CODER_PALETTE[ctx.coders.size % CODER_PALETTE.length],
        isConsensus: false,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      ctx.warn(id === 'unknown' ? 'Some codings have no creating user; they were given the coder "Imported".' : `User ${id} is not listed in <Users>; a coder was created for it.`);
    }
    return realId;
  };
}

/** Sets: activity systems (ours) and themes (ours, or any set of codes from another tool). Returns the systems' ids. */
function readSets(ctx: ImportCtx): Set<Uuid> {
  const { bundle, now } = ctx;
  const systemIds = new Set<Uuid>();
  for (const s of kids(kid(ctx.project, 'Sets'), 'Set')) {
    const id = guidOf(s, 'A <Set>');
    const { text: description, meta } = splitMeta(childText(s, 'Description'));
    const members = kids(s, 'MemberCode').map((m) => normalizeGuid(attr(m, 'targetGUID'))).filter((x): x is Uuid => !!x);
    if (metaString(meta, 'type') === 'activitySystem') {
      systemIds.add(id);
      bundle.systems.push({ id, name: attr(s, 'name') ?? 'Activity system', sortOrder: metaNumber(meta, 'sortOrder') ?? bundle.systems.length, createdAt: metaNumber(meta, 'createdAt') ?? now, updatedAt: metaNumber(meta, 'updatedAt') ?? now });
    } else if (metaString(meta, 'type') === 'theme' || members.length) {
      bundle.themes.push({ id, name: attr(s, 'name') ?? 'Theme', description, sortOrder: metaNumber(meta, 'sortOrder') ?? bundle.themes.length, codeIds: members, createdAt: metaNumber(meta, 'createdAt') ?? now, updatedAt: metaNumber(meta, 'updatedAt') ?? now });
    } else {
      ctx.warn(`Set "${attr(s, 'name') ?? id}" has no member codes; skipped.`);
    }
  }
  return systemIds;
}

/** Sources: video and audio become media with their transcripts and segments; other kinds are named and skipped. */
function readSources(ctx: ImportCtx, archiveNames: ReadonlySet<string>): void {
  const sourcesNode = kid(ctx.project, 'Sources');
  let skippedSources = 0;
  for (const kind of ['TextSource', 'PictureSource', 'PDFSource']) skippedSources += kids(sourcesNode, kind).length;
  if (skippedSources) ctx.warn(`${skippedSources} text/PDF/picture source(s) were skipped: Triangulate codes video and audio only.`);
  const avSources = [...kids(sourcesNode, 'VideoSource').map((n) => ({ n, sel: 'VideoSelection' })), ...kids(sourcesNode, 'AudioSource').map((n) => ({ n, sel: 'AudioSelection' }))];
  for (const { n: src, sel } of avSources) {
    const media = mediaOf(ctx, src, sel, archiveNames);
    ctx.bundle.media.push(media);
    const { meta } = splitMeta(childText(src, 'Description'));
    const angleOf = normalizeGuid(metaString(meta, 'angleOf'));
    const offsetMs = metaNumber(meta, 'offsetMs');
    if (angleOf && offsetMs !== null && Number.isSafeInteger(offsetMs)) (ctx.bundle.mediaLinks ??= []).push({ primaryId: angleOf, angleId: media.id, offsetMs });
    for (const t of noteRefTargets(src)) ctx.noteAttachment.set(t, { scope: 'media', mediaId: media.id, segmentId: null });
    if (kids(src, 'Coding').length) ctx.warn(`Codings of the whole source "${media.name}" were skipped (no time span).`);
    const cues = transcriptCues(src);
    if (cues.length) ctx.bundle.transcripts[media.id] = cues.sort((a, b) => a.startMs - b.startMs);
    for (const s of kids(src, sel)) readSelection(ctx, s, sel, media.id);
  }
}

function mediaOf(ctx: ImportCtx, src: XmlNode, sel: string, archiveNames: ReadonlySet<string>): MediaRef {
  const mediaId = guidOf(src, `<${sel.replace('Selection', 'Source')}>`);
  const { meta } = splitMeta(childText(src, 'Description'));
  const rawPath = attr(src, 'path') ?? attr(src, 'currentPath') ?? null;
  const where = classifyMediaPath(rawPath);
  if (where.location === 'archive' && where.archivePath && archiveNames.size && !archiveNames.has(where.archivePath)) {
    ctx.warn(`Media "${attr(src, 'name') ?? mediaId}" should be in the archive at ${where.archivePath} but is missing.`);
  }
  return {
    id: mediaId,
    name: attr(src, 'name') ?? (rawPath ? baseName(rawPath) : 'Media'),
    originalPath: rawPath,
    ...where,
    path: where.path ?? metaString(meta, 'localPath'),
    fingerprint: metaString(meta, 'fingerprint'),
    size: metaNumber(meta, 'size'),
    durationMs: metaNumber(meta, 'durationMs'),
    frameRate: metaNumber(meta, 'frameRate'),
    mimeType: null,
    createdAt: parseIso(attr(src, 'creationDateTime')) ?? ctx.now,
    updatedAt: parseIso(attr(src, 'modifiedDateTime')) ?? ctx.now,
  };
}

/** A source's transcripts as cues: each TranscriptSelection between two timed sync points. */
function transcriptCues(src: XmlNode): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  for (const tr of kids(src, 'Transcript')) {
    const content = Array.from(childText(tr, 'PlainTextContent') ?? '');
    const sync = new Map<Uuid, { t: number | null; p: number | null }>();
    for (const sp of kids(tr, 'SyncPoint')) {
      const g = normalizeGuid(attr(sp, 'guid'));
      const ts = attr(sp, 'timeStamp');
      const ps = attr(sp, 'position');
      if (g) sync.set(g, { t: ts !== undefined && /^-?\d+$/.test(ts.trim()) ? parseInt(ts, 10) : null, p: ps !== undefined && /^\d+$/.test(ps.trim()) ? parseInt(ps, 10) : null });
    }
    for (const ts of kids(tr, 'TranscriptSelection')) {
      const from = sync.get(normalizeGuid(attr(ts, 'fromSyncPoint')) ?? '');
      const to = sync.get(normalizeGuid(attr(ts, 'toSyncPoint')) ?? '');
      if (!from || !to || from.t === null || to.t === null) continue;
      const speaker = attr(ts, 'name') ?? '';
      let line = from.p !== null && to.p !== null ? content.slice(from.p, to.p).join('') : '';
      if (speaker && line.startsWith(`${speaker}: `)) line = line.slice(speaker.length + 2);
      cues.push({ startMs: from.t, endMs: to.t, speaker, text: line });
    }
  }
  return cues;
}

/** A selection's codes grouped by the user who made each coding (the selection's creator when a coding names none). */
function codesByUser(ctx: ImportCtx, s: XmlNode, selId: Uuid, selUser: string | undefined): Map<string, Uuid[]> {
  const byUser = new Map<string, Uuid[]>();
  for (const c of kids(s, 'Coding')) {
    const codeId = normalizeGuid(attr(kid(c, 'CodeRef'), 'targetGUID'));
    if (!codeId || !ctx.codes.has(codeId)) {
      ctx.warn(`A coding in selection ${selId} refers to a code that is not in the codebook; skipped.`);
      continue;
    }
    const user = ctx.coderFor(attr(c, 'creatingUser') ?? selUser);
    const list = byUser.get(user) ?? [];
    if (!list.includes(codeId)) list.push(codeId);
    byUser.set(user, list);
  }
  if (byUser.size === 0) byUser.set(ctx.coderFor(selUser), []);
  return byUser;
}

/** One selection → one segment per creating user of its codings; the selection's own creator keeps its guid. */
function readSelection(ctx: ImportCtx, s: XmlNode, sel: string, mediaId: Uuid): void {
  const selId = guidOf(s, `A <${sel}>`);
  const begin = intAttr(s, 'begin', `<${sel}> ${selId}`);
  const end = intAttr(s, 'end', `<${sel}> ${selId}`);
  const selUser = attr(s, 'creatingUser');
  const byUser = codesByUser(ctx, s, selId, selUser);
  const note = childText(s, 'Description') ?? '';
  const created = parseIso(attr(s, 'creationDateTime')) ?? ctx.now;
  const modified = parseIso(attr(s, 'modifiedDateTime')) ?? created;
  const selCoder = normalizeGuid(selUser);
  const users = [...byUser.keys()].sort((a, b) => (a === selCoder ? -1 : b === selCoder ? 1 : 0));
  users.forEach((user, i) => {
    const id = i === 0 ? selId : stableUuid('qdpx-selection-user', selId, user);
    ctx.bundle.segments.push({ id, mediaId, coderId: user, startMs: Math.min(begin, end), endMs: Math.max(begin, end), note, codeIds: byUser.get(user)!, createdAt: created, updatedAt: modified });
    for (const t of noteRefTargets(s)) if (!ctx.noteAttachment.has(t)) ctx.noteAttachment.set(t, { scope: 'segment', mediaId, segmentId: id });
  });
}

/** Note guid → the id of the contradiction it holds (as contradictionOf reads it), for the cases' SourceRefs. */
function contradictionNotes(ctx: ImportCtx): Map<Uuid, Uuid> {
  const out = new Map<Uuid, Uuid>();
  for (const [noteId, n] of ctx.notes) {
    const meta = splitMeta(childText(n, 'Description')).meta;
    if (metaString(meta, 'type') === 'contradiction') out.set(noteId, normalizeGuid(metaString(meta, 'id')) ?? noteId);
  }
  return out;
}

/** Links (contradictions) grouped by the contradiction note they reference: the imported segments they join. */
function readContradictionLinks(ctx: ImportCtx, segIds: Set<Uuid>): Map<Uuid, Uuid[]> {
  const linksByNote = new Map<Uuid, Uuid[]>();
  let foreignLinks = 0;
  for (const l of kids(kid(ctx.project, 'Links'), 'Link')) {
    const target = noteRefTargets(l).find((id) => metaString(splitMeta(childText(ctx.notes.get(id), 'Description')).meta, 'type') === 'contradiction');
    if (!target) {
      foreignLinks++;
      continue;
    }
    const list = linksByNote.get(target) ?? [];
    for (const g of [attr(l, 'originGUID'), attr(l, 'targetGUID')]) {
      const id = normalizeGuid(g);
      if (id && segIds.has(id) && !list.includes(id)) list.push(id);
    }
    linksByNote.set(target, list);
  }
  if (foreignLinks) ctx.warn(`${foreignLinks} link(s) that are not Triangulate contradictions were skipped.`);
  return linksByNote;
}

/** A note → a contradiction (ours, with readable metadata) or else a memo. */
function readNote(ctx: ImportCtx, noteId: Uuid, n: XmlNode, linksByNote: Map<Uuid, Uuid[]>, segIds: Set<Uuid>): void {
  const { meta } = splitMeta(childText(n, 'Description'));
  if (metaString(meta, 'type') === 'contradiction') {
    const c = contradictionOf(ctx, noteId, n, meta!, linksByNote.get(noteId) ?? [], segIds);
    if (c) return void ctx.bundle.contradictions.push(c);
    ctx.warn(`Contradiction note "${attr(n, 'name') ?? noteId}" has unreadable metadata; kept as a memo.`);
  }
  ctx.bundle.memos.push(memoOf(ctx, noteId, n, meta, segIds));
}

function noteTimes(ctx: ImportCtx, n: XmlNode): { created: number; modified: number } {
  const created = parseIso(attr(n, 'creationDateTime')) ?? ctx.now;
  return { created, modified: parseIso(attr(n, 'modifiedDateTime')) ?? created };
}

/** Evidence: the meta's list (kept where the links agree) and then what only the links add. */
function contradictionOf(ctx: ImportCtx, noteId: Uuid, n: XmlNode, meta: Meta, fromLinks: Uuid[], segIds: Set<Uuid>): Contradiction | null {
  const { level, elementA: elA, elementB: elB } = meta;
  if (!isOneOf(CONTRADICTION_LEVELS, level) || !isOneOf(CHAT_ELEMENTS, elA) || !isOneOf(CHAT_ELEMENTS, elB)) return null;
  const body = childText(n, 'PlainTextContent') ?? '';
  const { created, modified } = noteTimes(ctx, n);
  const fromMeta = Array.isArray(meta.evidence) ? (meta.evidence as unknown[]).map((x) => normalizeGuid(String(x))).filter((x): x is Uuid => !!x && segIds.has(x)) : [];
  const evidence = [...fromMeta.filter((x) => fromLinks.includes(x) || fromLinks.length === 0), ...fromLinks.filter((x) => !fromMeta.includes(x))];
  const headerLines = metaNumber(meta, 'headerLines') ?? 0;
  return {
    id: normalizeGuid(metaString(meta, 'id')) ?? noteId, // as contradictionNotes reads it
    level: level as ContradictionLevel,
    elementA: elA as ChatElement,
    systemA: normalizeGuid(metaString(meta, 'systemA')),
    elementB: elB as ChatElement,
    systemB: normalizeGuid(metaString(meta, 'systemB')),
    coderId: ctx.coderFor(metaString(meta, 'coderId') ?? attr(n, 'creatingUser')),
    status: isOneOf(CONTRADICTION_STATUSES, meta.status) ? (meta.status as ContradictionStatus) : 'unresolved',
    note: headerLines ? body.split('\n').slice(headerLines + 1).join('\n') : body,
    evidenceSegmentIds: evidence,
    createdAt: metaNumber(meta, 'createdAt') ?? created,
    updatedAt: metaNumber(meta, 'updatedAt') ?? modified,
  };
}

/** A memo attached where the file references it from, else where our meta says, else to the project. */
function memoOf(ctx: ImportCtx, noteId: Uuid, n: XmlNode, meta: Meta | null, segIds: Set<Uuid>): Memo {
  const { created, modified } = noteTimes(ctx, n);
  const att = ctx.noteAttachment.get(noteId);
  const ours = metaString(meta, 'type') === 'memo';
  let scope: MemoScope = att?.scope ?? 'project';
  if (!att && ours && isOneOf(MEMO_SCOPES, meta!.scope)) scope = meta!.scope as MemoScope;
  const mediaId = att?.mediaId ?? (scope !== 'project' ? normalizeGuid(metaString(meta, 'mediaId')) : null);
  const segmentId = att?.segmentId ?? (scope === 'segment' ? normalizeGuid(metaString(meta, 'segmentId')) : null);
  const valid = scope === 'project' || (scope === 'media' && mediaId) || (scope === 'segment' && segmentId && segIds.has(segmentId));
  return {
    id: noteId,
    scope: valid ? scope : 'project',
    mediaId: valid && scope !== 'project' ? mediaId : null,
    segmentId: valid && scope === 'segment' ? segmentId : null,
    coderId: attr(n, 'creatingUser') ? ctx.coderFor(attr(n, 'creatingUser')) : null,
    timeMs: scope === 'media' ? metaNumber(meta, 'timeMs') : null,
    title: attr(n, 'name') ?? 'Memo',
    body: childText(n, 'PlainTextContent') ?? '',
    createdAt: created,
    updatedAt: modified,
  };
}
