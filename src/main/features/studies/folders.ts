/**
 * The in-app file browser's answer (web mode, where the page cannot see paths): one folder's
 * sub-folders and the files of the accepted types, with names, sizes and dates only. It never
 * reads a file's contents.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FolderEntry, FolderListing } from '../../../shared/contract/studies';
import { UserError } from '../../../shared/errors';

const MAX_ENTRIES = 20_000;

/** Lists `dir` (default: the home folder); `accept` is a list of extensions like ".mp4" (empty: every file). */
export function listFolder(dir: string | undefined, accept: readonly string[], showHidden = false): FolderListing {
  const abs = path.resolve(dir && dir.trim() ? expandHome(dir.trim()) : os.homedir());
  let dirents: fs.Dirent[];
  try {
    if (!fs.statSync(abs).isDirectory()) return listFolder(path.dirname(abs), accept, showHidden);
    dirents = fs.readdirSync(abs, { withFileTypes: true });
  } catch (e) {
    throw new UserError('not_found', `${abs}: cannot open this folder (${(e as NodeJS.ErrnoException).code ?? 'error'}); type another path`);
  }
  const wanted = accept.map((a) => a.toLowerCase());
  const entries: FolderEntry[] = [];
  for (const d of dirents) {
    if (!showHidden && d.name.startsWith('.')) continue;
    const entry = describe(abs, d, wanted);
    if (entry) entries.push(entry);
    if (entries.length >= MAX_ENTRIES) break;
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = path.dirname(abs);
  return { path: abs, parent: parent === abs ? null : parent, home: os.homedir(), entries, truncated: entries.length >= MAX_ENTRIES };
}

function describe(dir: string, d: fs.Dirent, wanted: string[]): FolderEntry | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(path.join(dir, d.name)); // follows symbolic links, as a file dialog does
  } catch {
    return null;
  }
  if (st.isDirectory()) return { name: d.name, kind: 'folder', size: 0, modifiedMs: Math.round(st.mtimeMs) };
  if (!st.isFile()) return null;
  if (wanted.length && !wanted.some((ext) => d.name.toLowerCase().endsWith(ext))) return null;
  return { name: d.name, kind: 'file', size: st.size, modifiedMs: Math.round(st.mtimeMs) };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}
