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
  type CodeRow, type CoderRow, type ContradictionRow, type MediaRow, type MemoRow, type SegmentCodeRow, type SegmentRow, type SystemRow, type ThemeRow, type TombstoneRow,
} from '../../../shared/merge/rows';
import type { MergeFileInfo } from '../../../shared/merge/types';
import { ProjectStore } from '../../db/store';
import { pushTo } from '../../../shared/collections';
import { readRawRows } from '../../db/tables/rawRows';
import { readSyncRows, type SyncRows } from '../sync/mergeLinks';
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
  /** Linked recordings and cached envelopes (migration 80). */
  sync: SyncRows;
  /** Participants, groups and who each segment and contradiction is about (migration 70). */
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

type Fail = (message: string) => UserError;
type LinkRows = { links: SegmentCodeRow[]; evidenceRows: { contradiction_id: string; segment_id: string }[]; themeCodeRows: { theme_id: string; code_id: string; sort_order: number }[] };
type Tables = Pick<SourceData, 'systems' | 'media' | 'coders' | 'codes' | 'segments' | 'memos' | 'contradictions' | 'themes' | 'tombstones'>;
type Links = Pick<SourceData, 'segmentCodes' | 'evidence' | 'themeCodes'>;

export function readSource(file: string, target: { lineageId: string; file: string }): SourceData {
  const abs = checkSourceFile(file, target.file);
  const { store, cleanup } = openReadonly(abs);
  const fail: Fail = (message) => new UserError('bad_coder_file', `${abs}: ${message}`);
  try {
    const all = rawReader(store.db, fail);
    const meta = new Map(parseRows('project_meta', metaRow, all('project_meta'), fail).map((r) => [r.key, r.value]));
    const lineageId = checkLineage(meta, abs, target.lineageId, fail);
    const projectId = meta.get('project_id')!;
    const t = readTables(all, fail);
    const { segmentCodes, evidence, themeCodes } = checkReferences(t, t, fail);
    return {
      info: fileInfo(abs, meta, t, store.schemaVersion, fail), lineageId, projectId, systems: t.systems, media: t.media, coders: t.coders, codes: t.codes,
      segments: t.segments, segmentCodes, memos: t.memos, contradictions: t.contradictions, evidence, themes: t.themes, themeCodes, tombstones: t.tombstones,
      sync: readSyncRows(store.db, fail),
      participants: readParticipantSource(store.db, fail),
    };
  } finally {
    store.close();
    cleanup();
  }
}

function checkSourceFile(file: string, projectFile: string): string {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UserError('not_found', `${abs}: no such file`);
  if (!fs.statSync(abs).isFile()) throw new UserError('not_a_project', `${abs}: not a file`);
  if (abs === projectFile) throw new UserError('invalid', `${abs}: that is the project itself; merge coder files into it`);
  return abs;
}

/** Every raw row of a table; a table that cannot be read is the file's fault, said in one line. */
function rawReader(db: ProjectStore['db'], fail: Fail): (table: string) => unknown[] {
  return (table) => {
    try {
      return readRawRows(db, table);
    } catch (e) {
      throw fail(`table ${table} cannot be read (${(e as Error).message})`);
    }
  };
}

function checkLineage(meta: Map<string, string>, abs: string, projectLineage: string, fail: Fail): string {
  const lineageId = meta.get('lineage_id');
  if (!lineageId) throw fail('not a Triangulate project (no codebook lineage)');
  if (lineageId !== projectLineage) {
    throw new UserError('other_lineage', `${abs}: comes from a different codebook lineage than this project (it was not handed out from this project or a copy of it); nothing was merged`);
  }
  return lineageId;
}

/** Every table's rows, each validated (zod). */
function readTables(all: (table: string) => unknown[], fail: Fail): Tables & LinkRows {
  return {
    systems: parseRows('activity_systems', systemRow, all('activity_systems'), fail),
    media: parseRows('media', mediaRow, all('media'), fail),
    coders: parseRows('coders', coderRow, all('coders'), fail),
    codes: parseRows('codes', codeRow, all('codes'), fail),
    segments: parseRows('segments', segmentRow, all('segments'), fail, fastSegmentRow),
    links: parseRows('segment_codes', segmentCodeRow, all('segment_codes'), fail, fastSegmentCodeRow),
    memos: parseRows('memos', memoRow, all('memos'), fail),
    contradictions: parseRows('contradictions', contradictionRow, all('contradictions'), fail),
    evidenceRows: parseRows('contradiction_evidence', evidenceRow, all('contradiction_evidence'), fail),
    themes: parseRows('themes', themeRow, all('themes'), fail),
    themeCodeRows: parseRows('theme_codes', themeCodeRow, all('theme_codes'), fail),
    tombstones: parseRows('tombstones', tombstoneRow, all('tombstones'), fail),
  };
}

/** References inside the file (a well-formed project always satisfies them); the link tables grouped by owner. */
function checkReferences(t: Tables, rows: LinkRows, fail: Fail): Links {
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const systemIds = ids(t.systems), mediaIds = ids(t.media), coderIds = ids(t.coders), codeIds = ids(t.codes), segmentIds = ids(t.segments);
  const ref = (table: string, i: number, field: string, value: string | null, set: Set<string>, what: string) => {
    if (value !== null && !set.has(value)) throw fail(`table ${table}, row ${i + 1}: field "${field}" refers to a ${what} that is not in the file`);
  };
  t.codes.forEach((c, i) => { ref('codes', i, 'parent_id', c.parent_id, codeIds, 'code'); ref('codes', i, 'system_id', c.system_id, systemIds, 'activity system'); });
  t.segments.forEach((s, i) => { ref('segments', i, 'media_id', s.media_id, mediaIds, 'media'); ref('segments', i, 'coder_id', s.coder_id, coderIds, 'coder'); });
  const segmentCodes = new Map<string, string[]>();
  rows.links.forEach((l, i) => {
    ref('segment_codes', i, 'segment_id', l.segment_id, segmentIds, 'segment');
    ref('segment_codes', i, 'code_id', l.code_id, codeIds, 'code');
    pushTo(segmentCodes, l.segment_id, l.code_id);
  });
  t.memos.forEach((m, i) => {
    ref('memos', i, 'media_id', m.media_id, mediaIds, 'media');
    ref('memos', i, 'segment_id', m.segment_id, segmentIds, 'segment');
    ref('memos', i, 'coder_id', m.coder_id, coderIds, 'coder');
  });
  t.contradictions.forEach((c, i) => {
    ref('contradictions', i, 'coder_id', c.coder_id, coderIds, 'coder');
    ref('contradictions', i, 'system_a', c.system_a, systemIds, 'activity system');
    ref('contradictions', i, 'system_b', c.system_b, systemIds, 'activity system');
  });
  const evidence = new Map<string, string[]>();
  const contradictionIds = ids(t.contradictions), themeIds = ids(t.themes);
  rows.evidenceRows.forEach((e, i) => {
    ref('contradiction_evidence', i, 'contradiction_id', e.contradiction_id, contradictionIds, 'contradiction');
    ref('contradiction_evidence', i, 'segment_id', e.segment_id, segmentIds, 'segment');
    pushTo(evidence, e.contradiction_id, e.segment_id);
  });
  const themeCodes = new Map<string, { code_id: string; sort_order: number }[]>();
  rows.themeCodeRows.forEach((r, i) => {
    ref('theme_codes', i, 'theme_id', r.theme_id, themeIds, 'theme');
    ref('theme_codes', i, 'code_id', r.code_id, codeIds, 'code');
    pushTo(themeCodes, r.theme_id, { code_id: r.code_id, sort_order: r.sort_order });
  });
  return { segmentCodes, evidence, themeCodes };
}

/** What the merge dialog shows of the file: a coder file names its coder, whose segments it counts. */
function fileInfo(abs: string, meta: Map<string, string>, t: Tables, schemaVersion: number, fail: Fail): MergeFileInfo {
  const coderFileFor = meta.get('coder_file_for') ?? null;
  const coder = coderFileFor ? t.coders.find((c) => c.id === coderFileFor) : undefined;
  if (coderFileFor && !coder) throw fail('its coder (coder_file_for) is not among its coders');
  return {
    file: abs, projectName: meta.get('name') ?? path.basename(abs), coderId: coderFileFor, coderName: coder?.name ?? null,
    segments: coderFileFor ? t.segments.filter((s) => s.coder_id === coderFileFor).length : t.segments.length,
    schemaVersion,
  };
}
