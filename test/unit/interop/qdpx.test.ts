import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codePath, type ProjectSnapshot } from '../../../src/shared/domain';
import type { ImportBundle } from '../../../src/shared/interop/bundle';
import { InteropError } from '../../../src/shared/interop/errors';
import { buildProjectQde, exportQdpx, importQdpx, readQdpxEntry } from '../../../src/shared/interop/qdpx';
import { fixtureSnapshot } from './fixture';

const XSD = path.resolve(__dirname, '../../../schemas/refi-qda/Project.xsd');
const XMLLINT = '/usr/bin/xmllint';
const EXPORTED_AT = Date.UTC(2024, 5, 1, 12, 0, 0);

const transcripts = (s: ProjectSnapshot) => ({
  [s.media[0].id]: [
    { startMs: 0, endMs: 4_200, speaker: 'Facilitator', text: 'Welcome — let’s start 🙂' },
    { startMs: 4_200, endMs: 9_999, speaker: 'Coach A', text: 'Briefs look "academic" & long.' },
    { startMs: 10_000, endMs: 12_000, speaker: '', text: '[laughter]' },
  ],
});

function treeOf(codes: { id: string; name: string; parentId: string | null }[]): string[] {
  const byId = new Map(codes.map((c) => [c.id, c as never]));
  return codes.map((c) => codePath(c as never, byId)).sort();
}

function segmentKeys(s: { segments: { id: string; coderId: string; mediaId: string; startMs: number; endMs: number; codeIds: string[]; note: string }[] }): string[] {
  return s.segments.map((x) => JSON.stringify([x.id, x.mediaId, x.coderId, x.startMs, x.endMs, [...x.codeIds].sort(), x.note])).sort();
}

describe('QDPX export', () => {
  it('validates against the repository\'s own copy of the schema (nothing outside the repository)', () => {
    const repo = path.resolve(__dirname, '../../..');
    expect(path.relative(repo, XSD)).toBe(path.join('schemas', 'refi-qda', 'Project.xsd'));
    expect(existsSync(XSD)).toBe(true);
  });

  it('writes a project.qde that validates against the REFI-QDA Project.xsd', (ctx) => {
    if (!existsSync(XMLLINT)) {
      console.warn('SKIPPED: xmllint is not installed (Debian package libxml2-utils); cannot validate against Project.xsd');
      ctx.skip();
    }
    const snap = fixtureSnapshot();
    const bytes = exportQdpx(snap, { exportedAt: EXPORTED_AT, transcripts: transcripts(snap), sources: { [snap.media[0].id]: { bytes: strToU8('fake video'), fileName: 'Workshop 1.mp4' } } });
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['Sources/' + snap.media[0].id + '.mp4', 'project.qde']);
    const dir = mkdtempSync(path.join(tmpdir(), 'qdpx-'));
    try {
      const file = path.join(dir, 'project.qde');
      writeFileSync(file, files['project.qde']);
      // throws (non-zero exit) with xmllint's message when invalid
      const out = execFileSync(XMLLINT, ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty project is valid too', (ctx) => {
    if (!existsSync(XMLLINT)) ctx.skip();
    const empty: ProjectSnapshot = { projectId: 'p', name: '', systems: [], media: [], coders: [], codes: [], segments: [], memos: [], contradictions: [], themes: [] };
    const dir = mkdtempSync(path.join(tmpdir(), 'qdpx-'));
    try {
      const file = path.join(dir, 'project.qde');
      writeFileSync(file, buildProjectQde(empty, { exportedAt: EXPORTED_AT }));
      execFileSync(XMLLINT, ['--noout', '--schema', XSD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is human-readable where other tools show it', () => {
    const snap = fixtureSnapshot();
    const qde = buildProjectQde(snap, { exportedAt: EXPORTED_AT });
    expect(qde).toContain('xmlns="urn:QDA-XML:project:1.0"');
    expect(qde).toContain('name="Secondary contradiction: Subject (Researchers) ↔ Object (shared)"');
    expect(qde).toContain('CHAT element &quot;Tools&quot; of activity system &quot;Researchers&quot;.'.replace(/&quot;/g, '"'));
    expect(qde).toMatch(/<VideoSelection [^>]*begin="1001" end="12345"/);
    expect(qde).toContain('path="absolute:///home/ana/videos/Workshop 1.mp4"');
    expect(qde).toContain('path="absolute://C:/Users/ana/Workshop 2.mov"');
  });
});

describe('QDPX round trip', () => {
  const snap = fixtureSnapshot();
  const bundle: ImportBundle = importQdpx(
    exportQdpx(snap, { exportedAt: EXPORTED_AT, transcripts: transcripts(snap), sources: { [snap.media[0].id]: { bytes: strToU8('fake video'), fileName: 'Workshop 1.mp4' } } }),
  );

  it('keeps every segment: id, media, coder, codes, times to the ms, note', () => {
    expect(segmentKeys(bundle)).toEqual(segmentKeys(snap));
  });

  it('keeps the codebook tree and every code field', () => {
    expect(treeOf(bundle.codes)).toEqual(treeOf(snap.codes));
    const byId = new Map(bundle.codes.map((c) => [c.id, c]));
    for (const c of snap.codes) expect(byId.get(c.id)).toEqual(c);
  });

  it('keeps coders, systems, themes and memos', () => {
    expect(bundle.coders).toEqual(snap.coders);
    expect(bundle.systems).toEqual(snap.systems);
    expect(bundle.themes).toEqual(snap.themes);
    expect([...bundle.memos].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...snap.memos].sort((a, b) => a.id.localeCompare(b.id)));
    expect(bundle.projectName).toBe(snap.name);
  });

  it('keeps contradictions with their evidence', () => {
    const sortC = (l: typeof snap.contradictions) => [...l].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortC(bundle.contradictions)).toEqual(sortC(snap.contradictions));
  });

  it('references media inside the archive or by absolute path', () => {
    const [m1, m2] = bundle.media;
    expect(m1).toMatchObject({ id: snap.media[0].id, name: 'Workshop 1.mp4', location: 'archive', archivePath: `Sources/${snap.media[0].id}.mp4`, path: '/home/ana/videos/Workshop 1.mp4', fingerprint: snap.media[0].fingerprint, size: snap.media[0].size, durationMs: 5_400_123, frameRate: 25 });
    expect(m2).toMatchObject({ id: snap.media[1].id, location: 'absolute', archivePath: null, path: 'C:/Users/ana/Workshop 2.mov', durationMs: null, frameRate: null });
    expect(bundle.warnings).toEqual([]);
  });

  it('keeps the transcript with its sync points', () => {
    expect(bundle.transcripts[snap.media[0].id]).toEqual(transcripts(snap)[snap.media[0].id]);
  });

  it('reads an embedded source through the same checks', () => {
    const bytes = exportQdpx(snap, { exportedAt: EXPORTED_AT, sources: { [snap.media[0].id]: { bytes: strToU8('fake video'), fileName: 'x.MP4' } } });
    expect(strFromU8(readQdpxEntry(bytes, `Sources/${snap.media[0].id}.mp4`))).toBe('fake video');
    expect(() => readQdpxEntry(bytes, 'Sources/nope.mp4')).toThrow(InteropError);
  });
});

describe('QDPX from other tools', () => {
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project name="From MAXQDA" origin="MAXQDA 2022" xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Users><User guid="{AAAAAAAA-1111-4111-8111-111111111111}" name="Maria"/></Users>
  <CodeBook><Codes>
    <Code guid="{BBBBBBBB-1111-4111-8111-111111111111}" name="Power" isCodable="true" color="#FF0000">
      <Description>Who decides &amp; how</Description>
      <Code guid="{BBBBBBBB-2222-4111-8111-111111111111}" name="Veto" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{CCCCCCCC-0000-4111-8111-111111111111}" name="Interview" plainTextPath="internal://x.txt"/>
    <VideoSource guid="{CCCCCCCC-1111-4111-8111-111111111111}" name="clip.mp4" path="relative://media/clip.mp4">
      <VideoSelection guid="{DDDDDDDD-1111-4111-8111-111111111111}" begin="1500" end="2500" creatingUser="{AAAAAAAA-1111-4111-8111-111111111111}">
        <Coding guid="{EEEEEEEE-1111-4111-8111-111111111111}" creatingUser="{AAAAAAAA-1111-4111-8111-111111111111}"><CodeRef targetGUID="{BBBBBBBB-2222-4111-8111-111111111111}"/></Coding>
        <Coding guid="{EEEEEEEE-2222-4111-8111-111111111111}" creatingUser="{AAAAAAAA-2222-4111-8111-111111111111}"><CodeRef targetGUID="{BBBBBBBB-1111-4111-8111-111111111111}"/></Coding>
      </VideoSelection>
    </VideoSource>
  </Sources>
</Project>`;
  const b = importQdpx(zipSync({ 'project.qde': strToU8(qde) }));

  it('imports codes as custom codes with their hierarchy, colours and descriptions', () => {
    expect(b.codes.map((c) => [c.name, c.kind, c.parentId, c.color, c.definition])).toEqual([
      ['Power', 'custom', null, '#FF0000', 'Who decides & how'],
      ['Veto', 'custom', 'bbbbbbbb-1111-4111-8111-111111111111', '#888888', ''],
    ]);
  });

  it('splits a selection coded by two users into one segment per coder', () => {
    expect(b.segments.map((s) => [s.coderId, s.startMs, s.endMs, s.codeIds])).toEqual([
      ['aaaaaaaa-1111-4111-8111-111111111111', 1500, 2500, ['bbbbbbbb-2222-4111-8111-111111111111']],
      ['aaaaaaaa-2222-4111-8111-111111111111', 1500, 2500, ['bbbbbbbb-1111-4111-8111-111111111111']],
    ]);
    expect(b.segments[0].id).toBe('dddddddd-1111-4111-8111-111111111111');
    expect(b.coders.map((c) => c.name)).toEqual(['Maria', 'Unknown user aaaaaaaa']);
    expect(b.media[0]).toMatchObject({ location: 'relative', path: 'media/clip.mp4', name: 'clip.mp4' });
    expect(b.warnings.join('\n')).toMatch(/1 text\/PDF\/picture source/);
  });

  it('accepts a bare project.qde too', () => {
    expect(importQdpx(strToU8(qde)).segments).toHaveLength(2);
  });
});
