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
export function buildProjectQde(snapshot: ProjectSnapshot, opts: QdpxExportOptions = {}): string {
  const now = opts.exportedAt ?? Date.now();
  const systems = new Map(snapshot.systems.map((s) => [s.id, s]));
  const codesById = new Map(snapshot.codes.map((c) => [c.id, c]));
  const coderById = new Map(snapshot.coders.map((c) => [c.id, c]));
  const segById = new Map(snapshot.segments.map((s) => [s.id, s]));
  const mediaIds = new Set(snapshot.media.map((m) => m.id));
  const w = new XmlWriter();

  w.open('Project', {
    xmlns: QDA_NAMESPACE,
    name: snapshot.name || 'Triangulate project',
    origin: 'Triangulate',
    creationDateTime: iso(now),
    modifiedDateTime: iso(now),
  });

  // Users
  if (snapshot.coders.length) {
    w.open('Users');
    for (const c of snapshot.coders) w.empty('User', { guid: gid(c.id), name: c.name });
    w.close();
  }

  // CodeBook
  if (snapshot.codes.length) {
    w.open('CodeBook');
    writeCodes(w, snapshot.codes, systems);
    w.close();
  }

  // Variables and Cases: participants, their attributes and groups
  writeParticipantCases(w, snapshot, gid);

  // Notes (memos and contradictions) are written later but referenced from sources
  const memosFor = (scope: MemoScope, key: Uuid | null): Memo[] =>
    snapshot.memos.filter((m) => m.scope === scope && (scope === 'project' || (scope === 'media' ? m.mediaId === key : m.segmentId === key)));

  // Sources
  if (snapshot.media.length) {
    w.open('Sources');
    for (const m of snapshot.media) {
      const embedded = opts.sources?.[m.id];
      let path: string;
      if (embedded) {
        const ext = /\.[A-Za-z0-9]{1,8}$/.exec(embedded.fileName ?? m.name ?? m.path)?.[0] ?? '';
        path = `internal://${gid(m.id)}${ext.toLowerCase()}`;
      } else {
        path = `absolute://${m.path.replace(/\\/g, '/')}`;
      }
      w.open('VideoSource', { guid: gid(m.id), name: m.name, path, creationDateTime: iso(m.createdAt), modifiedDateTime: iso(m.updatedAt) });
      w.textEl(
        'Description',
        withMeta('', `Video "${m.name}"${m.durationMs ? `, ${formatTimecode(m.durationMs)}` : ''}.`, {
          type: 'media',
          localPath: m.path,
          fingerprint: m.fingerprint,
          size: m.size,
          durationMs: m.durationMs,
          frameRate: (m as { frameRate?: number | null }).frameRate ?? null,
          lastPositionMs: m.lastPositionMs,
        }),
      );
      const cues = opts.transcripts?.[m.id];
      if (cues && cues.length) writeTranscript(w, m.id, cues, now);
      const segs = snapshot.segments.filter((s) => s.mediaId === m.id).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
      for (const s of segs) {
        const names = s.codeIds.map((id) => codesById.get(id)?.name).filter((n): n is string => !!n);
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
          if (!codesById.has(codeId)) continue;
          w.open('Coding', { guid: stableUuid('coding', s.id, codeId), creatingUser: gid(s.coderId), creationDateTime: iso(s.createdAt) });
          w.empty('CodeRef', { targetGUID: gid(codeId) });
          w.close();
        }
        for (const memo of memosFor('segment', s.id)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
        w.close();
      }
      for (const memo of memosFor('media', m.id)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
      w.close();
    }
    w.close();
  }

  // Notes
  const exportedSegIds = new Set(snapshot.segments.filter((s) => mediaIds.has(s.mediaId)).map((s) => s.id));
  const attachable = (m: Memo): boolean =>
    m.scope === 'project' || (m.scope === 'media' && !!m.mediaId && mediaIds.has(m.mediaId)) || (m.scope === 'segment' && !!m.segmentId && exportedSegIds.has(m.segmentId));
  const contradictionNoteId = (c: Contradiction): string => stableUuid('contradiction-note', c.id);
  if (snapshot.memos.length || snapshot.contradictions.length) {
    w.open('Notes');
    for (const m of snapshot.memos) {
      const where =
        m.scope === 'media'
          ? `Memo on "${snapshot.media.find((x) => x.id === m.mediaId)?.name ?? 'a video'}"${m.timeMs !== null ? ` at ${formatTimecode(m.timeMs)}` : ''}.`
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
        withMeta('', where, { type: 'memo', scope: attachable(m) ? m.scope : 'project', mediaId: m.mediaId, segmentId: m.segmentId, timeMs: m.timeMs }),
      );
      w.textEl('PlainTextContent', m.body);
      w.close();
    }
    for (const c of snapshot.contradictions) {
      const title = contradictionTitle(c, systems);
      const evidence = c.evidenceSegmentIds.filter((id) => exportedSegIds.has(id));
      const header = [
        title,
        `Status: ${c.status.replace(/_/g, ' ')}. Coded by ${coderById.get(c.coderId)?.name ?? 'unknown coder'}.`,
        `Evidence: ${
          evidence
            .map((id) => {
              const s = segById.get(id)!;
              const mediaName = snapshot.media.find((x) => x.id === s.mediaId)?.name ?? '';
              return `${mediaName} ${formatTimecode(s.startMs)}–${formatTimecode(s.endMs)}`;
            })
            .join('; ') || 'none'
        }.`,
      ];
      w.open('Note', {
        guid: contradictionNoteId(c),
        name: title,
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
    w.close();
  }

  // Links
  if (snapshot.contradictions.length) {
    w.open('Links');
    for (const c of snapshot.contradictions) {
      const title = contradictionTitle(c, systems);
      const ev = c.evidenceSegmentIds.filter((id) => exportedSegIds.has(id)).map(gid);
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

  // Sets: activity systems and themes
  if (snapshot.systems.length || snapshot.themes.length) {
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
      for (const id of t.codeIds) if (codesById.has(id)) w.empty('MemberCode', { targetGUID: gid(id) });
      w.close();
    }
    w.close();
  }

  w.textEl(
    'Description',
    withMeta('', 'Exported by Triangulate (CHAT coding of workshop video).', {
      type: 'project',
      projectId: snapshot.projectId,
      coders: Object.fromEntries(snapshot.coders.map((c) => [gid(c.id), { color: c.color, isConsensus: c.isConsensus, createdAt: c.createdAt, updatedAt: c.updatedAt }])),
    }),
  );
  for (const memo of memosFor('project', null)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
  // memos whose media/segment is not exported still travel, attached to the project
  for (const memo of snapshot.memos) if (memo.scope !== 'project' && !attachable(memo)) w.empty('NoteRef', { targetGUID: gid(memo.id) });
  w.close();
  return w.toString();
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

export function qdeToBundle(xml: string, archiveNames: ReadonlySet<string>, opts: QdpxImportOptions = {}): ImportBundle {
  const now = opts.now ?? Date.now();
  const doc = parseXmlSafe(xml, 'project.qde');
  const project = kid(doc, 'Project');
  if (!project) throw new InteropError('project.qde has no <Project> root element; it is not a REFI-QDA project.');
  const bundle = emptyBundle('qdpx');
  bundle.projectName = attr(project, 'name') ?? null;
  const warn = (m: string): void => {
    bundle.warnings.push(m);
  };
  const guidOf = (node: XmlNode, what: string): Uuid => {
    const g = normalizeGuid(attr(node, 'guid'));
    if (!g) throw new InteropError(`${what} has no valid guid (got ${JSON.stringify(attr(node, 'guid') ?? null)}).`);
    return g;
  };

  const projectMeta = splitMeta(childText(project, 'Description')).meta;
  const coderMeta = (projectMeta?.coders && typeof projectMeta.coders === 'object' ? projectMeta.coders : {}) as Record<string, Meta>;

  // Users → coders
  const coders = new Map<Uuid, Coder>();
  kids(kid(project, 'Users'), 'User').forEach((u, i) => {
    const id = guidOf(u, 'A <User>');
    const m = coderMeta[id] ?? null;
    coders.set(id, {
      id,
      name: attr(u, 'name') || attr(u, 'id') || `Coder ${i + 1}`,
      color: metaString(m, 'color') ?? CODER_PALETTE[i % CODER_PALETTE.length],
      isConsensus: metaBoolean(m, 'isConsensus') ?? false,
      createdAt: metaNumber(m, 'createdAt') ?? now,
      updatedAt: metaNumber(m, 'updatedAt') ?? now,
    });
  });
  const coderFor = (guid: string | undefined): Uuid => {
    const id = normalizeGuid(guid) ?? 'unknown';
    if (!coders.has(id)) {
      const realId = id === 'unknown' ? stableUuid('qdpx-unknown-coder', bundle.projectName ?? '') : id;
      if (!coders.has(realId)) {
        coders.set(realId, {
          id: realId,
          name: id === 'unknown' ? 'Imported' : `Unknown user ${id.slice(0, 8)}`,
          color: CODER_PALETTE[coders.size % CODER_PALETTE.length],
          isConsensus: false,
          createdAt: now,
          updatedAt: now,
        });
        warn(id === 'unknown' ? 'Some codings have no creating user; they were given the coder "Imported".' : `User ${id} is not listed in <Users>; a coder was created for it.`);
      }
      return realId;
    }
    return id;
  };

  // Sets: activity systems (ours) and themes (ours, or any set of codes from another tool)
  const setNodes = kids(kid(project, 'Sets'), 'Set');
  const systemIds = new Set<Uuid>();
  for (const s of setNodes) {
    const id = guidOf(s, 'A <Set>');
    const { text: description, meta } = splitMeta(childText(s, 'Description'));
    const members = kids(s, 'MemberCode').map((m) => normalizeGuid(attr(m, 'targetGUID'))).filter((x): x is Uuid => !!x);
    if (metaString(meta, 'type') === 'activitySystem') {
      systemIds.add(id);
      bundle.systems.push({ id, name: attr(s, 'name') ?? 'Activity system', sortOrder: metaNumber(meta, 'sortOrder') ?? bundle.systems.length, createdAt: metaNumber(meta, 'createdAt') ?? now, updatedAt: metaNumber(meta, 'updatedAt') ?? now });
    } else if (metaString(meta, 'type') === 'theme' || members.length) {
      bundle.themes.push({ id, name: attr(s, 'name') ?? 'Theme', description, sortOrder: metaNumber(meta, 'sortOrder') ?? bundle.themes.length, codeIds: members, createdAt: metaNumber(meta, 'createdAt') ?? now, updatedAt: metaNumber(meta, 'updatedAt') ?? now });
    } else {
      warn(`Set "${attr(s, 'name') ?? id}" has no member codes; skipped.`);
    }
  }

  // CodeBook
  const codes = new Map(readCodes(kid(kid(project, 'CodeBook'), 'Codes'), { now, systems: bundle.systems, systemIds }).map((c) => [c.id, c]));
  bundle.codes = [...codes.values()];

  // Notes
  const notes = new Map<Uuid, XmlNode>();
  for (const n of kids(kid(project, 'Notes'), 'Note')) notes.set(guidOf(n, 'A <Note>'), n);
  const noteAttachment = new Map<Uuid, { scope: MemoScope; mediaId: Uuid | null; segmentId: Uuid | null }>();
  for (const r of kids(project, 'NoteRef')) {
    const t = normalizeGuid(attr(r, 'targetGUID'));
    if (t) noteAttachment.set(t, { scope: 'project', mediaId: null, segmentId: null });
  }

  // Sources
  const segments: Segment[] = [];
  const sourcesNode = kid(project, 'Sources');
  let skippedSources = 0;
  for (const kind of ['TextSource', 'PictureSource', 'PDFSource']) skippedSources += kids(sourcesNode, kind).length;
  if (skippedSources) warn(`${skippedSources} text/PDF/picture source(s) were skipped: Triangulate codes video and audio only.`);
  const avSources = [...kids(sourcesNode, 'VideoSource').map((n) => ({ n, sel: 'VideoSelection' })), ...kids(sourcesNode, 'AudioSource').map((n) => ({ n, sel: 'AudioSelection' }))];
  for (const { n: src, sel } of avSources) {
    const mediaId = guidOf(src, `<${sel.replace('Selection', 'Source')}>`);
    const { meta } = splitMeta(childText(src, 'Description'));
    const rawPath = attr(src, 'path') ?? attr(src, 'currentPath') ?? null;
    const where = classifyMediaPath(rawPath);
    if (where.location === 'archive' && where.archivePath && archiveNames.size && !archiveNames.has(where.archivePath)) {
      warn(`Media "${attr(src, 'name') ?? mediaId}" should be in the archive at ${where.archivePath} but is missing.`);
    }
    const media: MediaRef = {
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
      createdAt: parseIso(attr(src, 'creationDateTime')) ?? now,
      updatedAt: parseIso(attr(src, 'modifiedDateTime')) ?? now,
    };
    bundle.media.push(media);
    for (const r of kids(src, 'NoteRef')) {
      const t = normalizeGuid(attr(r, 'targetGUID'));
      if (t) noteAttachment.set(t, { scope: 'media', mediaId, segmentId: null });
    }
    if (kids(src, 'Coding').length) warn(`Codings of the whole source "${media.name}" were skipped (no time span).`);

    // transcripts
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
    if (cues.length) bundle.transcripts[mediaId] = cues.sort((a, b) => a.startMs - b.startMs);

    // selections → segments (one per creating user of its codings)
    for (const s of kids(src, sel)) {
      const selId = guidOf(s, `A <${sel}>`);
      const begin = intAttr(s, 'begin', `<${sel}> ${selId}`);
      const end = intAttr(s, 'end', `<${sel}> ${selId}`);
      const selUser = attr(s, 'creatingUser');
      const byUser = new Map<string, Uuid[]>();
      for (const c of kids(s, 'Coding')) {
        const codeId = normalizeGuid(attr(kid(c, 'CodeRef'), 'targetGUID'));
        if (!codeId || !codes.has(codeId)) {
          warn(`A coding in selection ${selId} refers to a code that is not in the codebook; skipped.`);
          continue;
        }
        const user = coderFor(attr(c, 'creatingUser') ?? selUser);
        const list = byUser.get(user) ?? [];
        if (!list.includes(codeId)) list.push(codeId);
        byUser.set(user, list);
      }
      if (byUser.size === 0) byUser.set(coderFor(selUser), []);
      const note = childText(s, 'Description') ?? '';
      const created = parseIso(attr(s, 'creationDateTime')) ?? now;
      const modified = parseIso(attr(s, 'modifiedDateTime')) ?? created;
      let first = true;
      const selCoder = normalizeGuid(selUser);
      // the selection's own creator keeps the selection's guid
      const users = [...byUser.keys()].sort((a, b) => (a === selCoder ? -1 : b === selCoder ? 1 : 0));
      for (const user of users) {
        const id = first ? selId : stableUuid('qdpx-selection-user', selId, user);
        first = false;
        segments.push({ id, mediaId, coderId: user, startMs: Math.min(begin, end), endMs: Math.max(begin, end), note, codeIds: byUser.get(user)!, createdAt: created, updatedAt: modified });
        for (const r of kids(s, 'NoteRef')) {
          const t = normalizeGuid(attr(r, 'targetGUID'));
          if (t && !noteAttachment.has(t)) noteAttachment.set(t, { scope: 'segment', mediaId, segmentId: id });
        }
      }
    }
  }
  bundle.segments = segments;
  const segIds = new Set(segments.map((s) => s.id));
  bundle.participants = readParticipantCases(project, segIds, now, warn);

  // Links (contradictions) grouped by the note they reference
  const linksByNote = new Map<Uuid, Uuid[]>();
  let foreignLinks = 0;
  for (const l of kids(kid(project, 'Links'), 'Link')) {
    const noteIds = kids(l, 'NoteRef').map((r) => normalizeGuid(attr(r, 'targetGUID'))).filter((x): x is Uuid => !!x);
    const target = noteIds.find((id) => metaString(splitMeta(childText(notes.get(id), 'Description')).meta, 'type') === 'contradiction');
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
  if (foreignLinks) warn(`${foreignLinks} link(s) that are not Triangulate contradictions were skipped.`);

  // Notes → memos and contradictions
  for (const [noteId, n] of notes) {
    const { meta } = splitMeta(childText(n, 'Description'));
    const body = childText(n, 'PlainTextContent') ?? '';
    const created = parseIso(attr(n, 'creationDateTime')) ?? now;
    const modified = parseIso(attr(n, 'modifiedDateTime')) ?? created;
    if (metaString(meta, 'type') === 'contradiction') {
      const level = meta!.level;
      const elA = meta!.elementA;
      const elB = meta!.elementB;
      if (!isOneOf(CONTRADICTION_LEVELS, level) || !isOneOf(CHAT_ELEMENTS, elA) || !isOneOf(CHAT_ELEMENTS, elB)) {
        warn(`Contradiction note "${attr(n, 'name') ?? noteId}" has unreadable metadata; kept as a memo.`);
      } else {
        const fromMeta = Array.isArray(meta!.evidence) ? (meta!.evidence as unknown[]).map((x) => normalizeGuid(String(x))).filter((x): x is Uuid => !!x && segIds.has(x)) : [];
        const fromLinks = linksByNote.get(noteId) ?? [];
        const evidence = [...fromMeta.filter((x) => fromLinks.includes(x) || fromLinks.length === 0), ...fromLinks.filter((x) => !fromMeta.includes(x))];
        const headerLines = metaNumber(meta, 'headerLines') ?? 0;
        const noteText = headerLines ? body.split('\n').slice(headerLines + 1).join('\n') : body;
        const status = isOneOf(CONTRADICTION_STATUSES, meta!.status) ? (meta!.status as ContradictionStatus) : 'unresolved';
        bundle.contradictions.push({
          id: normalizeGuid(metaString(meta, 'id')) ?? noteId,
          level: level as ContradictionLevel,
          elementA: elA as ChatElement,
          systemA: normalizeGuid(metaString(meta, 'systemA')),
          elementB: elB as ChatElement,
          systemB: normalizeGuid(metaString(meta, 'systemB')),
          coderId: coderFor(metaString(meta, 'coderId') ?? attr(n, 'creatingUser')),
          status,
          note: noteText,
          evidenceSegmentIds: evidence,
          createdAt: metaNumber(meta, 'createdAt') ?? created,
          updatedAt: metaNumber(meta, 'updatedAt') ?? modified,
        });
        continue;
      }
    }
    const att = noteAttachment.get(noteId);
    const ours = metaString(meta, 'type') === 'memo';
    let scope: MemoScope = att?.scope ?? 'project';
    if (!att && ours && isOneOf(MEMO_SCOPES, meta!.scope)) scope = meta!.scope as MemoScope;
    const mediaId = att?.mediaId ?? (scope !== 'project' ? normalizeGuid(metaString(meta, 'mediaId')) : null);
    const segmentId = att?.segmentId ?? (scope === 'segment' ? normalizeGuid(metaString(meta, 'segmentId')) : null);
    const valid = scope === 'project' || (scope === 'media' && mediaId) || (scope === 'segment' && segmentId && segIds.has(segmentId));
    bundle.memos.push({
      id: noteId,
      scope: valid ? scope : 'project',
      mediaId: valid && scope !== 'project' ? mediaId : null,
      segmentId: valid && scope === 'segment' ? segmentId : null,
      coderId: attr(n, 'creatingUser') ? coderFor(attr(n, 'creatingUser')) : null,
      timeMs: scope === 'media' ? metaNumber(meta, 'timeMs') : null,
      title: attr(n, 'name') ?? 'Memo',
      body,
      createdAt: created,
      updatedAt: modified,
    });
  }

  bundle.coders = [...coders.values()];
  // keep theme members that exist
  for (const t of bundle.themes) t.codeIds = t.codeIds.filter((id) => codes.has(id));
  return bundle;
}
