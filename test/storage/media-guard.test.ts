/**
 * Issue 10 item 11: a file is added, located or embedded as a recording only when its first bytes
 * say it is a media container; anything else is refused with one line and nothing changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { fingerprintFile } from '../../src/main/media';
import { exportExchangeKind } from '../../src/main/features/exchange/export';
import { importExchangeFile, readImportSource } from '../../src/main/features/exchange/import';
import { createService } from '../../src/main/service';
import { exportQdpx } from '../../src/shared/interop';
import { cli } from '../helpers/cli';
import { fileHash, tmpDir } from '../helpers/tmp';

const MEDIA = path.resolve(__dirname, '../fixtures/media');
const notMedia = (file: string, found: string) => `${file}: not a video or audio file (found ${found}); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)`;

function setup() {
  const dir = tmpDir();
  const shadow = path.join(dir, 'shadow');
  fs.writeFileSync(shadow, 'root:$6$Qx0mW1Ea$Z1dT3kq8wZ9nF0:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n');
  const file = path.join(dir, 'p.triangulate');
  const store = ProjectStore.create(file);
  return { dir, shadow, file, store, svc: createService(store) };
}

describe('adding media', () => {
  it('refuses a text file (an /etc/shadow look-alike) and adds nothing', async () => {
    const { shadow, store, svc } = setup();
    await expect(svc.addMedia({ path: shadow })).rejects.toThrow(notMedia(shadow, 'text'));
    expect(store.listMedia()).toEqual([]);
    store.close();
  });

  it('refuses a database, even when it is named .mp4, and an empty file', async () => {
    const { dir, file, store, svc } = setup();
    const db = path.join(dir, 'study.mp4');
    fs.copyFileSync(file, db);
    await expect(svc.addMedia({ path: db })).rejects.toThrow(notMedia(db, 'an SQLite database'));
    const empty = path.join(dir, 'empty.mov');
    fs.writeFileSync(empty, '');
    await expect(svc.addMedia({ path: empty })).rejects.toThrow(notMedia(empty, 'an empty file'));
    expect(store.listMedia()).toEqual([]);
    store.close();
  });

  it('adds a real recording whatever its name', async () => {
    const { dir, store, svc } = setup();
    const renamed = path.join(dir, 'interview.bin');
    fs.copyFileSync(path.join(MEDIA, 'tone.ogg'), renamed);
    expect((await svc.addMedia({ path: renamed })).name).toBe('interview.bin');
    expect(store.listMedia()).toHaveLength(1);
    store.close();
  });
});

describe('locating media', () => {
  it('does not link a placeholder media to a text file', async () => {
    const { shadow, store, svc } = setup();
    const placeholder = store.insertMedia({ path: '', name: 'workshop.mp4', fingerprint: '', size: 0, durationMs: 60_000 });
    await expect(svc.locateMedia({ mediaId: placeholder.id, path: shadow })).rejects.toThrow(notMedia(shadow, 'text'));
    expect(store.getMedia(placeholder.id)).toMatchObject({ path: '', fingerprint: '', size: 0 });
    store.close();
  });

  it('says a chosen file is not a recording before comparing fingerprints', async () => {
    const { dir, shadow, store, svc } = setup();
    const wav = path.join(dir, 'tone.wav');
    fs.copyFileSync(path.join(MEDIA, 'tone.wav'), wav);
    const m = await svc.addMedia({ path: wav });
    await expect(svc.locateMedia({ mediaId: m.id, path: shadow })).rejects.toThrow(notMedia(shadow, 'text'));
    expect(store.getMedia(m.id).path).toBe(wav);
    store.close();
  });
});

describe('embedding media in a .qdpx', () => {
  it('leaves out a media row forged to point at a text file, and says so', async () => {
    const { dir, shadow, file, store } = setup();
    const wav = path.join(dir, 'tone.wav');
    fs.copyFileSync(path.join(MEDIA, 'tone.wav'), wav);
    await createService(store).addMedia({ path: wav });
    // what a hostile coder file or import could leave behind: a row naming a non-media file
    store.insertMedia({ path: shadow, name: 'secret.mp4', ...fingerprintFile(shadow), durationMs: 1000 });
    store.close();
    const before = fileHash(file);
    const out = path.join(dir, 'out.qdpx');
    const r = await cli('export', file, '--kind', 'qdpx', '--out', out, '--embed-media');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/2 media \(1 embedded\).*; not embedded \(not a video or audio file\): secret\.mp4\n$/);
    const sources = Object.keys(unzipSync(new Uint8Array(fs.readFileSync(out)))).filter((n) => n.startsWith('Sources/'));
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/\.wav$/);
    expect(fs.readFileSync(out).includes(Buffer.from('root:$6$'))).toBe(false);
    expect(fileHash(file)).toBe(before);
  });

  it('the same through the API call', () => {
    const { dir, shadow, file, store } = setup();
    store.insertMedia({ path: shadow, name: 'secret.mp4', ...fingerprintFile(shadow), durationMs: 1000 });
    store.close();
    const line = exportExchangeKind(file, 'qdpx', path.join(dir, 'o.qdpx'), { embedMedia: true });
    expect(line).toContain('1 media (0 embedded)');
    expect(line).toContain('not embedded (not a video or audio file): secret.mp4');
  });
});

describe('importing an exchange file', () => {
  /** A project and a real recording beside it. */
  function linkedQdpx() {
    const { dir, store, file } = setup();
    const wav = path.join(dir, 'tone.wav');
    fs.copyFileSync(path.join(MEDIA, 'tone.wav'), wav);
    return { dir, store, file, wav };
  }

  it('does not link a media whose referenced path holds a text file', async () => {
    const { dir, store, file, wav } = linkedQdpx();
    await createService(store).addMedia({ path: wav });
    store.close();
    const qdpx = path.join(dir, 'linked.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx);
    fs.writeFileSync(wav, 'root:x:0:0:root:/root:/bin/bash\n'); // the path now names something else
    const targetDir = path.join(dir, 'target');
    fs.mkdirSync(targetDir);
    const target = path.join(targetDir, 't.triangulate');
    ProjectStore.create(target).close();
    const r = await cli('import', target, qdpx);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const t = ProjectStore.open(target);
    expect(t.listMedia().map((m) => [m.name, m.fingerprint])).toEqual([['tone.wav', '']]);
    t.close();
  });

  it('does not extract an embedded "video" that is not a recording', () => {
    const { dir, store, wav } = linkedQdpx();
    const m = store.insertMedia({ path: wav, name: 'workshop.mp4', ...fingerprintFile(wav), durationMs: 1000 });
    const bytes = exportQdpx(store.snapshot(), { sources: { [m.id]: { bytes: new TextEncoder().encode('#!/bin/sh\nrm -rf ~\n'), fileName: 'workshop.mp4' } } });
    store.close();
    fs.rmSync(wav); // only the archive holds the "video"
    const qdpx = path.join(dir, 'bad.qdpx');
    fs.writeFileSync(qdpx, bytes);
    const targetDir = path.join(dir, 'target');
    fs.mkdirSync(targetDir);
    const target = path.join(targetDir, 't.triangulate');
    ProjectStore.create(target).close();
    const t = ProjectStore.open(target);
    const report = importExchangeFile(t, readImportSource(qdpx));
    expect(report.media.map((x) => [x.name, x.how])).toEqual([['workshop.mp4', 'placeholder']]);
    t.close();
    expect(fs.readdirSync(targetDir).filter((f) => !/\.triangulate(-wal|-shm)?$/.test(f))).toEqual([]);
  });
});

describe('media status', () => {
  it('says a media row pointing at a text file is not a recording, so the screen offers Locate', async () => {
    const { shadow, store, svc } = setup();
    const forged = store.insertMedia({ path: shadow, name: 'secret.mp4', ...fingerprintFile(shadow), durationMs: 1000 });
    expect(await svc.mediaStatus({ mediaId: forged.id })).toEqual({ state: 'changed', mediaId: forged.id, path: shadow, message: notMedia(shadow, 'text') });
    store.close();
  });
});
