/**
 * Interop timings: hostile archives are refused quickly (the issue asks for it; the tests only
 * check that they are refused), and the demo project's QDPX/EAF export and import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ProjectStore } from '../src/main/db/store';
import { writeDemoProject } from '../src/main/ops/demo';
import { exportExchangeKind } from '../src/main/ops/exchangeExport';
import { importExchangeFile, readImportSource } from '../src/main/ops/exchangeImport';
import { IMPORT_ZIP_LIMITS } from '../src/main/ops/exchangeLimits';
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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figs;
}
