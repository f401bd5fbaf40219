/**
 * A small, hand-countable project for the CSV export tests.
 * 2 activity systems, 8 codes, 3 coders + consensus, 2 media, 1 theme, 2 contradictions,
 * 8 segments (one point event, one with two codes) with notes that exercise CSV quoting.
 */
import type {
  ActivitySystem,
  ChatElement,
  Code,
  CodeKind,
  Coder,
  Contradiction,
  Media,
  ProjectSnapshot,
  Segment,
  Theme,
} from '../../../src/shared/domain';
import { parseSegmentsCsv } from '../../../src/shared/csv/segmentsCsv';

const stamp = { createdAt: 0, updatedAt: 0 };

export function system(id: string, name: string, sortOrder: number): ActivitySystem {
  return { id, name, sortOrder, ...stamp };
}

export function code(
  id: string,
  name: string,
  kind: CodeKind,
  opts: { parentId?: string; element?: ChatElement; systemId?: string; level?: Code['contradictionLevel'] } = {},
): Code {
  return {
    id,
    name,
    kind,
    element: opts.element ?? null,
    systemId: opts.systemId ?? null,
    contradictionLevel: opts.level ?? null,
    parentId: opts.parentId ?? null,
    color: '#1f77b4',
    hotkey: null,
    definition: '',
    sortOrder: 0,
    ...stamp,
  };
}

export function coder(id: string, name: string, isConsensus = false): Coder {
  return { id, name, color: '#ff7f0e', isConsensus, ...stamp };
}

export function media(id: string, name: string, durationMs: number | null): Media {
  // `as Media`: domain.ts is gaining fields (frameRate); the assertion keeps the fixture valid either way.
  return { id, name, path: `/videos/${name}`, fingerprint: 'f', size: 1, durationMs, frameRate: null, lastPositionMs: 0, ...stamp } as Media;
}

export function segment(id: string, mediaId: string, coderId: string, startMs: number, endMs: number, codeIds: string[], note: string): Segment {
  return { id, mediaId, coderId, startMs, endMs, codeIds, note, ...stamp };
}

export function fixtureProject(): ProjectSnapshot {
  const systems = [system('sys-r', 'Researchers', 0), system('sys-p', 'Practitioners', 1)];
  const codes: Code[] = [
    code('g-r', 'Researchers', 'group', { systemId: 'sys-r' }),
    code('c-rtools', 'Tools', 'element', { parentId: 'g-r', element: 'tools', systemId: 'sys-r' }),
    code('c-robject', 'Object', 'element', { parentId: 'g-r', element: 'object', systemId: 'sys-r' }),
    code('g-p', 'Practitioners', 'group', { systemId: 'sys-p' }),
    code('c-ptools', 'Tools', 'element', { parentId: 'g-p', element: 'tools', systemId: 'sys-p' }),
    code('c-prules', 'Rules', 'element', { parentId: 'g-p', element: 'rules', systemId: 'sys-p' }),
    code('c-shared', 'Shared object', 'element', { element: 'object' }),
    code('g-markers', 'Markers', 'group'),
    code('c-challenge', 'Challenge', 'marker', { parentId: 'g-markers' }),
  ];
  const coders = [coder('ana', 'Ana'), coder('ben', 'Ben'), coder('chloe', 'Chloé'), coder('cons', 'Consensus', true)];
  const mediaList = [media('m1', 'workshop1.mp4', 600_000), media('m2', 'workshop2.mp4', 300_000)];
  const segments = [
    segment('s1', 'm1', 'ana', 10_000, 25_500, ['c-rtools'], 'Template shown'),
    segment('s2', 'm1', 'ben', 12_000, 25_000, ['c-rtools', 'c-prules'], 'Slides, "template"'),
    segment('s3', 'm1', 'chloe', 11_000, 26_000, ['c-rtools'], ''),
    segment('s4', 'm1', 'ana', 65_000, 65_000, ['c-challenge'], '=HYPERLINK("http://x","y")'),
    segment('s5', 'm2', 'ben', 5_000, 20_250, ['c-robject'], 'line1\nline2'),
    segment('s6', 'm2', 'cons', 12_000, 25_000, ['c-rtools'], 'agreed'),
    segment('s7', 'm1', 'chloe', 100_000, 130_000, ['c-prules'], '-2+3'),
    segment('s8', 'm2', 'ana', 30_000, 42_123, ['c-shared'], 'élan 😀'),
  ];
  const themes: Theme[] = [
    { id: 'th1', name: 'Tension over tools', description: 'Whose template?', sortOrder: 0, codeIds: ['c-rtools', 'c-prules'], ...stamp },
  ];
  const contradictions: Contradiction[] = [
    {
      id: 'k1',
      level: 'secondary',
      elementA: 'tools',
      systemA: 'sys-r',
      elementB: 'object',
      systemB: 'sys-r',
      coderId: 'ana',
      status: 'unresolved',
      note: 'template vs. brief',
      evidenceSegmentIds: ['s1', 's3'],
      ...stamp,
    },
    {
      id: 'k2',
      level: 'quaternary',
      elementA: 'object',
      systemA: 'sys-r',
      elementB: 'rules',
      systemB: 'sys-p',
      coderId: 'ben',
      status: 'emerging',
      note: '',
      evidenceSegmentIds: ['s5'],
      ...stamp,
    },
  ];
  return {
    projectId: 'p1',
    name: 'Fixture',
    systems,
    media: mediaList,
    coders,
    codes,
    segments,
    memos: [],
    contradictions,
    themes,
  };
}

/** CRLF-joined CSV lines, as the writers produce (a final CRLF after the last row). */
export function csvLines(...lines: string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

/** What `import-segments` into a new project does: coders/media by name, fresh ids, rows regrouped. */
export function importIntoNewProject(text: string, template: ProjectSnapshot): ProjectSnapshot {
  const { rows } = parseSegmentsCsv(text, { codes: template.codes, mediaNames: [] });
  const p: ProjectSnapshot = { ...template, projectId: 'p2', coders: [], media: [], segments: [], contradictions: [], themes: [] };
  const coderId = new Map<string, string>();
  const mediaId = new Map<string, string>();
  const bySegment = new Map<string, Segment>();
  for (const r of rows) {
    if (!coderId.has(r.coder)) {
      coderId.set(r.coder, `new-coder-${coderId.size}`);
      p.coders.push(coder(coderId.get(r.coder)!, r.coder, r.consensus ?? false));
    }
    if (!mediaId.has(r.media!)) {
      mediaId.set(r.media!, `new-media-${mediaId.size}`);
      p.media.push(media(mediaId.get(r.media!)!, r.media!, null));
    }
    const key = r.segmentId ?? `line-${r.line}`;
    const existing = bySegment.get(key);
    if (existing) existing.codeIds.push(r.codeId);
    else {
      const s: Segment = {
        id: `new-seg-${bySegment.size}`,
        mediaId: mediaId.get(r.media!)!,
        coderId: coderId.get(r.coder)!,
        startMs: r.startMs,
        endMs: r.endMs,
        note: r.note,
        codeIds: [r.codeId],
        createdAt: 0,
        updatedAt: 0,
      };
      bySegment.set(key, s);
      p.segments.push(s);
    }
  }
  return p;
}

