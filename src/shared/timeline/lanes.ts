/**
 * Timeline lane layout: for each coder a header, then per activity system either one collapsed
 * track (all its elements) or a header and one track per CHAT element; then the shared object and
 * an "other codes" track (markers, contradiction levels, custom codes). A contradictions track
 * closes the list. Each code maps to exactly one track per coder. Pure.
 */
import type { ActivitySystem, Code, Coder, Uuid } from '../domain';

export type RowKind = 'coder' | 'system' | 'track' | 'contradictions';

export interface Row {
  key: string;
  kind: RowKind;
  label: string;
  coderId: Uuid | null;
  systemId: Uuid | null;
  /** Code a range dragged on this track is coded with (an element track's element), else null. */
  codeId: Uuid | null;
  /** A collapsed system row shows its elements' segments. */
  collapsed: boolean;
  y: number;
  h: number;
}

export interface LaneInput {
  coders: readonly Coder[];
  systems: readonly ActivitySystem[];
  codes: readonly Code[];
  /** Keys `${coderId}:${systemId}` of collapsed systems (see collapseKey). */
  collapsed: ReadonlySet<string>;
  trackH: number;
  headerH: number;
}

export interface Lanes {
  rows: Row[];
  height: number;
  /** Index in rows of the track that shows `codeId` for `coderId`. */
  rowFor(coderId: Uuid, codeId: Uuid): number | undefined;
}

export const collapseKey = (coderId: Uuid, systemId: Uuid) => `${coderId}:${systemId}`;

export function layoutLanes(input: LaneInput): Lanes {
  const rows: Row[] = [];
  const index = new Map<string, number>();
  let y = 0;
  const add = (r: Omit<Row, 'y' | 'h'>, h: number): number => {
    rows.push({ ...r, y, h });
    y += h;
    return rows.length - 1;
  };
  const elementsOf = (systemId: Uuid | null) =>
    input.codes.filter((c) => c.kind === 'element' && c.systemId === systemId).sort((a, b) => a.sortOrder - b.sortOrder);
  const systems = [...input.systems].sort((a, b) => a.sortOrder - b.sortOrder);
  const placed = new Set<Uuid>();
  for (const s of systems) for (const c of elementsOf(s.id)) placed.add(c.id);
  const shared = elementsOf(null);
  for (const c of shared) placed.add(c.id);
  const others = input.codes.filter((c) => !placed.has(c.id));

  for (const coder of input.coders) {
    add({ key: `coder:${coder.id}`, kind: 'coder', label: coder.name, coderId: coder.id, systemId: null, codeId: null, collapsed: false }, input.headerH);
    for (const s of systems) {
      const collapsed = input.collapsed.has(collapseKey(coder.id, s.id));
      const head = add({ key: `system:${coder.id}:${s.id}`, kind: 'system', label: s.name, coderId: coder.id, systemId: s.id, codeId: null, collapsed }, collapsed ? input.trackH : input.headerH);
      for (const c of elementsOf(s.id)) {
        if (collapsed) index.set(`${coder.id}|${c.id}`, head);
        else index.set(`${coder.id}|${c.id}`, add({ key: `track:${coder.id}:${c.id}`, kind: 'track', label: c.name, coderId: coder.id, systemId: s.id, codeId: c.id, collapsed: false }, input.trackH));
      }
    }
    for (const c of shared) {
      index.set(`${coder.id}|${c.id}`, add({ key: `track:${coder.id}:${c.id}`, kind: 'track', label: c.name, coderId: coder.id, systemId: null, codeId: c.id, collapsed: false }, input.trackH));
    }
    const other = add({ key: `other:${coder.id}`, kind: 'track', label: 'Markers & other codes', coderId: coder.id, systemId: null, codeId: null, collapsed: false }, input.trackH);
    for (const c of others) index.set(`${coder.id}|${c.id}`, other);
  }
  add({ key: 'contradictions', kind: 'contradictions', label: 'Contradictions', coderId: null, systemId: null, codeId: null, collapsed: false }, input.trackH);
  return { rows, height: y, rowFor: (coderId, codeId) => index.get(`${coderId}|${codeId}`) };
}

/** Index of the row at a y position, or -1. */
export function rowAt(rows: readonly Row[], y: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = rows[mid]!;
    if (y < r.y) hi = mid - 1;
    else if (y >= r.y + r.h) lo = mid + 1;
    else return mid;
  }
  return -1;
}
