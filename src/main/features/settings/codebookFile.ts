/**
 * Codebook files (.qdc, REFI-QDA Codebook.xsd): export the study's codebook, and import one by
 * merging it by code path (preview first, nothing ever deleted). An imported file is validated
 * against Codebook.xsd with libxml2 (xmllint-wasm, the same checks as `xmllint --schema`); an
 * invalid one is refused with one line naming the line and the schema error, and nothing changes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { UserError } from '../../../shared/errors';
import { InteropError } from '../../../shared/interop/errors';
import { buildCodebookQdc, parseCodebookQdc, planCodebookImport, type CodebookImportPlan } from '../../../shared/interop/qdc';
import { decodeUtf8 } from '../../../shared/limits';
import { refuseOverwrite, writeFileAtomic } from '../../cli/io';
import type { ProjectStore } from '../../db/store';
import { APP_ROOT } from '../../paths';
import { nextCodeSort } from '../../db/tables/codes';

/** A codebook of 10,000 codes is about 10 MB of XML; anything far larger is not a codebook. */
export const MAX_QDC_BYTES = 32 * 1024 * 1024;

/** Where Codebook.xsd lives: schemas/refi-qda in a checkout, resources/schemas in a packaged app. */
export function codebookXsdFile(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.TRIANGULATE_SCHEMAS,
    resources && path.join(resources, 'schemas', 'refi-qda'),
    path.join(APP_ROOT, 'schemas', 'refi-qda'), // a checkout, an installed package, dist-electron
  ].filter((p): p is string => !!p).map((d) => path.join(d, 'Codebook.xsd'));
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`Codebook.xsd not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Writes the study's codebook as a .qdc; returns the summary line. */
export function exportCodebookFile(store: ProjectStore, out: string): { file: string; codes: number } {
  const abs = path.resolve(out);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError('not_found', `${out}: the folder ${dir} does not exist`);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new UserError('invalid', `${out}: is a folder; name a file`);
  refuseOverwrite(abs, [store.file]);
  const codes = store.listCodes();
  writeFileAtomic(abs, buildCodebookQdc(codes, store.listSystems()));
  return { file: abs, codes: codes.length };
}

/** Reads and validates a .qdc file: one UserError line for anything wrong with it. */
export async function readCodebookFile(file: string): Promise<string> {
  const abs = path.resolve(file);
  const st = fs.statSync(abs, { throwIfNoEntry: false });
  if (!st) throw new UserError('not_found', `${abs}: no such file`);
  if (!st.isFile()) throw new UserError('invalid', `${abs}: is not a file; choose a REFI-QDA codebook (.qdc)`);
  if (st.size > MAX_QDC_BYTES) throw new UserError('too_large', `${abs}: ${st.size} bytes is too large for a codebook (limit ${MAX_QDC_BYTES}); nothing was imported`);
  const xml = decodeUtf8(fs.readFileSync(abs), abs);
  try {
    parseCodebookQdc(xml, 0); // refuses DOCTYPE/ENTITY (billion laughs) before libxml2 sees the file
  } catch (e) {
    if (!(e instanceof InteropError)) throw e;
    throw new UserError('invalid', `${abs}: ${e.message}; nothing was imported`);
  }
  const schema = fs.readFileSync(codebookXsdFile(), 'utf8');
  const res = await validateXML({ xml: { fileName: 'codebook.qdc', contents: xml }, schema: { fileName: 'Codebook.xsd', contents: schema } });
  if (!res.valid) {
    const first = res.errors[0];
    const where = first?.loc ? `line ${first.loc.lineNumber}: ` : '';
    const why = (first?.message ?? 'fails to validate').replace(/^Schemas validity error : /, '').replace(/\{urn:QDA-XML:codebook:1\.0\}/g, '');
    throw new UserError('invalid', `${abs}: ${where}${why} (not a valid REFI-QDA codebook, Codebook.xsd); nothing was imported`);
  }
  return xml;
}

/** What importing the file would add and change (nothing is written). */
export async function planCodebookFile(store: ProjectStore, file: string): Promise<CodebookImportPlan> {
  const xml = await readCodebookFile(file);
  const parsed = parseCodebookQdc(xml, store.now());
  return planCodebookImport({ project: { codes: store.listCodes(), systems: store.listSystems() }, file: parsed, newId: randomUUID });
}

/** Applies a plan in the caller's transaction: new systems, new codes (after their siblings), updates. */
export function applyCodebookPlan(store: ProjectStore, plan: CodebookImportPlan): void {
  const now = store.now();
  for (const s of plan.newSystems) store.insertSystemRow({ ...s, createdAt: now, updatedAt: now });
  for (const c of plan.add) {
    const sortOrder = nextCodeSort(store.db, c.parentId);
    store.insertCodeRow({ ...c, sortOrder, createdAt: now, updatedAt: now });
  }
  for (const u of plan.update) store.updateCode(u.id, { color: u.color, definition: u.definition });
}
