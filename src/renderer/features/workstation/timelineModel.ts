/**
 * What the timeline shows, derived from the store: the lanes (coder × CHAT element tracks) and
 * per track the items to draw, sorted for binary search. Rebuilt only when segments, codes,
 * coders, contradictions or the collapsed systems change (never per frame).
 */
import { pushTo } from '../../../shared/collections';
import { CHAT_ELEMENT_LABELS, CONTRADICTION_LEVEL_LABELS, type Code, type Contradiction, type Segment, type SegmentMarks } from '../../../shared/domain';
import { inSpan, type Span } from '../../../shared/timeline/segmentWindow';
import type { ProjectInfo } from '../../../shared/contract';
import { trackItems, type Item, type TrackItems } from '../../../shared/timeline/items';
import { collapseKey, layoutLanes, type Lanes } from '../../../shared/timeline/lanes';

export const TRACK_H = 16;
export const HEADER_H = 18;
export const GUTTER = 170;

export const LEVEL_COLORS: Record<Contradiction['level'], string> = {
  primary: '#9467bd',
  secondary: '#c2410c',
  tertiary: '#0f766e',
  quaternary: '#be185d',
};

export interface TimelineModel {
  lanes: Lanes;
  /** Items per row index (undefined for header rows). */
  tracks: (TrackItems | undefined)[];
  segmentsById: Map<string, Segment>;
}

/** Systems collapsed by default: every system of every coder except the one coding now. */
export function defaultCollapsed(project: ProjectInfo, coderId: string | null): Set<string> {
  const out = new Set<string>();
  for (const c of project.coders) if (c.id !== coderId) for (const s of project.systems) out.add(collapseKey(c.id, s.id));
  return out;
}

/** Outside the held window: the whole media's marks (what is drawn; not selectable, no id). */
export interface Outside {
  marks: SegmentMarks | null;
  window: Span | null;
}

export function buildModel(project: ProjectInfo, segments: Segment[], contradictions: Contradiction[], collapsed: ReadonlySet<string>, coderId: string | null, outside: Outside = { marks: null, window: null }): TimelineModel {
  // the coder at work first, then the others, consensus last
  const coders = [...project.coders].sort((a, b) => Number(b.id === coderId) - Number(a.id === coderId) || Number(a.isConsensus) - Number(b.isConsensus));
  const lanes = layoutLanes({ coders, systems: project.systems, codes: project.codes, collapsed, trackH: TRACK_H, headerH: HEADER_H });
  const codes = new Map<string, Code>(project.codes.map((c) => [c.id, c]));
  const perRow = new Map<number, Map<string, Item>>();
  const put = (row: number | undefined, seg: Segment, code: Code | undefined) => {
    if (row === undefined) return;
    let m = perRow.get(row);
    if (!m) perRow.set(row, (m = new Map()));
    const prev = m.get(seg.id);
    const label = code?.name ?? '(no code)';
    if (prev) prev.label = `${prev.label}, ${label}`;
    else m.set(seg.id, { id: seg.id, startMs: seg.startMs, endMs: seg.endMs, color: code?.color ?? '#9ca3af', label });
  };
  const otherRow = new Map(lanes.rows.map((r, i) => [r.key, i]));
  for (const seg of segments) {
    if (seg.codeIds.length === 0) put(otherRow.get(`other:${seg.coderId}`), seg, undefined);
    for (const cid of seg.codeIds) put(lanes.rowFor(seg.coderId, cid), seg, codes.get(cid));
  }
  const far = outsideItems(outside, codes, (coder, code) => (code ? lanes.rowFor(coder, code) : otherRow.get(`other:${coder}`)));
  const segmentsById = new Map(segments.map((s) => [s.id, s]));
  const cRow = lanes.rows.length - 1;
  const cItems = contradictionItems(contradictions, segmentsById);
  const tracks: (TrackItems | undefined)[] = lanes.rows.map((r, i) => {
    if (i === cRow) return trackItems(cItems);
    if (r.kind === 'track' || (r.kind === 'system' && r.collapsed)) return trackItems([...(perRow.get(i)?.values() ?? []), ...(far.get(i) ?? [])]);
    return undefined;
  });
  return { lanes, tracks, segmentsById };
}

/** The contradictions track: one item per evidence segment of this media, in the level's colour. */
export function contradictionItems(contradictions: Contradiction[], segmentsById: ReadonlyMap<string, Segment>): Item[] {
  const out: Item[] = [];
  for (const c of contradictions) {
    const label = c.level === 'primary'
      ? `${CONTRADICTION_LEVEL_LABELS[c.level]}: ${CHAT_ELEMENT_LABELS[c.elementA]}`
      : `${CONTRADICTION_LEVEL_LABELS[c.level]}: ${CHAT_ELEMENT_LABELS[c.elementA]} ↔ ${CHAT_ELEMENT_LABELS[c.elementB]}`;
    for (const sid of c.evidenceSegmentIds) {
      const s = segmentsById.get(sid);
      if (s) out.push({ id: c.id, startMs: s.startMs, endMs: s.endMs, color: LEVEL_COLORS[c.level], label });
    }
  }
  return out;
}

/** Items per row for the marks outside the held window (the server's overlap test decides). */
function outsideItems(o: Outside, codes: Map<string, Code>, rowOf: (coderId: string, codeId: string | null) => number | undefined): Map<number, Item[]> {
  const out = new Map<number, Item[]>();
  const m = o.marks;
  if (!m) return out;
  for (let k = 0; k < m.marks.length; k += 4) {
    const startMs = m.marks[k]!;
    const endMs = m.marks[k + 1]!;
    if (o.window && inSpan(o.window, startMs, endMs)) continue;
    const ci = m.marks[k + 3]!;
    const code = ci < 0 ? undefined : codes.get(m.codeIds[ci]!);
    const row = rowOf(m.coderIds[m.marks[k + 2]!]!, ci < 0 ? null : m.codeIds[ci]!);
    if (row === undefined) continue;
    pushTo(out, row, { id: '', startMs, endMs, color: code?.color ?? '#9ca3af', label: code?.name ?? '(no code)' });
  }
  return out;
}
