/**
 * Live figures of the theme board (pure). The definitions are those of the `thematic` export
 * (src/shared/csv/thematic.ts) so that the board and the exported summary always agree:
 *
 * Per code (one codebook entry, in the export's scope):
 * - segments: the coders' segment × code pairs of the code = the thematic export's `segments`
 *   column; consensusSegments: the consensus layer's = its `consensus_count` (consensus is never
 *   counted as a coder);
 * - codedMs: union of the code's (clipped) segment ranges per media, summed over media
 *   (overlapping codings by several coders count once; point events add nothing)
 *   = the export's `coded_seconds` × 1000;
 * - contradictions: in-scope contradictions that involve the code (`involvesCode`)
 *   = the export's `contradictions` column.
 *
 * Per theme (all its codes together):
 * - segments: distinct coders' segments carrying at least one of the theme's codes (a segment
 *   coded with two of its codes counts once); consensusSegments: the same for consensus segments;
 * - codedMs: union per media of all those segments' ranges, summed over media;
 * - coders / media: distinct coders (consensus excluded) and media of those segments (ids, sorted by name);
 * - contradictions: distinct in-scope contradictions involving at least one of its codes.
 * A theme with a single code therefore has the figures of that code's thematic row.
 */
import type { ProjectSnapshot, Uuid } from '../domain';
import { involvesCode, scopedContradiction } from '../csv/contradictions';
import { cmpStr, indexProject, resolveScope, scopedCodings, type ExportFilters, type ScopedCoding } from '../csv/scope';
import { codedMsOf } from '../csv/thematic';
import { pushTo } from '../collections';

export interface CodeFigures {
  codeId: Uuid;
  /** Coders' segments (consensus excluded). */
  segments: number;
  consensusSegments: number;
  codedMs: number;
  /** Distinct coders who applied the code (consensus excluded). */
  coders: number;
  contradictions: number;
}

export interface ThemeFigures {
  themeId: Uuid;
  segments: number;
  consensusSegments: number;
  codedMs: number;
  coderIds: Uuid[];
  mediaIds: Uuid[];
  contradictionIds: Uuid[];
}

export interface BoardFigures {
  /** Figures of every code of the codebook (zeros for unused codes), by code id. */
  codes: Record<Uuid, CodeFigures>;
  /** One entry per theme, in the snapshot's theme order. */
  themes: ThemeFigures[];
}

/** Coders' and consensus codings of a list, counted apart. */
function countSplit(list: readonly ScopedCoding[]): { segments: number; consensusSegments: number } {
  const consensusSegments = list.filter((c) => c.coder.isConsensus).length;
  return { segments: list.length - consensusSegments, consensusSegments };
}

/** Figures of every code and theme of the project in the given export scope. */
export function computeBoardFigures(snapshot: ProjectSnapshot, filters: ExportFilters = {}): BoardFigures {
  const ix = indexProject(snapshot);
  // Themes and codes are what the board shows: a code/theme filter would hide them, so it is not applied.
  const scope = resolveScope(snapshot, { ...filters, codeIds: undefined, themeIds: undefined });
  const codings = scopedCodings(snapshot, ix, scope);
  const byCode = new Map<Uuid, ScopedCoding[]>();
  for (const c of codings) pushTo(byCode, c.code.id, c);
  const contradictions = snapshot.contradictions.filter((k) => scopedContradiction(k, scope, ix, false) !== null);
  const involving = new Map<Uuid, Uuid[]>();
  for (const code of snapshot.codes) {
    involving.set(
      code.id,
      contradictions.filter((k) => involvesCode(k, code, ix)).map((k) => k.id),
    );
  }

  const codes: Record<Uuid, CodeFigures> = {};
  for (const code of snapshot.codes) {
    const list = byCode.get(code.id) ?? [];
    codes[code.id] = {
      codeId: code.id,
      ...countSplit(list),
      codedMs: codedMsOf(list),
      coders: new Set(list.filter((c) => !c.coder.isConsensus).map((c) => c.coder.id)).size,
      contradictions: involving.get(code.id)!.length,
    };
  }

  const themes: ThemeFigures[] = snapshot.themes.map((theme) => {
    const seen = new Set<Uuid>();
    const list: ScopedCoding[] = [];
    const k = new Set<Uuid>();
    for (const codeId of theme.codeIds) {
      for (const c of byCode.get(codeId) ?? []) {
        if (seen.has(c.segment.id)) continue;
        seen.add(c.segment.id);
        list.push(c);
      }
      for (const id of involving.get(codeId) ?? []) k.add(id);
    }
    const coders = new Map(list.filter((c) => !c.coder.isConsensus).map((c) => [c.coder.id, c.coder.name]));
    const media = new Map(list.map((c) => [c.media.id, c.media.name]));
    const byName = (m: Map<Uuid, string>) => [...m.entries()].sort((a, b) => cmpStr(a[1], b[1]) || cmpStr(a[0], b[0])).map(([id]) => id);
    return {
      themeId: theme.id,
      ...countSplit(list),
      codedMs: codedMsOf(list),
      coderIds: byName(coders),
      mediaIds: byName(media),
      contradictionIds: contradictions.filter((x) => k.has(x.id)).map((x) => x.id),
    };
  });
  return { codes, themes };
}
