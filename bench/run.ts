/**
 * `npm run bench`: runs every bench/*.bench.ts in turn and prints its figures. Each bench file
 * exports `run(): Promise<BenchFigure[]>`. Speed is measured here, never asserted in tests.
 * `npm run bench -- agreement` runs only the files whose name contains "agreement".
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BenchFigure {
  name: string;
  value: number;
  unit: 'ms' | 's' | 'MB' | 'count' | 'x';
  /** The issue's target, for the printout (e.g. "< 1000 ms"). */
  target?: string;
  ok?: boolean;
}

async function main() {
  const filter = process.argv[2];
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
  let failed = 0;
  for (const f of files) {
    const mod = (await import(path.join(__dirname, f))) as { run: () => Promise<BenchFigure[]> };
    console.log(`\n== ${f.replace('.bench.ts', '')}`);
    try {
      for (const fig of await mod.run()) {
        const v = fig.unit === 'ms' ? fig.value.toFixed(1) : String(fig.value);
        const verdict = fig.ok === undefined ? '' : fig.ok ? '  ok' : '  OVER TARGET';
        console.log(`${fig.name.padEnd(64)} ${v.padStart(10)} ${fig.unit}${fig.target ? `   (target ${fig.target})` : ''}${verdict}`);
      }
    } catch (e) {
      failed++;
      console.log(`  failed: ${(e as Error).stack}`);
    }
  }
  if (failed) process.exitCode = 1;
}

/** Median of n timed runs of fn (after one warm-up), in ms. */
export async function medianMs(n: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Polls an expression in the page (the app's CSP forbids waitForFunction's string eval). */
export async function poll(page: import('playwright-core').Page, expr: string, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!(await page.evaluate(expr).catch(() => false))) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The p-th percentile (nearest rank) of xs. */
export const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

if (require.main === module) void main();
