/**
 * The `contradictions` export: two files.
 *
 * 1. `contradictions.csv`, one row per coded contradiction in scope:
 *    level, element_a, system_a, element_b, system_b, coder, status, evidence, evidence_count,
 *    evidence_segment_ids, note, contradiction_id, coder_id
 *    - level: primary|secondary|tertiary|quaternary; element_*: CHAT element keys
 *      (subject, object, tools, rules, community, division_of_labor, outcome); system_*: activity
 *      system name, empty for the shared object (no system).
 *    - evidence: the in-scope evidence segments as "media @ h:mm:ss–h:mm:ss" (a point event:
 *      "media @ h:mm:ss"), clipped to the time window, sorted by media name then start, joined
 *      with "; "; evidence_count: how many; evidence_segment_ids: their ids joined with ";"
 *      (join with the segments export's segment_id for exact times).
 *    - Rows are ordered by level (primary → quaternary), first evidence (media name, start;
 *      none last), coder name, id.
 * 2. `contradictions-matrix.csv` (suffix `-matrix`): the element × element count matrix.
 *    Header `element` then one column per node; one row per node. A node is
 *    "<system name>:<element key>" ("<element key>" alone when the element has no system, i.e. the
 *    shared object); only nodes that occur in an in-scope contradiction appear, ordered by system
 *    sortOrder, then CHAT element order, system-less nodes last. The matrix is symmetric: a
 *    contradiction between A and B adds 1 to [A][B] and to [B][A]; one whose ends are the same
 *    node (a primary contradiction) adds 1 to the diagonal.
 *
 * Scope: a contradiction is in scope when its coder is in the coder scope; when a media or time
 * filter is set, when at least one evidence segment lies in that media/time window; when a code
 * or theme filter is set, when it involves one of those codes (see `involvesCode`).
 */
import { CHAT_ELEMENTS, CONTRADICTION_LEVELS, type Code, type Contradiction, type ProjectSnapshot, type Uuid } from '../domain';
import { formatHms } from '../time';
import { writeCsv, type CsvCell, type CsvFile, type CsvWriteOptions } from './safe';
import { cmpStr, clipToScope, indexProject, resolveScope, type ExportFilters, type ProjectIndex, type Scope } from './scope';

export const CONTRADICTION_COLUMNS = [
  'level',
  'element_a',
  'system_a',
  'element_b',
  'system_b',
  'coder',
  'status',
  'evidence',
  'evidence_count',
  'evidence_segment_ids',
  'note',
  'contradiction_id',
  'coder_id',
] as const;

/** "media @ h:mm:ss–h:mm:ss" (point event: "media @ h:mm:ss"). */
export function rangeLabel(mediaName: string, startMs: number, endMs: number): string {
  return startMs === endMs ? `${mediaName} @ ${formatHms(startMs)}` : `${mediaName} @ ${formatHms(startMs)}–${formatHms(endMs)}`;
}

/**
 * A contradiction involves a code when the code is an element code of one of its ends (same
 * element and same system), a contradiction code of its level, or a code on one of its evidence
 * segments.
 */
export function involvesCode(k: Contradiction, code: Code, ix: ProjectIndex): boolean {
  if (code.element !== null && code.kind === 'element') {
    if (k.elementA === code.element && k.systemA === code.systemId) return true;
    if (k.elementB === code.element && k.systemB === code.systemId) return true;
  }
  if (code.kind === 'contradiction' && code.contradictionLevel === k.level) return true;
  return k.evidenceSegmentIds.some((id) => ix.segmentById.get(id)?.codeIds.includes(code.id) === true);
}

interface Evidence {
  segmentId: Uuid;
  media: string;
  startMs: number;
  endMs: number;
}

/** The contradiction's evidence in the media/time scope, sorted; null when it is out of scope. */
export function scopedContradiction(k: Contradiction, scope: Scope, ix: ProjectIndex, codeFilter: boolean): Evidence[] | null {
  if (scope.coders && !scope.coders.has(k.coderId)) return null;
  const evidence: Evidence[] = [];
  for (const id of k.evidenceSegmentIds) {
    const s = ix.segmentById.get(id);
    const m = s && ix.mediaById.get(s.mediaId);
    if (!s || !m) continue;
    if (scope.media && !scope.media.has(s.mediaId)) continue;
    const t = clipToScope(scope, s.startMs, s.endMs);
    if (t) evidence.push({ segmentId: s.id, media: m.name, startMs: t[0], endMs: t[1] });
  }
  if (scope.restrictsTime && evidence.length === 0) return null;
  if (codeFilter && scope.codes) {
    const codes = scope.codes;
    let hit = false;
    for (const id of codes) {
      const c = ix.codeById.get(id);
      if (c && involvesCode(k, c, ix)) {
        hit = true;
        break;
      }
    }
    if (!hit) return null;
  }
  evidence.sort((a, b) => cmpStr(a.media, b.media) || a.startMs - b.startMs || a.endMs - b.endMs || cmpStr(a.segmentId, b.segmentId));
  return evidence;
}

function nodeKey(element: string, systemId: Uuid | null): string {
  return `${systemId ?? ''}\u0000${element}`;
}

/** The `contradictions` export: [contradictions.csv, contradictions-matrix.csv]. */
export function writeContradictionsCsv(snapshot: ProjectSnapshot, filters: ExportFilters = {}, opts: CsvWriteOptions = {}): CsvFile[] {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, filters);
  const sysName = (id: Uuid | null) => (id ? (ix.systemById.get(id)?.name ?? '') : '');
  const coderName = (id: Uuid) => ix.coderById.get(id)?.name ?? '';

  const kept: { k: Contradiction; ev: Evidence[] }[] = [];
  for (const k of snapshot.contradictions) {
    const ev = scopedContradiction(k, scope, ix, true);
    if (ev) kept.push({ k, ev });
  }
  const level = (k: Contradiction) => CONTRADICTION_LEVELS.indexOf(k.level);
  kept.sort((a, b) => {
    const ea = a.ev[0];
    const eb = b.ev[0];
    return (
      level(a.k) - level(b.k) ||
      (ea && eb ? cmpStr(ea.media, eb.media) || ea.startMs - eb.startMs : ea ? -1 : eb ? 1 : 0) ||
      cmpStr(coderName(a.k.coderId), coderName(b.k.coderId)) ||
      cmpStr(a.k.id, b.k.id)
    );
  });

  const rows: CsvCell[][] = kept.map(({ k, ev }) => [
    k.level,
    k.elementA,
    sysName(k.systemA),
    k.elementB,
    sysName(k.systemB),
    coderName(k.coderId),
    k.status,
    ev.map((e) => rangeLabel(e.media, e.startMs, e.endMs)).join('; '),
    ev.length,
    ev.map((e) => e.segmentId).join(';'),
    k.note,
    k.id,
    k.coderId,
  ]);

  // Matrix nodes: (system, element) pairs that occur, in system then element order.
  const sysOrder = new Map([...snapshot.systems].sort((a, b) => a.sortOrder - b.sortOrder || cmpStr(a.name, b.name)).map((s, i) => [s.id, i]));
  const nodes = new Map<string, { label: string; sys: number; el: number }>();
  const addNode = (element: (typeof CHAT_ELEMENTS)[number], systemId: Uuid | null) => {
    const key = nodeKey(element, systemId);
    if (!nodes.has(key)) {
      const name = sysName(systemId);
      nodes.set(key, {
        label: systemId ? `${name}:${element}` : element,
        sys: systemId ? (sysOrder.get(systemId) ?? sysOrder.size) : sysOrder.size + 1,
        el: CHAT_ELEMENTS.indexOf(element),
      });
    }
    return key;
  };
  const counts = new Map<string, number>();
  const bump = (a: string, b: string) => counts.set(`${a}\u0001${b}`, (counts.get(`${a}\u0001${b}`) ?? 0) + 1);
  for (const { k } of kept) {
    const a = addNode(k.elementA, k.systemA);
    const b = addNode(k.elementB, k.systemB);
    bump(a, b);
    if (a !== b) bump(b, a);
  }
  const order = [...nodes.entries()].sort(([ka, a], [kb, b]) => a.sys - b.sys || a.el - b.el || cmpStr(a.label, b.label) || cmpStr(ka, kb));
  const matrixRows: CsvCell[][] = order.map(([ka, a]) => [a.label, ...order.map(([kb]) => counts.get(`${ka}\u0001${kb}`) ?? 0)]);

  return [
    { name: 'contradictions.csv', suffix: '', text: writeCsv(CONTRADICTION_COLUMNS, rows, opts) },
    { name: 'contradictions-matrix.csv', suffix: '-matrix', text: writeCsv(['element', ...order.map(([, n]) => n.label)], matrixRows, opts) },
  ];
}
