/** Helpers of the merge / coder-file / reconcile storage tests: real SQLite files in a temp dir. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectStore } from '../../src/main/db/store';
import { addMediaFile } from '../../src/main/service';

export function tempDir(prefix = 'triangulate-merge-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock that ticks 1 ms per call from `start`, so stamps are distinct and reproducible. */
export function tickingClock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => t++;
}

/** Random bytes behind an MP4 `ftyp` box: a distinct stand-in for a recording that the media sniffer accepts. */
export function fakeRecording(size = 4096): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), crypto.randomBytes(size - 16)]);
}

/** A project with one media file (a stand-in for a recording) and the given coders. */
export function makeProject(dir: string, coders: string[] = ['amina', 'ben'], opts: { clock?: () => number; mediaBytes?: Buffer } = {}) {
  const media = path.join(dir, 'workshop.mp4');
  fs.writeFileSync(media, opts.mediaBytes ?? fakeRecording());
  const file = path.join(dir, 'lead.triangulate');
  const store = ProjectStore.create(file, { clock: opts.clock ?? tickingClock() });
  const m = addMediaFile(store, media, 120_000, 25);
  const ids = Object.fromEntries(coders.map((c) => [c, store.insertCoder({ name: c }).id]));
  return { store, file, mediaId: m.id, mediaPath: media, coderIds: ids as Record<string, string> };
}

/** The id of a code by its path ("Researchers/Tools") or unique leaf name. */
export function codeId(store: ProjectStore, name: string): string {
  const codes = store.listCodes();
  const byId = new Map(codes.map((c) => [c.id, c]));
  const pathOf = (id: string | null): string => {
    const c = id ? byId.get(id) : undefined;
    return c ? (c.parentId ? `${pathOf(c.parentId)}/${c.name}` : c.name) : '';
  };
  const hit = codes.filter((c) => pathOf(c.id) === name || c.name === name);
  if (hit.length !== 1) throw new Error(`code ${name}: ${hit.length} matches`);
  return hit[0]!.id;
}

/** sha256 of a project file after checkpointing its WAL (the file then holds every commit). */
export function fileHash(store: ProjectStore): string {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return crypto.createHash('sha256').update(fs.readFileSync(store.file)).digest('hex');
}

/** A byte copy of a closed-or-checkpointed project (for A+B vs B+A). */
export function copyProject(store: ProjectStore, to: string, clock?: () => number): ProjectStore {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(store.file, to);
  return ProjectStore.open(to, { clock });
}
