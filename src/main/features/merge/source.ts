/**
 * Reading a coder file for a merge, without changing it: opened read-only through the same
 * checks as any project (SQLite header, truncation, integrity, newer schema, application id),
 * then every row is validated (zod) and every reference checked before the merge writes anything.
 * A file from an older Triangulate is migrated in a temporary copy, never in place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UserError, isUserError } from '../../../shared/errors';
import {
  codeRow, coderRow, contradictionRow, evidenceRow, fastSegmentCodeRow, fastSegmentRow, mediaRow, memoRow, parseRows, segmentCodeRow, segmentRow, systemRow,
  themeCodeRow, themeRow, tombstoneRow,
  type CodeRow, type CoderRow, type ContradictionRow, type MediaRow, type MemoRow, type SegmentRow, type SystemRow, type ThemeRow, type TombstoneRow,
} from '../../../shared/merge/rows';
import type { MergeFileInfo } from '../../../shared/merge/types';
import { ProjectStore } from '../../db/store';
import { pushTo } from '../../../shared/collections';
import { readRawRows } from '../../db/tables/rawRows';
import { readParticipantSource, type ParticipantSource } from '../../db/tables/participantsMerge';

const metaRow = z.object({ key: z.string(), value: z.string() }).strip();

export interface SourceData {
  info: MergeFileInfo;
  lineageId: string;
  projectId: string;
  systems: SystemRow[];
  media: MediaRow[];
  coders: CoderRow[];
  codes: CodeRow[];
  segments: SegmentRow[];
  /** Segment id → its code ids (sorted); the segment ids come in id order (SQLite's). */
  segmentCodes: Map<string, string[]>;
  memos: MemoRow[];
  contradictions: ContradictionRow[];
  evidence: Map<string, string[]>;
  themes: ThemeRow[];
  themeCodes: Map<string, { code_id: string; sort_order: number }[]>;
  tombstones: TombstoneRow[];
  participants: ParticipantSource;
}

/** Opens a coder file read-only (migrating a temporary copy when it is from an older version). */
function openReadonly(file: string): { store: ProjectStore; cleanup: () => void } {
  try {
    return { store: ProjectStore.open(file, { readonly: true }), cleanup: () => undefined };
  } catch (e) {
    if (!(isUserError(e) && (e as UserError).code === 'needs_migration')) throw e;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-merge-'));
  const copy = path.join(dir, 'coder-file.triangulate');
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  try {
    const store = ProjectStore.open(copy);
    return { store, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export function readSource(file: string, target: { lineageId: string; file: string }): SourceData {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UserError('not_found', `${abs}: no such file`);
  if (!fs.statSync(abs).isFile()) throw new UserError('not_a_project', `${abs}: not a file`);
  if (abs === target.file) throw new UserError('invalid', `${abs}: that is the project itself; merge coder files into it`);
  const { store, cleanup } = openReadonly(abs);
  const fail = (message: string) => new UserError('bad_coder_file', `${abs}: ${message}`);
  try {
    const db = store.db;
    const all = (table: string): unknown[] => {
      try {
        return readRawRows(db, table);
      } catch (e) {
        throw fail(`table ${table} cannot be read (${(e as Error).message})`);
      }
    };
    const meta = new Map(parseRows('project_meta', metaRow, all('project_meta'), fail).map((r) => [r.key, r.value]));
    const lineageId = meta.get('lineage_id');
    const projectId = meta.get('project_id')!;
    if (!lineageId) throw fail('not a Triangulate project (no codebook lineage)');
    if (lineageId !== target.lineageId) {
      throw new UserError('other_lineage', `${abs}: comes from a different codebook lineage than this project (it was not handed out from this project or a copy of it); nothing was merged`);
    }
    const systems = parseRows('activity_systems', systemRow, all('activity_systems'), fail);
    const media = parseRows('media', mediaRow, all('media'), fail);
    const coders = parseRows('coders', coderRow, all('coders'), fail);
    const codes = parseRows('codes', codeRow, all('codes'), fail);
    const segments = parseRows('segments', segmentRow, all('segments'), fail, fastSegmentRow);
    const links = parseRows('segment_codes', segmentCodeRow, all('segment_codes'), fail, fastSegmentCodeRow);
    const memos = parseRows('memos', memoRow, all('memos'), fail);
    const contradictions = parseRows('contradictions', contradictionRow, all('contradictions'), fail);
    const evidenceRows = parseRows('contradiction_evidence', evidenceRow, all('contradiction_evidence'), fail);
    const themes = parseRows('themes', themeRow, all('themes'), fail);
    const themeCodeRows = parseRows('theme_codes', themeCodeRow, all('theme_codes'), fail);
    const tombstones = parseRows('tombstones', tombstoneRow, all('tombstones'), fail);

    // references inside the file (a well-formed project always satisfies them)
    const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    const systemIds = ids(systems), mediaIds = ids(media), coderIds = ids(coders), codeIds = ids(codes), segmentIds = ids(segments);
    const contradictionIds = ids(contradictions), themeIds = ids(themes);
    const ref = (table: string, i: number, field: string, value: string | null, set: Set<string>, what: string) => {
      if (value !== null && !set.has(value)) throw fail(`table ${table}, row ${i + 1}: field "${field}" refers to a ${what} that is not in the file`);
    };
    codes.forEach((c, i) => { ref('codes', i, 'parent_id', c.parent_id, codeIds, 'code'); ref('codes', i, 'system_id', c.system_id, systemIds, 'activity system'); });
    segments.forEach((s, i) => { ref('segments', i, 'media_id', s.media_id, mediaIds, 'media'); ref('segments', i, 'coder_id', s.coder_id, coderIds, 'coder'); });
    const segmentCodes = new Map<string, string[]>();
    links.forEach((l, i) => {
      ref('segment_codes', i, 'segment_id', l.segment_id, segmentIds, 'segment');
      ref('segment_codes', i, 'code_id', l.code_id, codeIds, 'code');
      pushTo(segmentCodes, l.segment_id, l.code_id);
    });
    memos.forEach((m, i) => {
      ref('memos', i, 'media_id', m.media_id, mediaIds, 'media');
      ref('memos', i, 'segment_id', m.segment_id, segmentIds, 'segment');
      ref('memos', i, 'coder_id', m.coder_id, coderIds, 'coder');
    });
    contradictions.forEach((c, i) => {
      ref('contradictions', i, 'coder_id', c.coder_id, coderIds, 'coder');
      ref('contradictions', i, 'system_a', c.system_a, systemIds, 'activity system');
      ref('contradictions', i, 'system_b', c.system_b, systemIds, 'activity system');
    });
    const evidence = new Map<string, string[]>();
    evidenceRows.forEach((e, i) => {
      ref('contradiction_evidence', i, 'contradiction_id', e.contradiction_id, contradictionIds, 'contradiction');
      ref('contradiction_evidence', i, 'segment_id', e.segment_id, segmentIds, 'segment');
      pushTo(evidence, e.contradiction_id, e.segment_id);
    });
    const themeCodes = new Map<string, { code_id: string; sort_order: number }[]>();
    themeCodeRows.forEach((t, i) => {
      ref('theme_codes', i, 'theme_id', t.theme_id, themeIds, 'theme');
      ref('theme_codes', i, 'code_id', t.code_id, codeIds, 'code');
      pushTo(themeCodes, t.theme_id, { code_id: t.code_id, sort_order: t.sort_order });
    });

    const coderFileFor = meta.get('coder_file_for') ?? null;
    const coder = coderFileFor ? coders.find((c) => c.id === coderFileFor) : undefined;
    if (coderFileFor && !coder) throw fail('its coder (coder_file_for) is not among its coders');
    return {
      info: {
        file: abs, projectName: meta.get('name') ?? path.basename(abs), coderId: coderFileFor, coderName: coder?.name ?? null,
        segments: coderFileFor ? segments.filter((s) => s.coder_id === coderFileFor).length : segments.length,
        schemaVersion: store.schemaVersion,
      },
      lineageId, projectId, systems, media, coders, codes, segments, segmentCodes, memos, contradictions, evidence, themes, themeCodes, tombstones,
      participants: readParticipantSource(db, fail),
    };
  } finally {
    store.close();
    cleanup();
  }
}
