/**
 * Interop timings: hostile archives are refused quickly (the issue asks for it; the tests only
 * check that they are refused), and the demo project's QDPX/EAF export and import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ProjectStore } from '../src/main/db/store';
import { writeDemoProject } from '../src/main/features/studies/demo';
import { exportExchangeKind } from '../src/main/features/exchange/export';
import { importExchangeFile, readImportSource } from '../src/main/features/exchange/import';
import { IMPORT_ZIP_LIMITS } from '../src/main/features/exchange/limits';
import { importQdpx, parseEaf } from '../src/shared/interop';
import { deflatedZeros, GiB, handZip, LAUGHS } from '../test/unit/interop/hostileFiles';
import { medianMs, type BenchFigure } from './run';

const refusal = async (fn: () => unknown): Promise<number> =>
  medianMs(5, () => {
    try {
      fn();
    } catch {
      return;
    }
    throw new Error('expected a refusal');
  });

export async function run(): Promise<BenchFigure[]> {
  const bomb = deflatedZeros(GiB);
  const honest = handZip('project.qde', bomb, GiB);
  const liar = handZip('project.qde', bomb, 4096);
  const slip = zipSync({ 'project.qde': strToU8('<Project/>'), '../../evil.sh': strToU8('x') });
  const laughs = zipSync({ 'project.qde': strToU8(`${LAUGHS}<Project name="&lol9;"/>`) });
  const lim = { limits: IMPORT_ZIP_LIMITS };
  const figs: BenchFigure[] = [];
  const quick = (name: string, ms: number) => figs.push({ name, value: ms, unit: 'ms', target: '< 2000 ms', ok: ms < 2000 });
  quick('refuse a 1 GiB deflate bomb (honest header)', await refusal(() => importQdpx(honest, lim)));
  quick('refuse a 1 GiB deflate bomb (lying 4 KiB header)', await refusal(() => importQdpx(liar, lim)));
  quick('refuse a zip-slip entry', await refusal(() => importQdpx(slip, lim)));
  quick('refuse billion laughs (.qdpx)', await refusal(() => importQdpx(laughs, lim)));
  quick('refuse billion laughs (.eaf)', await refusal(() => parseEaf(`${LAUGHS}<ANNOTATION_DOCUMENT/>`)));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-exchange-'));
  try {
    const demo = writeDemoProject(path.join(dir, 'demo'));
    const qdpx = path.join(dir, 'demo.qdpx');
    const eaf = path.join(dir, 'demo.eaf');
    figs.push({ name: 'export demo .qdpx (68 segments, media embedded)', value: await medianMs(5, () => exportExchangeKind(demo, 'qdpx', qdpx, { embedMedia: true })), unit: 'ms' });
    figs.push({ name: 'export demo .eaf', value: await medianMs(5, () => exportExchangeKind(demo, 'eaf', eaf)), unit: 'ms' });
    let n = 0;
    const fresh = (): ProjectStore => {
      const d = path.join(dir, `t${n++}`);
      fs.mkdirSync(d);
      return ProjectStore.create(path.join(d, 'p.triangulate'));
    };
    const importInto = (file: string) => () => {
      const s = fresh();
      try {
        importExchangeFile(s, readImportSource(file));
      } finally {
        s.close();
      }
    };
    figs.push({ name: 'import demo .qdpx into a new project (extracts the video)', value: await medianMs(5, importInto(qdpx)), unit: 'ms' });
    figs.push({ name: 'import demo .eaf into a new project', value: await medianMs(5, importInto(eaf)), unit: 'ms' });
    figs.push(...sameSpanRoundTrip(demo, dir, fresh));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  figs.push(...(await timeSubdivisionParse()));
  return figs;
}

/** Issue 10 item 10: 60,068 segments (12,000 spans × 5 that differ only in their note) through .qdpx into a new project. */
function sameSpanRoundTrip(demo: string, dir: string, fresh: () => ProjectStore): BenchFigure[] {
  const s = ProjectStore.open(demo);
  const media = s.listMedia()[0]!;
  const coder = s.listCoders()[0]!;
  const code = s.listCodes().find((c) => c.kind === 'element')!;
  s.tx(() => {
    for (let i = 0; i < 12_000; i++) for (let k = 0; k < 5; k++) s.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: i * 10, endMs: i * 10 + 500, codeIds: [code.id], note: `note ${k}` });
  });
  const total = s.countSegments();
  s.close();
  const qdpx = path.join(dir, 'big.qdpx');
  let t0 = performance.now();
  exportExchangeKind(demo, 'qdpx', qdpx);
  const exportMs = performance.now() - t0;
  const target = fresh();
  t0 = performance.now();
  importExchangeFile(target, readImportSource(qdpx));
  const importMs = performance.now() - t0;
  const kept = target.countSegments();
  target.close();
  return [
    { name: `export .qdpx of ${total} segments`, value: exportMs, unit: 'ms' },
    { name: `import that .qdpx into a new project`, value: importMs, unit: 'ms' },
    { name: 'segments after the round trip', value: kept, unit: 'count', target: `= ${total}`, ok: kept === total },
  ];
}

/** Issue 10 item 9: an ELAN file of 5,000 sentences × 4 words with unaligned inner slots. */
async function timeSubdivisionParse(): Promise<BenchFigure[]> {
  const slots: string[] = [];
  const text: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const ids = [0, 1, 2, 3, 4].map((k) => `t${i}_${k}`);
    ids.forEach((id, k) => slots.push(`<TIME_SLOT TIME_SLOT_ID="${id}"${k === 0 || k === 4 ? ` TIME_VALUE="${i * 4000 + (k ? 4000 : 0)}"` : ''}/>`));
    text.push(`<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="s${i}" TIME_SLOT_REF1="${ids[0]}" TIME_SLOT_REF2="${ids[4]}"><ANNOTATION_VALUE>s</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>`);
    for (let k = 0; k < 4; k++) words.push(`<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="w${i}_${k}" TIME_SLOT_REF1="${ids[k]}" TIME_SLOT_REF2="${ids[k + 1]}"><ANNOTATION_VALUE>w${k}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>`);
  }
  const xml = `<ANNOTATION_DOCUMENT><HEADER TIME_UNITS="milliseconds"/><TIME_ORDER>${slots.join('')}</TIME_ORDER><TIER TIER_ID="text" LINGUISTIC_TYPE_REF="t">${text.join('')}</TIER><TIER TIER_ID="words" PARENT_REF="text" LINGUISTIC_TYPE_REF="sub">${words.join('')}</TIER><LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="t"/><LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="sub" CONSTRAINTS="Time_Subdivision"/></ANNOTATION_DOCUMENT>`;
  let zero = 0;
  const ms = await medianMs(3, () => {
    zero = parseEaf(xml).tiers[1]!.annotations.filter((a) => a.endMs - a.startMs !== 1000).length;
  });
  return [
    { name: 'parse an .eaf of 5,000 sentences × 4 time-subdivision words', value: ms, unit: 'ms' },
    { name: 'words not 1000 ms long', value: zero, unit: 'count', target: '= 0', ok: zero === 0 },
  ];
}

