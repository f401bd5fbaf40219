/**
 * ELAN Annotation Format (.eaf, format 3.0). Pure: no DOM, no Node.
 *
 * Export (exportEaf): one tier per coder × activity system × CHAT element / code group, named
 * "<coder> - <group>" (ANNOTATOR = coder name), so ELAN's inter-annotator tools can pair
 * "Alice - Researchers - Tools" with "Bob - Researchers - Tools". An element's group is
 * "<system> - <element>" (the value is the code's full path, e.g. "Researchers/Tools"), an element
 * of no system its name ("Shared object"); other codes group by their top-level ancestor (e.g.
 * "Markers"), or "Contradictions" / "Markers" / "Codes" by kind; segments without codes go to an
 * "Uncoded" tier with an empty value. A segment with several codes gives one annotation per code.
 * Annotations that would overlap on a tier spill to "<coder> - <group> (2)", … (ELAN does not
 * allow overlaps on one tier). Point events (markers) are written as zero-length annotations.
 * All tiers use one LINGUISTIC_TYPE bound to a CONTROLLED_VOCABULARY of the whole codebook
 * (CVE_ID = "cve_<code uuid>", value = code path, DESCRIPTION = definition + Triangulate-Meta
 * line) and every annotation carries CVE_REF. TIME_ORDER holds two slots per annotation, in ms.
 *
 * Import (parseEaf → eafToBundle):
 * - TIME_SLOTs without TIME_VALUE get ELAN's proposed times (mpi.eudico TimeProposer): on a
 *   time-alignable child tier (Time_Subdivision, Included_In) the annotations form chains joined by
 *   shared slots; a run of untimed slots in a chain divides the interval between the chain's
 *   nearest timed slots evenly (step = ⌊interval / parts⌋), parent tiers first, so a subdivision of
 *   a subdivision divides its parent's proposed interval. A slot in no such chain (ELAN never
 *   writes one) is interpolated linearly between its timed neighbours in TIME_ORDER;
 * - REF_ANNOTATIONs inherit times from the annotation they refer to (recursively), as ELAN shows
 *   them: Symbolic_Association takes the parent's span; the n children of a Symbolic_Subdivision
 *   parent (in PREVIOUS_ANNOTATION order) take equal shares, child i: b + ⌊i·d/n⌋ … b + ⌊(i+1)·d/n⌋;
 * - an empty ANNOTATION_VALUE with a CVE_REF takes the CV entry's value.
 */
import {
  CHAT_ELEMENTS,
  CHAT_ELEMENT_LABELS,
  CODE_KINDS,
  CONTRADICTION_LEVELS,
  codePath,
  type ActivitySystem,
  type ChatElement,
  type Code,
  type CodeKind,
  type Media,
  type ContradictionLevel,
  type ProjectSnapshot,
  type Segment,
  type Uuid,
} from '../domain';
import { normaliseCodePath } from '../codebook';
import { pushTo } from '../collections';
import { baseName, classifyMediaPath, emptyBundle, type ImportBundle, type MediaRef } from './bundle';
import { InteropError } from './errors';
import { normalizeGuid, randomUuid, stableUuid } from './ids';
import { codeMeta, metaNumber, metaString, splitMeta, withMeta } from './meta';
import { attr, kid, kids, parseXmlSafe, text, XmlWriter, type XmlNode } from './xml';

export interface EafExportOptions {
  mediaId: Uuid;
  /**
   * Linked angle recordings written as further MEDIA_DESCRIPTORs with TIME_ORIGIN = offsetMs
   * (ELAN: media time = annotation time + TIME_ORIGIN; annotation time is the primary's clock).
   */
  angles?: { path: string; offsetMs: number }[];
  /**
   * TIME_ORIGIN to write on the recording itself (default 0): annotation times are written as
   * segment time − origin and each angle's TIME_ORIGIN as offset + origin, the inverse of the import.
   */
  primaryOriginMs?: number;
  /** Document DATE. Default: now. */
  exportedAt?: number;
}

export interface EafAnnotation {
  id: string;
  startMs: number;
  endMs: number;
  value: string;
  cveRef: string | null;
  /** 'ref' = a REF_ANNOTATION that inherited its times from its parent. */
  kind: 'alignable' | 'ref';
}

export interface EafTier {
  id: string;
  annotator: string;
  participant: string;
  linguisticType: string;
  parentRef: string | null;
  annotations: EafAnnotation[];
}

export interface EafCvEntry {
  id: string;
  value: string;
  description: string;
}

export interface ParsedEaf {
  tiers: EafTier[];
  /** MEDIA_URL of every MEDIA_DESCRIPTOR, in order. */
  mediaUrls: string[];
  media: EafMedia[];
  linguisticTypes: { id: string; timeAlignable: boolean; constraint: string | null; cvRef: string | null }[];
  controlledVocabularies: { id: string; entries: EafCvEntry[] }[];
}

export interface EafMedia {
  url: string;
  relativeUrl: string | null;
  mimeType: string | null;
  /** TIME_ORIGIN: the media time (ms) at annotation time 0; null when absent (0). */
  timeOrigin: number | null;
  /** EXTRACTED_FROM: this file is the sound of another descriptor's video. */
  extractedFrom: string | null;
}

export interface EafToBundleOptions {
  /** The tiers whose annotations become segments. */
  tierIds: string[];
  /** The coder the segments belong to. */
  coderName: string;
  /** When given, an existing coder: segments use this id and no coder is added to the bundle. */
  coderId?: Uuid;
  /** The target project's codebook; values are matched against it. */
  codes: Code[];
  /** Explicit choices from the mapping UI: annotation value → code id, or 'skip'. */
  valueMap?: Record<string, Uuid | 'skip'>;
  /** Unknown values: create them as new codes (default), or skip their annotations. */
  unknown?: 'create' | 'skip';
  /** An existing media to attach the segments to; otherwise a MediaRef from the EAF header. */
  mediaId?: Uuid;
  /** Also create codes for every CV entry of the chosen tiers' vocabularies, used or not (fresh projects). */
  importVocabulary?: boolean;
  /** Merge annotations of the chosen tiers that have exactly the same span into one segment (default true). */
  mergeSameSpan?: boolean;
  newId?: () => Uuid;
  now?: number;
}

const CV_ID = 'Triangulate codebook';
const LT_ID = 'triangulate-code';
const MIME: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo', mpg: 'video/mpeg', mpeg: 'video/mpeg',
  wav: 'audio/x-wav', mp3: 'audio/mpeg', m4a: 'audio/mp4', ogg: 'audio/ogg',
};

function mediaDescriptor(p: string): Record<string, string> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(p)?.[1]?.toLowerCase() ?? '';
  return { MEDIA_URL: fileUrl(p), MIME_TYPE: MIME[ext] ?? 'unknown', RELATIVE_MEDIA_URL: `./${encodeURI(baseName(p.replace(/\\/g, '/')))}` };
}

function fileUrl(p: string): string {
  let s = p.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(s)) s = `/${s}`;
  return `file://${encodeURI(s).replace(/#/g, '%23').replace(/\?/g, '%3F')}`;
}

/**
 * The tier group a code's annotations go to: "<system> - <element>" for an element of an activity
 * system, the code's own name for an element of no system (e.g. "Shared object").
 */
export function eafGroupOf(code: Code, byId: ReadonlyMap<Uuid, Code>, systems: ReadonlyMap<Uuid, { name: string }> = new Map()): string {
  if (code.kind === 'element' && code.element) {
    const system = code.systemId ? systems.get(code.systemId) : undefined;
    return system ? `${system.name} - ${CHAT_ELEMENT_LABELS[code.element]}` : code.name;
  }
  let root = code;
  const seen = new Set<Uuid>();
  while (root.parentId && byId.has(root.parentId) && !seen.has(root.id)) {
    seen.add(root.id);
    root = byId.get(root.parentId)!;
  }
  if (root !== code) return root.name;
  if (code.kind === 'contradiction') return 'Contradictions';
  if (code.kind === 'marker') return 'Markers';
  if (code.kind === 'group') return code.name;
  return 'Codes';
}

type ExportAnn = { start: number; end: number; value: string; cve: string | null };
type ExportTier = { coder: string; group: string; anns: ExportAnn[] };
type SlotTable = { slots: { id: string; value: number }[]; annSlots: { tier: string; ann: ExportAnn; s1: number; s2: number }[]; order: number[] };
type CodeMaps = { byId: Map<Uuid, Code>; systems: Map<Uuid, ActivitySystem> };

/** One coder's annotations by tier group: one per code of each segment (by start, end), or one "Uncoded". */
function coderGroups(segs: Segment[], maps: CodeMaps): Map<string, ExportAnn[]> {
  const groups = new Map<string, ExportAnn[]>();
  for (const s of [...segs].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)) {
    const codes = s.codeIds.map((id) => maps.byId.get(id)).filter((c): c is Code => !!c);
    const items = codes.length ? codes.map((c) => ({ group: eafGroupOf(c, maps.byId, maps.systems), value: codePath(c, maps.byId), cve: `cve_${c.id}` })) : [{ group: 'Uncoded', value: '', cve: null }];
    for (const it of items) {
      const list = groups.get(it.group) ?? [];
      list.push({ start: Math.round(s.startMs), end: Math.round(Math.max(s.startMs, s.endMs)), value: it.value, cve: it.cve });
      groups.set(it.group, list);
    }
  }
  return groups;
}

/** First-fit into lanes without overlap (touching is fine; equal zero-length points overlap). */
function lanesOf(anns: ExportAnn[]): ExportAnn[][] {
  const lanes: ExportAnn[][] = [];
  for (const a of anns) {
    const lane = lanes.find((l) => {
      const last = l[l.length - 1];
      return last.end <= a.start && !(last.start === a.start && last.end === a.end);
    });
    if (lane) lane.push(a);
    else lanes.push([a]);
  }
  return lanes;
}

/** Tier id → tier, in the order tiers are first met: per coder and group, one per lane ("… (2)" for spill-over). */
function exportTiers(snapshot: ProjectSnapshot, mediaId: Uuid, maps: CodeMaps): Map<string, ExportTier> {
  const tiers = new Map<string, ExportTier>();
  const segs = snapshot.segments.filter((s) => s.mediaId === mediaId);
  for (const coder of snapshot.coders) {
    for (const [group, anns] of coderGroups(segs.filter((s) => s.coderId === coder.id), maps)) {
      lanesOf(anns).forEach((lane, i) => {
        let id = `${coder.name} - ${group}${i ? ` (${i + 1})` : ''}`;
        while (tiers.has(id)) id += '′';
        tiers.set(id, { coder: coder.name, group, anns: lane });
      });
    }
  }
  return tiers;
}

/** Time slots: two per annotation, ids ts1… ordered by value (stable). */
function slotTable(tiers: Map<string, ExportTier>): SlotTable {
  const slots: SlotTable['slots'] = [];
  const annSlots: SlotTable['annSlots'] = [];
  for (const [tierId, t] of tiers) {
    for (const a of t.anns) {
      slots.push({ id: '', value: a.start });
      slots.push({ id: '', value: a.end });
      annSlots.push({ tier: tierId, ann: a, s1: slots.length - 2, s2: slots.length - 1 });
    }
  }
  const order = slots.map((_, i) => i).sort((a, b) => slots[a].value - slots[b].value || a - b);
  order.forEach((idx, rank) => (slots[idx].id = `ts${rank + 1}`));
  return { slots, annSlots, order };
}

/** Annotation time = segment (media) time − the primary's TIME_ORIGIN; refused when that would go below 0. */
function shiftSlots(table: SlotTable, originMs: number): void {
  if (!originMs) return;
  const first = Math.min(...table.slots.map((s) => s.value));
  if (first < originMs) throw new InteropError(`A time origin ${originMs} ms is later than the first segment (${first} ms): choose an origin at or before it.`);
  for (const s of table.slots) s.value -= originMs;
}

/** HEADER: the recording, its linked angles (TIME_ORIGIN = offset, omitted when 0), URN and last annotation id. */
function writeHeader(w: XmlWriter, snapshot: ProjectSnapshot, media: Media, opts: EafExportOptions, annCount: number): void {
  w.open('HEADER', { MEDIA_FILE: '', TIME_UNITS: 'milliseconds' });
  const origin = opts.primaryOriginMs ?? 0;
  const originAttr = (ms: number) => (ms !== 0 ? Math.round(ms) : undefined);
  w.empty('MEDIA_DESCRIPTOR', { ...mediaDescriptor(media.path), TIME_ORIGIN: originAttr(origin) });
  for (const a of opts.angles ?? []) w.empty('MEDIA_DESCRIPTOR', { ...mediaDescriptor(a.path), TIME_ORIGIN: originAttr(a.offsetMs + origin) });
  w.textEl('PROPERTY', `urn:nl-mpi-tools-elan-eaf:${stableUuid('eaf', snapshot.projectId, media.id)}`, { NAME: 'URN' });
  w.textEl('PROPERTY', String(annCount), { NAME: 'lastUsedAnnotationId' });
  w.close();
}

/** TIME_ORDER, then the TIERs with their ALIGNABLE_ANNOTATIONs (a1, a2, … in tier order). */
function writeTiers(w: XmlWriter, tiers: Map<string, ExportTier>, table: SlotTable): void {
  const { slots, annSlots, order } = table;
  w.open('TIME_ORDER');
  for (const idx of order) w.empty('TIME_SLOT', { TIME_SLOT_ID: slots[idx].id, TIME_VALUE: slots[idx].value });
  w.close();
  let annNo = 0;
  for (const [tierId, t] of tiers) {
    w.open('TIER', { ANNOTATOR: t.coder, LINGUISTIC_TYPE_REF: LT_ID, TIER_ID: tierId });
    for (const a of annSlots.filter((x) => x.tier === tierId)) {
      annNo++;
      w.open('ANNOTATION');
      w.open('ALIGNABLE_ANNOTATION', { ANNOTATION_ID: `a${annNo}`, TIME_SLOT_REF1: slots[a.s1].id, TIME_SLOT_REF2: slots[a.s2].id, CVE_REF: a.ann.cve ?? undefined });
      w.textEl('ANNOTATION_VALUE', a.ann.value);
      w.close().close();
    }
    w.close();
  }
}

/** The one LINGUISTIC_TYPE, the language, ELAN's four standard CONSTRAINTs. */
function writeTypes(w: XmlWriter): void {
  w.empty('LINGUISTIC_TYPE', { CONTROLLED_VOCABULARY_REF: CV_ID, GRAPHIC_REFERENCES: 'false', LINGUISTIC_TYPE_ID: LT_ID, TIME_ALIGNABLE: 'true' });
  w.empty('LANGUAGE', { LANG_DEF: 'http://cdb.iso.org/lg/CDB-00130975-001', LANG_ID: 'und', LANG_LABEL: 'undetermined (und)' });
  w.empty('CONSTRAINT', { DESCRIPTION: "Time subdivision of parent annotation's time interval, no time gaps allowed within this interval", STEREOTYPE: 'Time_Subdivision' });
  w.empty('CONSTRAINT', { DESCRIPTION: 'Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered', STEREOTYPE: 'Symbolic_Subdivision' });
  w.empty('CONSTRAINT', { DESCRIPTION: '1-1 association with a parent annotation', STEREOTYPE: 'Symbolic_Association' });
  w.empty('CONSTRAINT', { DESCRIPTION: "Time alignable annotations within the parent annotation's time interval, gaps are allowed", STEREOTYPE: 'Included_In' });
}

/** The CONTROLLED_VOCABULARY of the whole codebook: CVE_ID cve_<uuid>, value = path, DESCRIPTION = definition + meta. */
function writeVocabulary(w: XmlWriter, snapshot: ProjectSnapshot, maps: CodeMaps): void {
  w.open('CONTROLLED_VOCABULARY', { CV_ID });
  w.textEl('DESCRIPTION', `Codebook of the Triangulate project "${snapshot.name}"`, { LANG_REF: 'und' });
  for (const c of snapshot.codes) {
    const meta = { ...codeMeta(c, maps.systems), color: c.color };
    w.open('CV_ENTRY_ML', { CVE_ID: `cve_${c.id}` });
    w.textEl('CVE_VALUE', codePath(c, maps.byId), { DESCRIPTION: withMeta(c.definition, null, meta), LANG_REF: 'und' });
    w.close();
  }
  w.close();
}

export function exportEaf(snapshot: ProjectSnapshot, opts: EafExportOptions): string {
  const media = snapshot.media.find((m) => m.id === opts.mediaId);
  if (!media) throw new InteropError(`There is no media with id ${opts.mediaId} in this project.`);
  const maps: CodeMaps = { byId: new Map(snapshot.codes.map((c) => [c.id, c])), systems: new Map(snapshot.systems.map((s) => [s.id, s])) };
  const tiers = exportTiers(snapshot, media.id, maps);
  const table = slotTable(tiers);
  shiftSlots(table, opts.primaryOriginMs ?? 0);
  const w = new XmlWriter();
  const date = new Date(opts.exportedAt ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  w.open('ANNOTATION_DOCUMENT', {
    AUTHOR: 'Triangulate',
    DATE: date,
    FORMAT: '3.0',
    VERSION: '3.0',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:noNamespaceSchemaLocation': 'http://www.mpi.nl/tools/elan/EAFv3.0.xsd',
  });
  writeHeader(w, snapshot, media, opts, table.annSlots.length);
  writeTiers(w, tiers, table);
  writeTypes(w);
  writeVocabulary(w, snapshot, maps);
  w.close();
  return w.toString();
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** One annotation as read, before it has times. */
interface RawAnnotation {
  tier: number;
  id: string;
  value: string;
  cveRef: string | null;
  s1?: string;
  s2?: string;
  ref?: string;
  prev?: string;
}

/** Chains of one tier's annotations, joined where one ends on the slot the next begins on: their slots in order. */
function chainsOf(anns: { s1: string; s2: string }[]): string[][] {
  const byStart = new Map<string, { s1: string; s2: string }>();
  for (const a of anns) if (!byStart.has(a.s1)) byStart.set(a.s1, a);
  const ends = new Set(anns.map((a) => a.s2));
  const seen = new Set<{ s1: string; s2: string }>();
  const chains: string[][] = [];
  for (const first of anns) {
    if (ends.has(first.s1) || seen.has(first)) continue;
    const slots = [first.s1];
    for (let a = byStart.get(first.s1); a && !seen.has(a); a = byStart.get(a.s2)) {
      seen.add(a);
      slots.push(a.s2);
    }
    chains.push(slots);
  }
  return chains;
}

/** The slot chains of every time-alignable child tier (Time_Subdivision, Included_In), parent tiers' first. */
function childTierChains(tiers: EafTier[], raws: RawAnnotation[]): string[][] {
  const byId = new Map(tiers.map((t, i) => [t.id, i]));
  const depth = (ti: number): number => {
    let d = 0;
    for (let t = tiers[ti]; t.parentRef !== null && byId.has(t.parentRef) && d <= tiers.length; t = tiers[byId.get(t.parentRef)!]) d++;
    return d;
  };
  const order = tiers.map((_, i) => i).filter((i) => tiers[i].parentRef !== null).sort((a, b) => depth(a) - depth(b));
  return order.flatMap((ti) => chainsOf(raws.filter((r): r is RawAnnotation & { s1: string; s2: string } => r.tier === ti && r.s1 !== undefined && r.s2 !== undefined)));
}

/** ELAN's TimeProposer: each run of untimed slots in a chain divides the interval between its timed neighbours evenly. */
function proposeChainTimes(chain: string[], times: Map<string, number>): void {
  let last = -1;
  chain.forEach((id, j) => {
    const t = times.get(id);
    if (t === undefined) return;
    if (last >= 0 && j - last > 1) {
      const begin = times.get(chain[last])!;
      const step = Math.trunc((t - begin) / (j - last));
      for (let k = 1; k < j - last; k++) if (!times.has(chain[last + k])) times.set(chain[last + k], begin + k * step);
    }
    last = j;
  });
}

/**
 * Every TIME_SLOT's time: its TIME_VALUE; else ELAN's proposed time within its annotation chain
 * (child tiers, parents first, so nested subdivisions divide their parent's proposed interval);
 * else (a slot in no such chain) linear between the nearest timed slots in TIME_ORDER.
 */
function slotTimes(slotNodes: XmlNode[], chains: string[][]): Map<string, number> {
  const ids = slotNodes.map((s) => {
    const id = attr(s, 'TIME_SLOT_ID');
    if (!id) throw new InteropError('A TIME_SLOT has no TIME_SLOT_ID.');
    return id;
  });
  const times = new Map<string, number>();
  slotNodes.forEach((s, i) => {
    const v = attr(s, 'TIME_VALUE');
    if (v === undefined || v.trim() === '') return;
    if (!/^\s*\d+\s*$/.test(v)) throw new InteropError(`TIME_SLOT ${ids[i]} has an invalid TIME_VALUE "${v}".`);
    times.set(ids[i], parseInt(v, 10));
  });
  for (const chain of chains) proposeChainTimes(chain, times);
  const known = ids.map((id) => times.get(id) ?? null);
  ids.forEach((id, i) => {
    if (known[i] !== null) return;
    let p = i - 1;
    while (p >= 0 && known[p] === null) p--;
    let n = i + 1;
    while (n < known.length && known[n] === null) n++;
    const pv = p >= 0 ? known[p] : null;
    const nv = n < known.length ? known[n] : null;
    times.set(id, pv !== null && nv !== null ? Math.round(pv + ((nv - pv) * (i - p)) / (n - p)) : pv ?? nv ?? 0);
  });
  return times;
}

/** Position and count of each Symbolic_Subdivision child among its parent's children, in PREVIOUS_ANNOTATION order. */
function symbolicPositions(refs: RawAnnotation[]): Map<string, [number, number]> {
  const groups = new Map<string, RawAnnotation[]>();
  for (const r of refs) pushTo(groups, `${r.tier}\u0000${r.ref}`, r);
  const out = new Map<string, [number, number]>();
  for (const group of groups.values()) {
    const ids = new Set(group.map((r) => r.id));
    const next = new Map(group.filter((r) => r.prev !== undefined).map((r) => [r.prev!, r]));
    const ordered: RawAnnotation[] = [];
    for (let r = group.find((x) => x.prev === undefined || !ids.has(x.prev)); r && !ordered.includes(r); r = next.get(r.id)) ordered.push(r);
    for (const r of group) if (!ordered.includes(r)) ordered.push(r);
    ordered.forEach((r, i) => out.set(r.id, [i, ordered.length]));
  }
  return out;
}

/**
 * Times of every annotation: an alignable one from its slots; a REF_ANNOTATION from its parent's
 * (recursively): the whole span (Symbolic_Association), or, on a Symbolic_Subdivision tier, its
 * share of it as ELAN shows it: child i of n spans b + ⌊i·d/n⌋ … b + ⌊(i+1)·d/n⌋.
 */
function annotationSpans(raws: RawAnnotation[], slotTime: Map<string, number>, constraintOf: (tier: number) => string | null): (r: RawAnnotation) => [number, number] {
  const byAnnId = new Map(raws.map((r) => [r.id, r]));
  const position = symbolicPositions(raws.filter((r) => r.ref !== undefined && constraintOf(r.tier) === 'Symbolic_Subdivision'));
  const spans = new Map<string, [number, number]>();
  const spanOf = (r: RawAnnotation, depth: number): [number, number] => {
    const known = spans.get(r.id);
    if (known) return known;
    if (depth > 64) throw new InteropError(`Annotation ${r.id} has a REF_ANNOTATION chain that is too deep or circular.`);
    let span: [number, number];
    if (r.ref !== undefined) {
      const parent = byAnnId.get(r.ref);
      if (!parent) throw new InteropError(`REF_ANNOTATION ${r.id} refers to a missing annotation "${r.ref}".`);
      const [b, e] = spanOf(parent, depth + 1);
      const pos = position.get(r.id);
      span = pos ? [b + Math.floor(pos[0] * ((e - b) / pos[1])), pos[0] === pos[1] - 1 ? e : b + Math.floor((pos[0] + 1) * ((e - b) / pos[1]))] : [b, e];
    } else {
      const a = r.s1 !== undefined ? slotTime.get(r.s1) : undefined;
      const b = r.s2 !== undefined ? slotTime.get(r.s2) : undefined;
      if (a === undefined || b === undefined) throw new InteropError(`Annotation ${r.id} refers to a missing TIME_SLOT.`);
      span = [Math.min(a, b), Math.max(a, b)];
    }
    spans.set(r.id, span);
    return span;
  };
  return (r) => spanOf(r, 0);
}

function readVocabularies(root: XmlNode): ParsedEaf['controlledVocabularies'] {
  return kids(root, 'CONTROLLED_VOCABULARY').map((cv) => {
    const entries: EafCvEntry[] = [];
    for (const e of kids(cv, 'CV_ENTRY_ML')) {
      const vals = kids(e, 'CVE_VALUE');
      const v = vals[0];
      entries.push({ id: attr(e, 'CVE_ID') ?? '', value: text(v), description: attr(v, 'DESCRIPTION') ?? '' });
    }
    for (const e of kids(cv, 'CV_ENTRY')) entries.push({ id: attr(e, 'CVE_ID') ?? text(e), value: text(e), description: attr(e, 'DESCRIPTION') ?? '' });
    return { id: attr(cv, 'CV_ID') ?? '', entries };
  });
}

function readLinguisticTypes(root: XmlNode): ParsedEaf['linguisticTypes'] {
  return kids(root, 'LINGUISTIC_TYPE').map((lt) => ({
    id: attr(lt, 'LINGUISTIC_TYPE_ID') ?? '',
    timeAlignable: attr(lt, 'TIME_ALIGNABLE') !== 'false',
    constraint: attr(lt, 'CONSTRAINTS') ?? null,
    cvRef: attr(lt, 'CONTROLLED_VOCABULARY_REF') ?? null,
  }));
}

/** One ANNOTATION of tier ti, before it has times (null: neither alignable nor ref); an empty value with a CVE_REF takes the entry's value. */
function readAnnotation(a: XmlNode, ti: number, tierId: string, cveValue: ReadonlyMap<string, string>): RawAnnotation | null {
  const al = kid(a, 'ALIGNABLE_ANNOTATION');
  const rf = kid(a, 'REF_ANNOTATION');
  const n = al ?? rf;
  if (!n) return null;
  const aid = attr(n, 'ANNOTATION_ID');
  if (!aid) throw new InteropError(`An annotation on tier "${tierId}" has no ANNOTATION_ID.`);
  const cveRef = attr(n, 'CVE_REF') ?? null;
  let value = kid(n, 'ANNOTATION_VALUE') ? text(kid(n, 'ANNOTATION_VALUE')) : '';
  if (!value && cveRef && cveValue.has(cveRef)) value = cveValue.get(cveRef)!;
  if (al) return { tier: ti, id: aid, value, cveRef, s1: attr(al, 'TIME_SLOT_REF1'), s2: attr(al, 'TIME_SLOT_REF2') };
  return { tier: ti, id: aid, value, cveRef, ref: attr(rf, 'ANNOTATION_REF'), prev: attr(rf, 'PREVIOUS_ANNOTATION') };
}

/** The TIERs (annotations still empty) and every annotation as read, in document order. */
function readTiers(root: XmlNode, cveValue: ReadonlyMap<string, string>): { tiers: EafTier[]; raws: RawAnnotation[] } {
  const raws: RawAnnotation[] = [];
  const tiers: EafTier[] = kids(root, 'TIER').map((t, ti) => {
    const id = attr(t, 'TIER_ID');
    if (!id) throw new InteropError('A TIER has no TIER_ID.');
    for (const a of kids(t, 'ANNOTATION')) {
      const raw = readAnnotation(a, ti, id, cveValue);
      if (raw) raws.push(raw);
    }
    return {
      id,
      annotator: attr(t, 'ANNOTATOR') ?? '',
      participant: attr(t, 'PARTICIPANT') ?? '',
      linguisticType: attr(t, 'LINGUISTIC_TYPE_REF') ?? '',
      parentRef: attr(t, 'PARENT_REF') ?? null,
      annotations: [],
    };
  });
  return { tiers, raws };
}

function readMedia(header: XmlNode | undefined): EafMedia[] {
  return kids(header, 'MEDIA_DESCRIPTOR').map((m): EafMedia => {
    const origin = Number(attr(m, 'TIME_ORIGIN') ?? NaN);
    return {
      url: attr(m, 'MEDIA_URL') ?? '', relativeUrl: attr(m, 'RELATIVE_MEDIA_URL') ?? null, mimeType: attr(m, 'MIME_TYPE') ?? null,
      timeOrigin: Number.isSafeInteger(origin) ? origin : null, extractedFrom: attr(m, 'EXTRACTED_FROM') ?? null,
    };
  });
}

/** Fills each tier's annotations with their times (slots, ELAN's proposed times, inherited spans), sorted by time. */
function placeAnnotations(tiers: EafTier[], raws: RawAnnotation[], slotNodes: XmlNode[], linguisticTypes: ParsedEaf['linguisticTypes']): void {
  const constraintOf = (ti: number): string | null => linguisticTypes.find((lt) => lt.id === tiers[ti].linguisticType)?.constraint ?? null;
  const spanOf = annotationSpans(raws, slotTimes(slotNodes, childTierChains(tiers, raws)), constraintOf);
  for (const r of raws) {
    const [startMs, endMs] = spanOf(r);
    tiers[r.tier].annotations.push({ id: r.id, startMs, endMs, value: r.value, cveRef: r.cveRef, kind: r.ref !== undefined ? 'ref' : 'alignable' });
  }
  for (const t of tiers) t.annotations.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

export function parseEaf(xml: string): ParsedEaf {
  const doc = parseXmlSafe(xml, 'The ELAN file');
  const root = kid(doc, 'ANNOTATION_DOCUMENT');
  if (!root) throw new InteropError('The file is not an ELAN .eaf document (no ANNOTATION_DOCUMENT root).');
  const header = kid(root, 'HEADER');
  const units = attr(header, 'TIME_UNITS') ?? 'milliseconds';
  if (units !== 'milliseconds') throw new InteropError(`The ELAN file uses time units "${units}"; only milliseconds are supported.`);
  const controlledVocabularies = readVocabularies(root);
  const cveValue = new Map<string, string>();
  for (const cv of controlledVocabularies) for (const e of cv.entries) if (e.id) cveValue.set(e.id, e.value);
  const linguisticTypes = readLinguisticTypes(root);
  const { tiers, raws } = readTiers(root, cveValue);
  placeAnnotations(tiers, raws, kids(kid(root, 'TIME_ORDER'), 'TIME_SLOT'), linguisticTypes);
  const media = readMedia(header);
  return { tiers, mediaUrls: media.map((m) => m.url), media, linguisticTypes, controlledVocabularies };
}

/** A tier with time-aligned annotations (not a symbolic tier, whose times ELAN derives from the parent). */
export function isTimeAlignedTier(t: EafTier): boolean {
  return t.annotations.some((a) => a.kind === 'alignable');
}

// ---------------------------------------------------------------------------------------------
// To bundle

/** One line saying which of several MEDIA_DESCRIPTORs the segments were attached to. */
function mediaChoiceNote(media: EafMedia[], used: EafMedia | undefined): string {
  const name = (m: EafMedia | undefined): string => baseName(m?.url || m?.relativeUrl || '?');
  const why = used?.mimeType?.startsWith('video/') ? 'the first video' : 'the first one';
  return `The file names ${media.length} media (${media.map(name).join(', ')}); the segments go to ${name(used)} (${why})`;
}

/**
 * The descriptor the annotations belong to: the first video, else the first one, among those
 * with no TIME_ORIGIN (or 0) that are not extracted from another; else the first video or file.
 */
function primaryDescriptor(media: EafMedia[]): EafMedia | undefined {
  const firstVideo = (list: EafMedia[]) => list.find((m) => m.mimeType?.startsWith('video/')) ?? list[0];
  return firstVideo(media.filter((m) => !m.timeOrigin && !m.extractedFrom)) ?? firstVideo(media);
}

function mediaRefOf(desc: EafMedia | undefined, id: Uuid, now: number): MediaRef {
  const raw = desc?.url || desc?.relativeUrl || null;
  return {
    id,
    name: raw ? baseName(raw) : 'ELAN media',
    originalPath: raw,
    ...classifyMediaPath(raw),
    fingerprint: null,
    size: null,
    durationMs: null,
    frameRate: null,
    mimeType: desc?.mimeType && desc.mimeType !== 'unknown' ? desc.mimeType : null,
    createdAt: now,
    updatedAt: now,
  };
}

const stem = (m: EafMedia) => baseName(m.url || m.relativeUrl || '').replace(/\.[^.]*$/, '').toLowerCase();

/**
 * The other descriptors become angles linked to the primary, offset = their TIME_ORIGIN − the
 * primary's (angle time = primary time + offset). Not an angle: a file EXTRACTED_FROM another,
 * or one with the primary's name and another extension (its sound, e.g. session.wav).
 */
function linkAngles(bundle: ImportBundle, media: EafMedia[], primary: EafMedia, primaryId: Uuid, newId: () => Uuid, now: number): void {
  const seen = new Set([primary.url]);
  for (const m of media) {
    if (seen.has(m.url) || m.extractedFrom || stem(m) === stem(primary)) continue;
    seen.add(m.url);
    const ref = mediaRefOf(m, newId(), now);
    bundle.media.push(ref);
    (bundle.mediaLinks ??= []).push({ primaryId, angleId: ref.id, offsetMs: (m.timeOrigin ?? 0) - (primary.timeOrigin ?? 0) });
  }
  if (bundle.mediaLinks?.length) bundle.warnings.push(`Linked as angles of ${baseName(primary.url || primary.relativeUrl || '?')}: ${bundle.mediaLinks.map((l) => `${bundle.media.find((r) => r.id === l.angleId)?.name} (offset ${l.offsetMs} ms)`).join(', ')}`);
}

type CodeKindFields = Pick<Code, 'kind' | 'element' | 'contradictionLevel'>;

/** Kind, element and contradiction level from a CV entry's Triangulate metadata; 'custom' when absent or inconsistent. */
function kindFromMeta(meta: ReturnType<typeof splitMeta>['meta'], ours: boolean): CodeKindFields {
  let kind: CodeKind = ours && CODE_KINDS.includes(meta!.kind as CodeKind) ? (meta!.kind as CodeKind) : 'custom';
  const element = ours && CHAT_ELEMENTS.includes(meta!.element as ChatElement) ? (meta!.element as ChatElement) : null;
  const level = ours && CONTRADICTION_LEVELS.includes(meta!.contradictionLevel as ContradictionLevel) ? (meta!.contradictionLevel as ContradictionLevel) : null;
  if ((kind === 'element' && !element) || (kind === 'contradiction' && !level)) kind = 'custom';
  return { kind, element, contradictionLevel: level };
}

/**
 * The codebook an import matches annotation values against: the target project's codes plus the
 * ones it creates (into the bundle, with their activity systems), looked up by path, CVE id and name.
 */
class EafCodebook {
  private readonly byId: Map<Uuid, Code>;
  private readonly byPath = new Map<string, Code>();
  private readonly byName = new Map<string, Code[]>();
  private readonly cvEntries = new Map<string, EafCvEntry>();
  private readonly cvByValue = new Map<string, EafCvEntry>();
  private readonly systemsSeen = new Set<Uuid>();

  constructor(private readonly parsed: ParsedEaf, private readonly opts: EafToBundleOptions, private readonly bundle: ImportBundle, private readonly newId: () => Uuid, private readonly now: number) {
    this.byId = new Map(opts.codes.map((c) => [c.id, c]));
    opts.codes.forEach((c) => this.index(c));
    for (const cv of parsed.controlledVocabularies) for (const e of cv.entries) this.cvEntries.set(e.id, e);
    for (const cv of parsed.controlledVocabularies) for (const e of cv.entries) if (!this.cvByValue.has(normaliseCodePath(e.value))) this.cvByValue.set(normaliseCodePath(e.value), e);
  }

  private index(c: Code): void {
    this.byId.set(c.id, c);
    this.byPath.set(normaliseCodePath(codePath(c, this.byId)), c);
    pushTo(this.byName, c.name.trim().toLowerCase(), c);
  }

  /** The code a value goes to: the mapping UI's choice, else by path, by CVE id (our own export), by unique name; null = unknown. */
  match(value: string, cveRef: string | null): Uuid | null | 'skip' {
    const mapped = this.opts.valueMap?.[value];
    if (mapped) return mapped === 'skip' ? 'skip' : mapped;
    const p = this.byPath.get(normaliseCodePath(value));
    if (p) return p.id;
    const fromCve = cveRef?.startsWith('cve_') ? normalizeGuid(cveRef.slice(4)) : null;
    if (fromCve && this.byId.has(fromCve) && this.opts.codes.some((c) => c.id === fromCve)) return fromCve;
    const named = this.byName.get(value.trim().toLowerCase());
    if (named && named.length === 1) return named[0].id;
    return null;
  }

  /** A value is a code path ("Researchers/Tools") when its CV entry carries Triangulate metadata; otherwise one name, "/" and all. */
  private isOurPath(value: string, cveRef: string | null): boolean {
    const entry = (cveRef ? this.cvEntries.get(cveRef) : undefined) ?? this.cvByValue.get(normaliseCodePath(value));
    return metaString(splitMeta(entry?.description ?? '').meta, 'type') === 'code';
  }

  /** Creates the code for a value: a path with its missing ancestors (restoring Triangulate metadata from the CV), or one plain name. */
  create(value: string, cveRef: string | null): Uuid {
    const parts = this.isOurPath(value, cveRef) ? value.split('/').map((p) => p.trim()).filter(Boolean) : [value.trim()];
    let parentId: Uuid | null = null;
    let prefix = '';
    let id: Uuid = '';
    parts.forEach((name, i) => {
      prefix = prefix ? `${prefix}/${name}` : name;
      const existing = this.byPath.get(normaliseCodePath(prefix));
      id = existing ? existing.id : this.createCode(name, parentId, this.entryFor(prefix, i === parts.length - 1 ? cveRef : null));
      parentId = id;
    });
    return id;
  }

  /** The CV entry of a path prefix: the annotation's own (cveRef, for the last part), else the one with that value. */
  private entryFor(prefix: string, cveRef: string | null): EafCvEntry | undefined {
    return cveRef ? this.cvEntries.get(cveRef) ?? this.cvByValue.get(normaliseCodePath(prefix)) : this.cvByValue.get(normaliseCodePath(prefix));
  }

  /** One new code under parentId, from its CV entry (definition, metadata, the id in its CVE_ID when free). */
  private createCode(name: string, parentId: Uuid | null, entry: EafCvEntry | undefined): Uuid {
    const { text: definition, meta } = splitMeta(entry?.description ?? '');
    const ours = metaString(meta, 'type') === 'code';
    const systemId = ours ? normalizeGuid(metaString(meta, 'systemId')) : null;
    if (systemId) this.addSystem(systemId, metaString(meta, 'systemName'));
    const fromCve = entry?.id.startsWith('cve_') ? normalizeGuid(entry.id.slice(4)) : null;
    const { kind, element, contradictionLevel } = kindFromMeta(meta, ours);
    const code: Code = {
      id: fromCve && !this.byId.has(fromCve) ? fromCve : this.newId(),
      name,
      kind,
      element,
      systemId,
      contradictionLevel,
      parentId,
      color: metaString(meta, 'color') ?? '#888888',
      hotkey: ours ? metaString(meta, 'hotkey') : null,
      definition,
      sortOrder: metaNumber(meta, 'sortOrder') ?? this.bundle.codes.length,
      createdAt: this.now,
      updatedAt: this.now,
    };
    this.bundle.codes.push(code);
    this.index(code);
    return code.id;
  }

  private addSystem(id: Uuid, name: string | null): void {
    if (this.systemsSeen.has(id)) return;
    this.systemsSeen.add(id);
    this.bundle.systems.push({ id, name: name ?? 'Activity system', sortOrder: this.bundle.systems.length, createdAt: this.now, updatedAt: this.now });
  }

  /** Codes for every entry of the chosen tiers' vocabularies that matches no code (fresh projects). */
  importVocabulary(chosen: EafTier[]): void {
    const cvIds = new Set(chosen.map((t) => this.parsed.linguisticTypes.find((lt) => lt.id === t.linguisticType)?.cvRef).filter((x): x is string => !!x));
    for (const cv of this.parsed.controlledVocabularies) {
      if (!cvIds.has(cv.id)) continue;
      for (const e of cv.entries) if (e.value.trim() && this.match(e.value, e.id) === null) this.create(e.value, e.id);
    }
  }
}

type SpanItem = { startMs: number; endMs: number; codeId: Uuid | null };

/** Each annotation of the chosen tiers as a span with its code (null: empty value); unknown values are created or skipped and listed. */
function codedSpans(chosen: EafTier[], book: EafCodebook, unknown: EafToBundleOptions['unknown'], unknownValues: string[]): SpanItem[] {
  const items: SpanItem[] = [];
  for (const t of chosen) {
    for (const a of t.annotations) {
      if (a.value.trim() === '') {
        items.push({ startMs: a.startMs, endMs: a.endMs, codeId: null });
        continue;
      }
      let m = book.match(a.value, a.cveRef);
      if (m === 'skip') continue;
      if (m === null) {
        if (!unknownValues.includes(a.value)) unknownValues.push(a.value);
        if (unknown === 'skip') continue;
        m = book.create(a.value, a.cveRef);
      }
      items.push({ startMs: a.startMs, endMs: a.endMs, codeId: m });
    }
  }
  return items;
}

/**
 * The recording the segments go to: opts.mediaId, or a MediaRef of the header's primary descriptor
 * (with notes on the choice and the relative path) and its other descriptors linked as angles.
 */
function attachMedia(bundle: ImportBundle, media: EafMedia[], mediaId: Uuid | undefined, newId: () => Uuid, now: number): Uuid {
  const primary = primaryDescriptor(media);
  if (mediaId) return mediaId; // (onto a recording chosen in the project, the file's angles are not brought in)
  if (media.length > 1) bundle.warnings.push(mediaChoiceNote(media, primary));
  const ref = mediaRefOf(primary, newId(), now);
  bundle.media.push(ref);
  if (primary?.relativeUrl && ref.location === 'absolute') bundle.warnings.push(`The media may also be next to the .eaf file: ${primary.relativeUrl}`);
  if (primary) linkAngles(bundle, media, primary, ref.id, newId, now);
  return ref.id;
}

/**
 * ELAN's TIME_ORIGIN is a medium's offset: an annotation at t on the timeline is at media time
 * t + TIME_ORIGIN of that medium (ELAN's players seek to annotation time + offset, and the EAF
 * stores that offset as the descriptor's TIME_ORIGIN; ELAN User Guide §2.5, "Synchronization mode":
 * "By setting an offset for some of the files … the media files will be played in sync").
 * Segments live on the primary recording's own clock, so they are annotation time + its origin.
 */
function shiftToPrimaryClock(items: SpanItem[], primary: EafMedia | undefined, bundle: ImportBundle): void {
  const origin = primary?.timeOrigin ?? 0;
  if (!origin) return;
  for (const it of items) {
    it.startMs += origin;
    it.endMs += origin;
  }
  bundle.warnings.push(`The recording's TIME_ORIGIN is ${origin} ms: annotation times were shifted by ${origin} ms onto its own clock.`);
}

/** Segments in time order; with merge, spans with exactly the same start and end become one segment with all their codes. */
function segmentsBySpan(items: SpanItem[], merge: boolean, base: Pick<Segment, 'mediaId' | 'coderId'>, newId: () => Uuid, now: number): Segment[] {
  const segs = new Map<string, Segment>();
  const list: Segment[] = [];
  for (const it of items.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)) {
    const key = `${it.startMs}:${it.endMs}`;
    const existing = merge ? segs.get(key) : undefined;
    if (existing) {
      if (it.codeId && !existing.codeIds.includes(it.codeId)) existing.codeIds.push(it.codeId);
      continue;
    }
    const s: Segment = { id: newId(), mediaId: base.mediaId, coderId: base.coderId, startMs: it.startMs, endMs: it.endMs, note: '', codeIds: it.codeId ? [it.codeId] : [], createdAt: now, updatedAt: now };
    segs.set(key, s);
    list.push(s);
  }
  return list;
}

/** Turns the chosen tiers of a parsed EAF into segments of one coder. */
export function eafToBundle(parsed: ParsedEaf, opts: EafToBundleOptions): { bundle: ImportBundle; unknownValues: string[] } {
  const now = opts.now ?? Date.now();
  const newId = opts.newId ?? randomUuid;
  const bundle = emptyBundle('eaf');
  const chosen = parsed.tiers.filter((t) => opts.tierIds.includes(t.id));
  const missing = opts.tierIds.filter((id) => !parsed.tiers.some((t) => t.id === id));
  if (missing.length) throw new InteropError(`The ELAN file has no tier ${missing.map((m) => JSON.stringify(m)).join(', ')}.`);
  const book = new EafCodebook(parsed, opts, bundle, newId, now);
  if (opts.importVocabulary) book.importVocabulary(chosen);
  const unknownValues: string[] = [];
  const items = codedSpans(chosen, book, opts.unknown, unknownValues);
  const coderId = opts.coderId ?? newId();
  if (!opts.coderId) bundle.coders.push({ id: coderId, name: opts.coderName, color: '#1f77b4', isConsensus: false, createdAt: now, updatedAt: now });
  const mediaId = attachMedia(bundle, parsed.media, opts.mediaId, newId, now);
  shiftToPrimaryClock(items, primaryDescriptor(parsed.media), bundle);
  bundle.segments = segmentsBySpan(items, opts.mergeSameSpan ?? true, { mediaId, coderId }, newId, now);
  return { bundle, unknownValues };
}
