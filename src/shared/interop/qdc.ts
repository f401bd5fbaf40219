/**
 * REFI-QDA codebook exchange (.qdc): the `CodeBook` element on its own, namespace
 * urn:QDA-XML:codebook:1.0 (Codebook.xsd). The code tree is written and read as in project.qde
 * (writeCodes / readCodes in qdpx.ts), so CHAT data travels in each code's Triangulate-Meta line.
 * Importing merges by code path and never deletes: planCodebookImport says what would happen.
 * Pure: no DOM, no Node.
 */
import { codePath, type ActivitySystem, type Code, type Uuid } from '../domain';
import { InteropError } from './errors';
import { readCodes, writeCodes } from './qdpx';
import { kid, parseXmlSafe, XmlWriter } from './xml';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** The .qdc XML for a codebook. */
export function buildCodebookQdc(codes: readonly Code[], systems: readonly ActivitySystem[]): string {
  if (codes.length === 0) throw new InteropError('The codebook is empty; there is nothing to export.');
  const w = new XmlWriter();
  w.open('CodeBook', { xmlns: QDC_NAMESPACE, origin: 'Triangulate' });
  writeCodes(w, codes, new Map(systems.map((s) => [s.id, s])));
  w.close();
  return w.toString();
}

export interface QdcCodebook {
  codes: Code[];
  /** Codes the file gives no colour (they take the default grey when added, and keep theirs when matched). */
  colorless: Set<Uuid>;
  /** Activity systems named by the file's CHAT element codes. */
  systems: ActivitySystem[];
}

/** Reads a .qdc (already valid against Codebook.xsd): its code tree and the systems it names. */
export function parseCodebookQdc(xml: string, now: number): QdcCodebook {
  const root = kid(parseXmlSafe(xml, 'codebook'), 'CodeBook');
  if (!root) throw new InteropError('The file has no <CodeBook> root element; it is not a REFI-QDA codebook (.qdc).');
  const systems: ActivitySystem[] = [];
  const colorless = new Set<Uuid>();
  const codes = readCodes(kid(root, 'Codes'), { now, systems, systemIds: new Set(), colorless });
  return { codes, systems, colorless };
}

export interface CodebookImportPlan {
  /** Codes to add, parents before children, with the project ids they will have. */
  add: Code[];
  /** Matched codes whose colour or definition the file changes. */
  update: { id: Uuid; path: string; color: string; definition: string; changes: string[] }[];
  unchanged: number;
  /** Activity systems to create (named by added element codes and not in the project). */
  newSystems: ActivitySystem[];
  /** Why something is not taken as it is in the file (a hotkey in use, say). */
  notes: string[];
}

interface PlanInput {
  project: { codes: readonly Code[]; systems: readonly ActivitySystem[] };
  file: QdcCodebook;
  newId: () => Uuid;
}

/**
 * Merges a file's codebook into the project's by full code path ("Researchers/Tools"), matched
 * case-insensitively: a matched code keeps its id, name, place and hotkey and takes the file's
 * colour and definition where the file gives them; any other code is added under its (matched or added) parent. Activity
 * systems match by name. Nothing is ever deleted.
 */
export function planCodebookImport({ project, file, newId }: PlanInput): CodebookImportPlan {
  const key = (p: string) => p.toLocaleLowerCase();
  const byId = new Map(project.codes.map((c) => [c.id, c]));
  const byPath = new Map(project.codes.map((c) => [key(codePath(c, byId)), c]));
  const fileById = new Map(file.codes.map((c) => [c.id, c]));
  const usedIds = new Set(project.codes.map((c) => c.id));
  const usedKeys = new Set(project.codes.map((c) => c.hotkey).filter((h): h is string => !!h));
  const systemFor = systemMapper(project.systems, file.systems, newId);
  const plan: CodebookImportPlan = { add: [], update: [], unchanged: 0, newSystems: systemFor.created, notes: [] };
  const target = new Map<Uuid, Uuid>(); // file code id → project code id
  for (const c of file.codes) {
    const path = codePath(c, fileById);
    const match = byPath.get(key(path));
    if (match) {
      target.set(c.id, match.id);
      const color = file.colorless.has(c.id) ? match.color : c.color;
      const definition = c.definition.trim() ? c.definition : match.definition;
      const changes = [color.toLowerCase() !== match.color.toLowerCase() ? 'colour' : '', definition !== match.definition ? 'definition' : ''].filter(Boolean);
      if (changes.length) plan.update.push({ id: match.id, path, color, definition, changes });
      else plan.unchanged++;
      continue;
    }
    const id = usedIds.has(c.id) ? newId() : c.id;
    usedIds.add(id);
    target.set(c.id, id);
    let hotkey = c.hotkey;
    if (hotkey && usedKeys.has(hotkey)) {
      plan.notes.push(`"${path}": hotkey "${hotkey}" is already used in this study; added without a hotkey`);
      hotkey = null;
    }
    if (hotkey) usedKeys.add(hotkey);
    const parentId = c.parentId ? target.get(c.parentId) ?? null : null;
    const systemId = c.systemId ? systemFor.id(c.systemId) : null;
    plan.add.push({ ...c, id, parentId, systemId, hotkey });
  }
  plan.newSystems = systemFor.created.filter((s) => plan.add.some((c) => c.systemId === s.id));
  return plan;
}

/** File system id → project system id, by name; a name the project lacks becomes a new system. */
function systemMapper(project: readonly ActivitySystem[], file: readonly ActivitySystem[], newId: () => Uuid) {
  const byName = new Map(project.map((s) => [s.name.toLocaleLowerCase(), s.id]));
  const created: ActivitySystem[] = [];
  const ids = new Map<Uuid, Uuid>();
  let next = project.reduce((m, s) => Math.max(m, s.sortOrder + 1), 0);
  for (const s of file) {
    const found = byName.get(s.name.toLocaleLowerCase());
    if (found) {
      ids.set(s.id, found);
      continue;
    }
    const sys: ActivitySystem = { ...s, id: project.some((p) => p.id === s.id) ? newId() : s.id, sortOrder: next++ };
    created.push(sys);
    byName.set(s.name.toLocaleLowerCase(), sys.id);
    ids.set(s.id, sys.id);
  }
  return { created, id: (fileSystemId: Uuid): Uuid | null => ids.get(fileSystemId) ?? null };
}
