/**
 * Browser-test harness: a fresh demo project in a temp folder, the real web-mode server
 * in-process, and Debian's Chromium driven by playwright-core with a fresh profile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { ProjectStore } from '../../src/main/db/store';
import { sessionService } from '../../src/main/features/studies/service';
import { StudySession } from '../../src/main/features/studies/session';
import { runCli } from '../../src/main/cli/index';
import { startWebServer, type WebServer } from '../../src/main/http/server';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { createService } from '../../src/main/service';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../test-results');
const RENDERER = path.resolve(__dirname, '../../dist/renderer');

export interface Harness {
  dir: string;
  projectFile: string;
  store: ProjectStore;
  server: WebServer;
  context: BrowserContext;
  page: Page;
  /** Reopens the page at the server's address (the token travels in the URL). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: { projectFile?: string } = {}): Promise<Harness> {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('Renderer not built: run "npm run build:renderer" first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-e2e-'));
  const projectFile = opts.projectFile ?? writeDemoProject(path.join(dir, 'project'));
  // the app's own service: a study session (recent studies in a temporary app data folder) opened on the project
  const session = new StudySession({ userDir: path.join(dir, 'appdata'), demo: () => projectFile, serviceFor: createService });
  session.startup(projectFile);
  const store = session.current!;
  const server = await startWebServer({ service: sessionService(session), store: () => session.current, staticDir: RENDERER, log: (l) => console.error(l) });
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(server.url);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    dir, projectFile, store, server, context, page,
    async reload() {
      await page.goto(server.url);
    },
    async close() {
      await context.close();
      await server.close();
      session.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `triangulate agreement <project> --format json ...args`, run in-process; throws on any error output. */
export async function agreementJson(projectFile: string, args: string[]): Promise<any> {
  let out = '';
  let err = '';
  const code = await runCli(['agreement', projectFile, '--format', 'json', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  if (code !== 0 || err !== '') throw new Error(`agreement CLI failed (${code}): ${err}`);
  return JSON.parse(out);
}

/** Chooses a coder in the start-up picker. */
export async function chooseCoder(page: Page, name: string): Promise<void> {
  await page.getByTestId(`coder-${name}`).click();
  await page.getByTestId('current-coder').filter({ hasText: name }).waitFor();
}

/** Waits until the video has metadata and returns the player's currentTime in seconds. */
export async function videoTime(page: Page): Promise<number> {
  return page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
}

export async function waitForVideo(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const v = document.querySelector('video') as HTMLVideoElement | null;
    return !!v && v.readyState >= 2 && v.duration > 0;
  }, undefined, { timeout: 30_000 });
}

/** A harness on the Code screen: the coder chosen, the video loaded and the timeline drawn. */
export async function startOnCodeScreen(coder = 'amina'): Promise<Harness> {
  const h = await startHarness();
  await chooseCoder(h.page, coder);
  await waitForVideo(h.page);
  await h.page.getByTestId('timeline-canvas').waitFor();
  return h;
}

const AXE_PATH = path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is (evaluated over the DevTools protocol, so the app's CSP allows it). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}
