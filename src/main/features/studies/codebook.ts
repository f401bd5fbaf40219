/**
 * A new study's starting codebook: the default CHAT codebook (ProjectStore.create), a copy of
 * another study's codebook, or a REFI-QDA codebook file (.qdc) validated against the standard's
 * Codebook.xsd with xmllint, whose codes are merged into the default codebook by path.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Uuid } from '../../../shared/domain';
import { codebookOrder } from '../../../shared/csv/agreementProject';
import { UserError } from '../../../shared/errors';
import { qdeToBundle } from '../../../shared/interop/qdpx';
import { ProjectStore } from '../../db/store';
import { applyBundle } from '../../ops/exchangeApply';
import { APP_ROOT } from '../../paths';

const MAX_QDC_BYTES = 32 * 1024 * 1024;
export const CODEBOOK_XSD = path.join(APP_ROOT, 'schemas', 'refi-qda', 'Codebook.xsd');
const XMLLINT = '/usr/bin/xmllint';

/** Replaces the new study's codebook (systems and codes) with a copy of another study's, under new ids. */
export function copyCodebook(target: ProjectStore, sourceFile: string): void {
  const source = ProjectStore.open(sourceFile, { readonly: true });
  try {
    const systems = source.listSystems();
    const codes = source.listCodes();
    const ids = new Map<Uuid, Uuid>([...systems, ...codes].map((x) => [x.id, randomUUID()]));
    const now = target.now();
    target.tx(() => {
      target.db.prepare('DELETE FROM codes').run();
      target.db.prepare('DELETE FROM activity_systems').run();
      for (const s of systems) target.insertSystemRow({ ...s, id: ids.get(s.id)!, createdAt: now, updatedAt: now });
      for (const c of codebookOrder(codes)) {
        target.insertCodeRow({ ...c, id: ids.get(c.id)!, parentId: c.parentId && ids.get(c.parentId)!, systemId: c.systemId && ids.get(c.systemId)!, createdAt: now, updatedAt: now });
      }
    });
  } finally {
    source.close();
  }
}

/** Checks a .qdc against Codebook.xsd; one line naming the first problem when it is not valid. */
export function validateQdc(file: string): string {
  const st = statFile(file, 'codebook file');
  if (st.size > MAX_QDC_BYTES) throw new UserError('too_large', `${file}: codebook file over ${MAX_QDC_BYTES / 2 ** 20} MiB`);
  const xml = fs.readFileSync(file, 'utf8');
  if (!fs.existsSync(XMLLINT)) throw new UserError('unsupported', 'Cannot check a .qdc file: xmllint is not installed (Debian package libxml2-utils)');
  try {
    execFileSync(XMLLINT, ['--noout', '--nonet', '--schema', CODEBOOK_XSD, file], { stdio: 'pipe', timeout: 30_000 });
  } catch (e) {
    const first = String((e as { stderr?: Buffer }).stderr ?? '').split('\n').find((l) => l.trim() && !/fails to validate$/.test(l)) ?? 'not valid';
    throw new UserError('invalid_qdc', `${file}: not a valid REFI-QDA codebook (Codebook.xsd): ${first.replace(/^.*?:\d+: /, '').trim()}`);
  }
  return xml;
}

/** Merges a validated .qdc's codes into the study's codebook by path (never deletes). */
export function importQdc(target: ProjectStore, file: string): void {
  const xml = validateQdc(file);
  const inner = /<(?:\w+:)?CodeBook\b[^>]*>([\s\S]*?)<(?:\w+:)?Sets\b|<(?:\w+:)?CodeBook\b[^>]*>([\s\S]*)<\/(?:\w+:)?CodeBook>/.exec(xml);
  const codes = inner?.[1] ?? inner?.[2] ?? '';
  const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="codebook"><CodeBook>${codes}</CodeBook></Project>`;
  applyBundle(target, qdeToBundle(qde, new Set()));
}

function statFile(file: string, what: string): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UserError('not_found', `${file}: no such ${what}`);
  }
  if (!st.isFile()) throw new UserError('not_a_file', `${file}: is a folder, not a ${what}; choose a file`);
  return st;
}
