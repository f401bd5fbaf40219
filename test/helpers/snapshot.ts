/** Project files in tests: import into one, read its snapshot back, its segments as comparable lines. */
import { ProjectStore } from '../../src/main/db/store';
import type { ApplyReport } from '../../src/main/features/exchange/apply';
import { importExchangeFile, readImportSource } from '../../src/main/features/exchange/import';
import { codePath, type ProjectSnapshot } from '../../src/shared/domain';

export function snapshotOf(file: string): ProjectSnapshot {
  const s = ProjectStore.open(file);
  try {
    return s.snapshot();
  } finally {
    s.close();
  }
}

/** Every segment as "coder | media | start | end | sorted code paths | note", sorted (a multiset). */
export function segmentLines(snap: ProjectSnapshot): string[] {
  const byId = new Map(snap.codes.map((c) => [c.id, c]));
  const coder = new Map(snap.coders.map((c) => [c.id, c.name]));
  const media = new Map(snap.media.map((m) => [m.id, m.name]));
  return snap.segments
    .map((s) => `${coder.get(s.coderId)} | ${media.get(s.mediaId)} | ${s.startMs} | ${s.endMs} | ${s.codeIds.map((id) => codePath(byId.get(id)!, byId)).sort().join(' + ')} | ${s.note}`)
    .sort();
}

/** Imports an exchange file (.qdpx, .eaf, table) into a project file, as `triangulate import` does. */
export function importFile(project: string, file: string): ApplyReport {
  const store = ProjectStore.open(project);
  try {
    return importExchangeFile(store, readImportSource(file));
  } finally {
    store.close();
  }
}
