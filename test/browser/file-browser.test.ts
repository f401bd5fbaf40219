/**
 * The in-app file browser's listings arriving out of order (web mode, Chromium, the real app and
 * server). The page's listFolder calls are held in the page (a wrapped fetch) and released in the
 * order each test chooses, so every race is played the same way each run, with no sleeps:
 * - the latest request wins: a home listing released after the folder the user asked for does
 *   not replace it;
 * - once the user has gone into the path box, a listing that arrives does not rewrite it;
 * - the first (home) listing is asked for in the same task that puts the browser on screen
 *   (before the first paint), and before the folder the user then asks for.
 * Checked against the earlier FileBrowser.tsx: at 94974a2^ all three fail; at c909e52^ and
 * 7c60858^ the second fails (the home listing wrote "…/home" into the box the user was in). The
 * third passes at c909e52^ too: the browser is mounted by a zustand (useSyncExternalStore)
 * update, which React renders in the sync lane and whose passive effects it runs at the end of
 * that same commit, so useEffect already asked before any input could come in; it stays as the
 * guard of that order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chooseCoder, startHarness, type Harness } from './harness';

/** Runs in the page before the app: listFolder replies wait until the test releases them. */
function holdListings() {
  type Held = { key: string; go: () => Promise<void> };
  const lf = { hold: false, asked: [] as string[], held: [] as Held[], atFirstShow: null as number | null };
  (window as unknown as { __lf: typeof lf }).__lf = lf;
  const orig = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (!lf.hold || !String(input).endsWith('/api/listFolder')) return orig(input, init);
    const key = (JSON.parse(String(init?.body)) as { path?: string }).path || '(home)';
    lf.asked.push(key);
    return new Promise<Response>((resolve, reject) => {
      // go(): the reply reaches the app; resolves once the app's client has read its JSON
      const go = () => new Promise<void>((handled) => {
        orig(input, init).then((res) => {
          const json = res.json.bind(res);
          res.json = () => json().then((v: unknown) => (handled(), v));
          resolve(res);
        }, reject);
      });
      lf.held.push({ key, go });
    });
  };
  // how many listings had been asked for when the browser's dialog first entered the page
  new MutationObserver(() => {
    if (lf.atFirstShow === null && document.querySelector('[data-testid=file-browser]')) lf.atFirstShow = lf.asked.length;
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Lets the held reply for `key` through and waits until the page has handled it: the client has
 * read its JSON, then a macrotask (the app's continuation and React's scheduling are microtasks
 * before it), a posted message (after React's scheduler message) and two animation frames. An
 * ordering, not a duration.
 */
async function release(page: Harness['page'], key: string): Promise<void> {
  await page.waitForFunction((k) => (window as any).__lf.held.some((x: any) => x.key === k), key);
  await page.evaluate(async (k) => {
    const lf = (window as any).__lf;
    const [held] = lf.held.splice(lf.held.findIndex((x: any) => x.key === k), 1);
    await held.go();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = r;
      ch.port2.postMessage(0);
    });
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
  }, key);
}

const asked = (page: Harness['page']) => page.evaluate(() => (window as any).__lf.asked as string[]);

describe('file browser: listings that arrive out of order', () => {
  let h: Harness;
  let root: string;
  let home: string;
  const oldHome = process.env.HOME;

  beforeAll(async () => {
    h = await startHarness();
    root = path.join(h.dir, 'fs');
    home = path.join(root, 'home');
    fs.mkdirSync(path.join(home, 'home-marker'), { recursive: true });
    fs.mkdirSync(path.join(root, 'other', 'x', 'x-marker'), { recursive: true });
    process.env.HOME = home; // the browser's first listing is the home folder
    await h.page.addInitScript(holdListings);
    await h.reload();
    await chooseCoder(h.page, 'amina');
  });

  // each test on a freshly loaded page (the coder is remembered), whatever the last one left open
  beforeEach(async () => {
    await h.reload();
    await h.page.getByTestId('current-coder').waitFor();
  });

  afterAll(async () => {
    process.env.HOME = oldHome;
    await h?.close();
  });

  const x = () => path.join(root, 'other', 'x');
  const pathBox = () => h.page.getByTestId('fb-path');
  const entry = (name: string) => h.page.getByTestId(`fb-entry-${name}`);

  /** Holds the listings from now on and opens the browser from Study › Open Study…. */
  async function openFromMenu(): Promise<void> {
    await h.page.evaluate(() => Object.assign((window as any).__lf, { hold: true, asked: [], held: [], atFirstShow: null }));
    await h.page.getByTestId('study-menu').click();
    await h.page.getByTestId('cmd-openStudy').click();
    await expect.poll(() => asked(h.page)).toEqual(['(home)']);
  }

  /** Lets every held reply through and closes the browser. */
  async function cancel(): Promise<void> {
    for (const k of await h.page.evaluate(() => (window as any).__lf.held.map((x: any) => x.key) as string[])) await release(h.page, k);
    await h.page.getByRole('button', { name: 'Cancel' }).click();
    await h.page.getByTestId('file-browser').waitFor({ state: 'detached' });
  }

  it('the latest request wins: the home listing, answered after the folder the user asked for, does not replace it', async () => {
    await openFromMenu();
    await pathBox().fill(x());
    await pathBox().press('Enter');
    await expect.poll(() => asked(h.page)).toEqual(['(home)', x()]);
    await release(h.page, x());
    await entry('x-marker').waitFor();
    await release(h.page, '(home)');
    expect(await pathBox().inputValue()).toBe(x());
    expect(await entry('x-marker').count()).toBe(1);
    expect(await entry('home-marker').count()).toBe(0);
    await cancel();
  });

  it('a listing that arrives once the user is in the path box leaves the box alone', async () => {
    await openFromMenu();
    await pathBox().click(); // in the box, nothing typed yet
    await release(h.page, '(home)');
    await entry('home-marker').waitFor(); // the listing is shown…
    expect(await pathBox().inputValue()).toBe(''); // …and the box is as the user found it
    await h.page.keyboard.type(x());
    expect(await pathBox().inputValue()).toBe(x());
    await pathBox().press('Enter');
    await release(h.page, x());
    await entry('x-marker').waitFor();
    expect(await pathBox().inputValue()).toBe(x());
    await cancel();
  });

  it('the home listing is asked for before the browser is first painted, and before a folder the user asks for at once', async () => {
    // opened outside an input event (a pickFiles after an await): React commits it in a task of
    // its own; the browser's dialog is on the page when the observer runs, before any paint
    await h.page.evaluate((folder) => {
      Object.assign((window as any).__lf, { hold: true, asked: [], held: [], atFirstShow: null });
      // the moment it shows, the user types a folder and presses Enter
      const typeAtOnce = new MutationObserver(() => {
        const box = document.querySelector<HTMLInputElement>('[data-testid=fb-path]');
        if (!box) return;
        typeAtOnce.disconnect();
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, folder);
        box.dispatchEvent(new Event('input', { bubbles: true }));
        box.form!.requestSubmit();
      });
      typeAtOnce.observe(document, { childList: true, subtree: true });
      const store = (window as any).__triangulateStore;
      setTimeout(() => store.setState({ picking: { req: { mode: 'open', title: 'Open a study', accept: ['.triangulate'] }, resolve: () => store.setState({ picking: null }) } }), 0);
    }, x());
    await h.page.getByTestId('file-browser').waitFor();
    expect(await h.page.evaluate(() => (window as any).__lf.atFirstShow)).toBe(1);
    await expect.poll(() => asked(h.page)).toEqual(['(home)', x()]);
    await release(h.page, x());
    await release(h.page, '(home)');
    await entry('x-marker').waitFor();
    expect(await pathBox().inputValue()).toBe(x());
    expect(await entry('home-marker').count()).toBe(0);
    await cancel();
  });
});
