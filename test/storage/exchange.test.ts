/**
 * Import/export through REAL SQLite projects: QDPX and EAF round trips, media resolution,
 * one-transaction imports (a failure leaves the project file byte-identical), xmllint validation
 * of a real demo export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { applyBundle } from '../../src/main/features/exchange/apply';
import { buildExchangeExport, exportExchangeKind } from '../../src/main/features/exchange/export';
import { importExchangeFile, previewExchangeFile, readImportSource } from '../../src/main/features/exchange/import';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { createService } from '../../src/main/service';
import { codePath, type Code, type ProjectSnapshot } from '../../src/shared/domain';
import { exportQdpx, importQdpx } from '../../src/shared/interop';
import { fingerprintFile } from '../../src/main/media';
import { segmentLines, snapshotOf } from '../helpers/snapshot';
import { fileHash, tmpDir } from '../helpers/tmp';
import { eafStructureProblems } from '../helpers/eafStructure';

const XSD = path.resolve(__dirname, '../../schemas/refi-qda/Project.xsd');
const T = Date.UTC(2024, 4, 14, 9, 30);

/** Hash of the project file after folding the WAL in, so "unchanged" means the whole database. */
function projectHash(file: string): string {
  const s = ProjectStore.open(file);
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
  return fileHash(file);
}

/**
 * The demo project (three coders, 68 segments on a real 2-minute video) plus what the demo lacks:
 * custom codes nested two deep with colours and definitions, a memo, a contradiction with
 * evidence, and a transcript (migration 40 tables).
 */
function richProject(): { dir: string; file: string } {
  const dir = tmpDir('triangulate-exchange-');
  const file = writeDemoProject(path.join(dir, 'source'));
  const s = ProjectStore.open(file);
  const researchers = s.listCodes().find((c) => c.name === 'Researchers' && c.parentId === null)!;
  const moments = s.createCode({ name: 'Moments', kind: 'group', parentId: researchers.id, color: '#123456', definition: 'Things that happen' });
  const laughter = s.createCode({ name: 'Laughter', parentId: moments.id, color: '#abcdef', definition: 'Shared laughter, "loud" & long' });
  const amina = s.listCoders().find((c) => c.name === 'amina')!;
  const media = s.listMedia()[0]!;
  const seg = s.insertSegment({ mediaId: media.id, coderId: amina.id, startMs: 12_345, endMs: 13_001, codeIds: [laughter.id], note: 'everyone laughs' });
  const other = s.listSegments().find((x) => x.coderId === amina.id && x.id !== seg.id)!;
  s.tx(() => {
    s.db.prepare("INSERT INTO memos (id, scope, media_id, segment_id, coder_id, time_ms, title, body, created_at, updated_at) VALUES (?, 'media', ?, NULL, ?, 4000, 'First impression', 'The brief dominates.', ?, ?)")
      .run('0f0e0d0c-0b0a-4909-8807-060504030201', media.id, amina.id, T, T);
    s.db.prepare("INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, status, note, created_at, updated_at) VALUES (?, 'secondary', 'tools', ?, 'object', ?, ?, 'emerging', 'Template vs. brief', ?, ?)")
      .run('1f0e0d0c-0b0a-4909-8807-060504030201', researchers.systemId ?? s.listSystems()[0]!.id, s.listSystems()[0]!.id, amina.id, T, T);
    for (const e of [seg.id, other.id]) s.db.prepare('INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES (?, ?)').run('1f0e0d0c-0b0a-4909-8807-060504030201', e);
    s.db.prepare("INSERT INTO transcripts (id, media_id, name, format, created_at, updated_at) VALUES ('2f0e0d0c-0b0a-4909-8807-060504030201', ?, 'workshop.vtt', 'vtt', ?, ?)").run(media.id, T, T);
    const cue = s.db.prepare("INSERT INTO transcript_cues (id, transcript_id, idx, start_ms, end_ms, speaker, text) VALUES (?, '2f0e0d0c-0b0a-4909-8807-060504030201', ?, ?, ?, ?, ?)");
    cue.run('3f0e0d0c-0b0a-4909-8807-060504030201', 0, 1000, 4500, 'Facilitator', 'Welcome, everyone.');
    cue.run('4f0e0d0c-0b0a-4909-8807-060504030201', 1, 4500, 9999, 'Coach', 'Let us look at the brief — “together”.');
  });
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
  return { dir, file };
}

/** The codebook as a sorted list of "path | kind | element | level" lines. */
function codebookTree(codes: Code[]): string[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  return codes.map((c) => `${codePath(c, byId)} | ${c.kind} | ${c.element ?? ''} | ${c.contradictionLevel ?? ''}`).sort();
}

/** Every segment-code pair as "coder | code path | start | end" (what an EAF can carry). */
function codingTriples(snap: ProjectSnapshot): string[] {
  const byId = new Map(snap.codes.map((c) => [c.id, c]));
  const coder = new Map(snap.coders.map((c) => [c.id, c.name]));
  return snap.segments.flatMap((s) => s.codeIds.map((id) => `${coder.get(s.coderId)} | ${codePath(byId.get(id)!, byId)} | ${s.startMs} | ${s.endMs}`)).sort();
}

function newProject(dir: string, name = 'target.triangulate'): string {
  const file = path.join(dir, name);
  ProjectStore.create(file).close();
  return file;
}

describe('QDPX round trip: project → .qdpx → new project', () => {
  it('keeps every segment (id, coder, codes, times to the ms, note), the codebook tree, memos, contradictions and the transcript', () => {
    const { dir, file } = richProject();
    const qdpx = path.join(dir, 'out.qdpx');
    const line = exportExchangeKind(file, 'qdpx', qdpx, { embedMedia: true });
    // 13 contradictions: the 12 relations the demo ships (assets/demo/contradictions.csv) + the one this test adds
    expect(line).toBe(`Wrote ${qdpx}: REFI-QDA project: 28 codes, 3 coders, 1 media (1 embedded), 69 segments, 1 memo, 13 contradictions, 2 transcript cues`);

    const targetDir = path.join(dir, 'elsewhere');
    fs.mkdirSync(targetDir);
    const target = newProject(targetDir);
    const store = ProjectStore.open(target);
    const report = importExchangeFile(store, readImportSource(qdpx));
    store.close();

    const a = snapshotOf(file);
    const b = snapshotOf(target);
    expect(segmentLines(b)).toEqual(segmentLines(a));
    expect(b.segments.map((s) => s.id).sort()).toEqual(a.segments.map((s) => s.id).sort());
    expect(codebookTree(b.codes)).toEqual(codebookTree(a.codes));
    // the two custom codes were created (with colour and definition); the 26 default ones matched by path
    expect(report.codesCreated).toEqual(['Researchers/Moments', 'Researchers/Moments/Laughter']);
    expect(report.codesMatched).toBe(26);
    const laughter = b.codes.find((c) => c.name === 'Laughter')!;
    expect([laughter.color, laughter.definition]).toEqual(['#abcdef', 'Shared laughter, "loud" & long']);
    expect(b.coders.map((c) => c.name).sort()).toEqual(['amina', 'ben', 'chen']);
    expect(b.coders.map((c) => c.id).sort()).toEqual(a.coders.map((c) => c.id).sort());
    // the video was extracted next to the new project: same recording (fingerprint), new place
    expect(report.media).toEqual([{ name: 'workshop.mp4', mediaId: a.media[0]!.id, how: 'extracted', path: path.join(targetDir, 'workshop.mp4') }]);
    expect(b.media[0]!.fingerprint).toBe(a.media[0]!.fingerprint);
    expect(fingerprintFile(path.join(targetDir, 'workshop.mp4')).fingerprint).toBe(a.media[0]!.fingerprint);
    expect(b.memos.map((m) => [m.title, m.body, m.scope, m.timeMs])).toEqual([['First impression', 'The brief dominates.', 'media', 4000]]);
    expect(b.contradictions.map((c) => [c.level, c.elementA, c.elementB, c.status, c.note, c.evidenceSegmentIds.slice().sort()])).toEqual(
      a.contradictions.map((c) => [c.level, c.elementA, c.elementB, c.status, c.note, c.evidenceSegmentIds.slice().sort()]),
    );
    const t = ProjectStore.open(target);
    const cues = t.db.prepare('SELECT c.start_ms, c.end_ms, c.speaker, c.text FROM transcript_cues c ORDER BY idx').all();
    t.close();
    expect(cues).toEqual([
      { start_ms: 1000, end_ms: 4500, speaker: 'Facilitator', text: 'Welcome, everyone.' },
      { start_ms: 4500, end_ms: 9999, speaker: 'Coach', text: 'Let us look at the brief — “together”.' },
    ]);
  });

  it('importing the same .qdpx again changes nothing (upsert by id)', () => {
    const { dir, file } = richProject();
    const qdpx = path.join(dir, 'out.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx);
    const before = segmentLines(snapshotOf(file));
    const store = ProjectStore.open(file);
    const r = importExchangeFile(store, readImportSource(qdpx));
    store.close();
    expect([r.segmentsCreated, r.segmentsUpdated, r.segmentsUnchanged, r.codesCreated, r.codersCreated]).toEqual([0, 0, 69, [], []]);
    expect(r.media.map((m) => m.how)).toEqual(['existing']);
    expect(segmentLines(snapshotOf(file))).toEqual(before);
  });

  it('a media that cannot be found becomes a placeholder that Locate fills in', async () => {
    const { dir, file } = richProject();
    const qdpx = path.join(dir, 'linked.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx); // not embedded: refers to the absolute path
    const video = path.join(dir, 'source', 'workshop.mp4');
    const moved = path.join(dir, 'moved.mp4');
    fs.renameSync(video, moved);
    const targetDir = path.join(dir, 't');
    fs.mkdirSync(targetDir);
    const target = newProject(targetDir);
    const store = ProjectStore.open(target);
    const r = importExchangeFile(store, readImportSource(qdpx));
    expect(r.media.map((m) => [m.name, m.how, m.path])).toEqual([['workshop.mp4', 'placeholder', null]]);
    const media = store.listMedia()[0]!;
    expect([media.fingerprint, media.size]).toEqual(['', 0]);
    const svc = createService(store);
    expect((await svc.mediaStatus({ mediaId: media.id })).state).toBe('missing');
    const located = await svc.locateMedia({ mediaId: media.id, path: moved });
    expect(located.fingerprint).toBe(fingerprintFile(moved).fingerprint);
    expect((await svc.mediaStatus({ mediaId: media.id })).state).toBe('ok');
    store.close();
  });

  it('the absolute path of a linked media is used when the file is there', () => {
    const { dir, file } = richProject();
    const qdpx = path.join(dir, 'linked.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx);
    const target = newProject(path.join(dir));
    const store = ProjectStore.open(target);
    const r = importExchangeFile(store, readImportSource(qdpx));
    store.close();
    expect(r.media.map((m) => [m.how, m.path])).toEqual([['path', path.join(dir, 'source', 'workshop.mp4')]]);
  });
});

describe('EAF round trip: project → .eaf → new project', () => {
  it('keeps every coding (coder, code, times to the ms) and the codebook tree', () => {
    const { dir, file } = richProject();
    const eaf = path.join(dir, 'out.eaf');
    expect(exportExchangeKind(file, 'eaf', eaf)).toMatch(/^Wrote .*out\.eaf: ELAN file for workshop\.mp4: \d+ tiers \(coder × CHAT element\), 69 annotations from 69 segments, codebook of 28 codes as a controlled vocabulary$/);
    expect(eafStructureProblems(fs.readFileSync(eaf, 'utf8'))).toEqual([]);
    const target = newProject(path.join(dir, 'source'), 'from-eaf.triangulate');
    const store = ProjectStore.open(target);
    const r = importExchangeFile(store, readImportSource(eaf));
    store.close();
    const a = snapshotOf(file);
    const b = snapshotOf(target);
    expect(codingTriples(b)).toEqual(codingTriples(a));
    expect(codingTriples(b)).toHaveLength(69);
    expect(codebookTree(b.codes)).toEqual(codebookTree(a.codes));
    expect(r.codersCreated.sort()).toEqual(['amina', 'ben', 'chen']);
    // the EAF names the video by path: found, and it is the same recording
    expect(r.media.map((m) => m.how)).toEqual(['path']);
    expect(b.media[0]!.fingerprint).toBe(a.media[0]!.fingerprint);
    // a code created from the vocabulary keeps its colour and definition (Triangulate-Meta)
    const laughter = b.codes.find((c) => c.name === 'Laughter')!;
    expect([laughter.color, laughter.definition]).toEqual(['#abcdef', 'Shared laughter, "loud" & long']);
  });

  it('imported into the project it came from, nothing is added twice', () => {
    const { dir, file } = richProject();
    const eaf = path.join(dir, 'out.eaf');
    exportExchangeKind(file, 'eaf', eaf);
    const before = codingTriples(snapshotOf(file));
    const store = ProjectStore.open(file);
    const r = importExchangeFile(store, readImportSource(eaf));
    store.close();
    expect(r.media.map((m) => m.how)).toEqual(['fingerprint']);
    expect(r.codesCreated).toEqual([]);
    // 69 segments; the demo has four pairs of same-coder same-span segments with different codes,
    // which the EAF carries as codings of one span: 65 spans, every coding already there
    expect([r.segmentsCreated, r.segmentsUnchanged]).toEqual([0, 65]);
    const after = snapshotOf(file);
    expect(new Set(codingTriples(after))).toEqual(new Set(before));
  });
});

describe('one transaction', () => {
  it('an error in the middle of an import changes nothing and removes extracted media', () => {
    const { dir, file } = richProject();
    const src = snapshotOf(file);
    // a QDPX with the video embedded, new codes and coders first… and one segment past the video's end
    const bad: ProjectSnapshot = { ...src, segments: src.segments.map((s, i) => (i === 40 ? { ...s, startMs: 100_000, endMs: 500_000 } : s)) };
    const bytes = exportQdpx(bad, { sources: { [src.media[0]!.id]: { bytes: new Uint8Array(fs.readFileSync(src.media[0]!.path)), fileName: 'workshop.mp4' } } });
    const qdpx = path.join(dir, 'bad.qdpx');
    fs.writeFileSync(qdpx, bytes);
    const targetDir = path.join(dir, 'target');
    fs.mkdirSync(targetDir);
    const target = newProject(targetDir);
    const before = projectHash(target);
    const store = ProjectStore.open(target);
    expect(() => importExchangeFile(store, readImportSource(qdpx))).toThrow(/Segment 0:01:40\.000–0:08:20\.000 ends after the end of workshop\.mp4 \(0:02:00\.000\)/);
    store.close();
    expect(projectHash(target)).toBe(before);
    expect(fs.readdirSync(targetDir).filter((f) => !/\.triangulate(-wal|-shm)?$/.test(f))).toEqual([]);
  });

  it('a preview is a dry run: same report as the import, nothing written', () => {
    const { dir, file } = richProject();
    const eaf = path.join(dir, 'out.eaf');
    exportExchangeKind(file, 'eaf', eaf);
    const target = newProject(path.join(dir, 'source'), 'p.triangulate');
    const before = projectHash(target);
    const store = ProjectStore.open(target);
    const preview = previewExchangeFile(store, readImportSource(eaf));
    store.close();
    expect(projectHash(target)).toBe(before);
    const store2 = ProjectStore.open(target);
    const report = importExchangeFile(store2, readImportSource(eaf));
    store2.close();
    // new ids (media, segments) are drawn afresh on each run; everything else is the same
    const noIds = (r: typeof report) => ({ ...r, media: r.media.map(({ mediaId: _id, ...m }) => m) });
    expect(noIds(preview.report)).toEqual(noIds(report));
    expect(report.segmentsCreated).toBe(65);
    expect([...new Set(preview.sources.filter((s) => s.chosen).map((s) => s.coder))].sort()).toEqual(['amina', 'ben', 'chen']);
  });

  it('applyBundle refuses a segment whose code is in neither the file nor the project', () => {
    const dir = tmpDir();
    const target = newProject(dir);
    const before = projectHash(target);
    const store = ProjectStore.open(target);
    const bundle = importQdpx(exportQdpx({ projectId: 'p', name: 'x', systems: [], media: [], coders: [], codes: [], segments: [], memos: [], contradictions: [], themes: [] }));
    bundle.coders.push({ id: '5f0e0d0c-0b0a-4909-8807-060504030201', name: 'Zoe', color: '#000000', isConsensus: false, createdAt: T, updatedAt: T });
    bundle.media.push({ id: '6f0e0d0c-0b0a-4909-8807-060504030201', name: 'v.mp4', originalPath: null, location: 'unknown', archivePath: null, path: null, fingerprint: null, size: null, durationMs: null, frameRate: null, mimeType: null, createdAt: T, updatedAt: T });
    bundle.segments.push({ id: '7f0e0d0c-0b0a-4909-8807-060504030201', mediaId: '6f0e0d0c-0b0a-4909-8807-060504030201', coderId: '5f0e0d0c-0b0a-4909-8807-060504030201', startMs: 0, endMs: 10, note: '', codeIds: ['8f0e0d0c-0b0a-4909-8807-060504030201'], createdAt: T, updatedAt: T });
    expect(() => applyBundle(store, bundle)).toThrow('Segment 0:00:00.000–0:00:00.010 uses a code that is not in the file or the project');
    store.close();
    expect(projectHash(target)).toBe(before);
  });
});

describe('exports of the real demo project', () => {
  const hasXmllint = fs.existsSync('/usr/bin/xmllint');

  it('project.qde validates against the REFI-QDA Project.xsd (xmllint)', () => {
    if (!hasXmllint) {
      console.warn('SKIPPED: xmllint is not installed (Debian libxml2-utils)');
      return;
    }
    const dir = tmpDir();
    execFileSync(process.execPath, [require.resolve('tsx/cli'), path.resolve(__dirname, '../../src/main/cli/index.ts'), 'demo', dir], { stdio: 'pipe' });
    const project = path.join(dir, 'Demo workshop.triangulate');
    const out = path.join(dir, 'demo.qdpx');
    exportExchangeKind(project, 'qdpx', out, { embedMedia: true });
    const files = unzipSync(new Uint8Array(fs.readFileSync(out)));
    expect(Object.keys(files).sort()).toEqual(['Sources/' + Object.keys(files).find((f) => f.startsWith('Sources/'))!.slice(8), 'project.qde'].sort());
    const qde = path.join(dir, 'project.qde');
    fs.writeFileSync(qde, files['project.qde']!);
    // throws with xmllint's message when invalid
    const res = execFileSync('/usr/bin/xmllint', ['--noout', '--schema', XSD, qde], { stdio: 'pipe' }).toString();
    expect(res).toBe('');
    expect(strFromU8(files['project.qde']!)).toContain('<VideoSelection');
  });

  it('an EAF needs a media when the project has several', () => {
    const { file } = richProject();
    const s = ProjectStore.open(file);
    s.insertMedia({ path: '/nowhere/b.mp4', name: 'b.mp4', fingerprint: 'f'.repeat(64), size: 1, durationMs: 1000 });
    expect(() => buildExchangeExport(s, 'eaf')).toThrow('The project has 2 media; choose one with --media NAME (workshop.mp4, b.mp4)');
    expect(buildExchangeExport(s, 'eaf', { media: 'b.mp4' }).fileName).toBe('Demo workshop - b.eaf');
    s.close();
  });
});
