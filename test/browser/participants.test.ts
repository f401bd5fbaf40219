/**
 * Participants end to end in web mode on the demo (real video, Chromium): Lena and Maya defined in
 * Study settings with the keys L and M; a segment coded with a hotkey, then Alt+L and Alt+M put
 * them on it and Alt+L takes Lena off again (chips in the segment list, links in the file); the
 * transcript's other speakers added in one step and a coded cue taking its speaker; the timeline
 * in participant lanes; the Compare screen's heat map (screenshot test-results/compare-heatmap.png
 * at 1280×800), a cell clicked, its segments listed, one opened in the coding screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { readCsv } from '../../src/shared/csv/safe';
import { parseTranscript } from '../../src/shared/transcript';
import { ARTIFACTS, agreementJson, axeViolations, startOnCodeScreen, type Harness } from './harness';

let h: Harness;
let page: Page;
let api: ReturnType<typeof createService>;

const people = async () => (await api.listParticipants({})).participants;
const idOf = async (name: string) => (await people()).find((p) => p.name === name)!.id;
const segment = (id: string) => h.store.getSegment(id);
const store = <T>(fn: string): Promise<T> => page.evaluate(`(${fn})(window.__triangulateStore.getState())`) as Promise<T>;

/** Milliseconds covered by a set of [start, end) ranges. */
function unionMs(ranges: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of ranges.sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** The segment selected in the coding screen, once there is one. */
async function selected(): Promise<string> {
  await expect.poll(() => store<string | null>('(s) => s.selectedSegmentId')).not.toBeNull();
  return store<string>('(s) => s.selectedSegmentId');
}

beforeAll(async () => {
  h = await startOnCodeScreen('amina');
  page = h.page;
  api = createService(h.store);
});
afterAll(async () => h?.close());

describe('participants', () => {
  it('defines Lena and Maya with their Alt keys in Study settings', async () => {
    await page.getByRole('button', { name: 'Study settings', exact: true }).click();
    const section = page.getByTestId('settings-participants');
    await section.waitFor();
    for (const name of ['Lena', 'Maya']) {
      await section.getByLabel('New participant').fill(name);
      await section.getByRole('button', { name: 'Add participant', exact: true }).click();
      await section.getByTestId(`participant-${name}`).waitFor();
    }
    // a reserved key is refused with the reason, nothing saved
    const lenaKey = section.getByLabel('Alt key of Lena');
    await lenaKey.fill('f');
    await lenaKey.press('Enter');
    await expect.poll(() => page.getByTestId('banner').textContent()).toContain('Alt+F opens a menu');
    expect((await people()).find((p) => p.name === 'Lena')?.key).not.toBe('f');
    await page.getByTestId('banner').getByRole('button', { name: 'Dismiss' }).click();
    for (const [name, key] of [['Lena', 'l'], ['Maya', 'm']] as const) {
      await section.getByLabel(`Alt key of ${name}`).fill(key);
      await section.getByLabel(`Alt key of ${name}`).press('Enter');
      await expect.poll(async () => (await people()).find((p) => p.name === name)?.key).toBe(key);
    }
    await section.getByLabel('Role of Lena').fill('researcher');
    await section.getByLabel('Role of Lena').press('Enter');
    await expect.poll(async () => (await people()).find((p) => p.name === 'Lena')?.role).toBe('researcher');
    // attributes: a text and a number, filled for Lena
    for (const [name, type] of [['School', 'text'], ['Years', 'number']] as const) {
      await section.getByLabel('New attribute', { exact: true }).fill(name);
      await section.getByLabel('Type of the new attribute').selectOption(type);
      await section.getByRole('button', { name: 'Add attribute', exact: true }).click();
      await section.getByLabel(`${name} of Lena`).waitFor();
    }
    await section.getByLabel('School of Lena').fill('Northfield University');
    await section.getByLabel('School of Lena').press('Enter');
    await section.getByLabel('Years of Lena').fill('12');
    await section.getByLabel('Years of Lena').press('Enter');
    const attrs = async () => {
      const st = await api.listParticipants({});
      const name = new Map(st.attributes.map((a) => [a.id, a.name]));
      return Object.fromEntries(Object.entries(st.participants.find((p) => p.name === 'Lena')!.attributes).map(([k, v]) => [name.get(k), v]));
    };
    await expect.poll(attrs).toEqual({ School: 'Northfield University', Years: 12 });
    // a group "Dyad 1" of Lena and Maya
    await section.getByLabel('New group', { exact: true }).fill('Dyad 1');
    await section.getByRole('button', { name: 'Add group', exact: true }).click();
    const members = section.getByRole('group', { name: 'Members of Dyad 1' });
    await members.getByRole('button', { name: 'Lena' }).click();
    await expect.poll(async () => (await api.listParticipants({})).groups[0]?.memberIds.length).toBe(1);
    await members.getByRole('button', { name: 'Maya' }).click();
    await expect.poll(async () => (await api.listParticipants({})).groups.map((g) => [g.name, g.memberIds])).toEqual([['Dyad 1', [await idOf('Lena'), await idOf('Maya')]]]);
    await expect.poll(() => members.getByRole('button', { name: 'Maya' }).getAttribute('aria-pressed')).toBe('true');
    await section.screenshot({ path: path.join(ARTIFACTS, 'participants-settings.png') });
  });

  it('puts participants on the selected segment with Alt+key while coding; chips show them', async () => {
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await page.getByTestId('timeline-canvas').waitFor();
    // mark 100–104 s and code it Researchers › Tools (hotkey 3): the new segment is selected
    await page.evaluate('window.__triangulateStore.getState().seek(100000)');
    await page.evaluate('window.__triangulateStore.setState({ inMs: 100000, outMs: 104000, selectedSegmentId: null })');
    await page.keyboard.press('3');
    const segId = await selected();
    const [lena, maya] = [await idOf('Lena'), await idOf('Maya')];
    await page.keyboard.press('Alt+l');
    await expect.poll(() => segment(segId).participantIds).toEqual([lena]);
    await page.keyboard.press('Alt+m');
    await expect.poll(() => [...(segment(segId).participantIds ?? [])].sort()).toEqual([lena, maya].sort());
    const row = page.getByTestId('segment-row').filter({ hasText: '0:01:40.000' });
    await expect.poll(() => row.getByTestId('participant-chips').textContent()).toMatch(/Lena.*Maya|Maya.*Lena/);
    await page.keyboard.press('Alt+l'); // again: Lena off
    await expect.poll(() => segment(segId).participantIds).toEqual([maya]);
    await expect.poll(() => row.getByTestId('participant-chips').textContent()).toBe('Maya');
    // the key map lists the layer
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('keymap-participants').textContent()).toContain('Alt+M');
    await page.keyboard.press('Escape');
  });

  it('adds the transcript speakers in one step, and a coded cue takes its speaker', async () => {
    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.getByTestId('transcript-file').setInputFiles(path.resolve(__dirname, '../../assets/demo/workshop.vtt'));
    await expect.poll(() => page.getByTestId('cue').count()).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Study settings', exact: true }).click();
    const offer = page.getByTestId('speakers-offer');
    await expect.poll(() => offer.textContent()).toContain('Tomas');
    expect(await offer.textContent()).not.toContain('Lena ('); // already a participant
    await offer.getByRole('button', { name: 'Add 2 speakers as participants' }).click();
    await expect.poll(async () => (await people()).map((p) => p.name)).toEqual(['Lena', 'Maya', 'Dev', 'Tomas']);
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.getByTestId('cue').filter({ hasText: 'That template is the problem' }).click();
    await page.evaluate('window.__triangulateStore.setState({ selectedSegmentId: null })');
    await page.getByTestId('cue-selection').getByLabel('Code the selected cues as').selectOption({ label: 'Practitioners › Rules' });
    const dev = await idOf('Dev');
    const cueSeg = await selected();
    expect(segment(cueSeg)).toMatchObject({ startMs: 22_500, endMs: 29_500, participantIds: [dev] });
    await page.getByRole('tab', { name: 'Segments' }).click();
    const row = page.getByTestId('segment-row').filter({ hasText: '0:00:22.500–0:00:29.500' }).filter({ has: page.getByTestId('participant-chips') });
    await expect.poll(() => row.getByTestId('participant-chips').textContent()).toBe('Dev');
  });

  it('says who a contradiction is about in the Contradictions tab', async () => {
    await page.getByRole('tab', { name: 'Contradictions' }).click();
    const first = page.getByTestId('contradiction').first();
    await first.locator('summary').click();
    await first.getByRole('group', { name: 'Participants this contradiction is about' }).getByRole('button', { name: 'Tomas' }).click();
    const tomas = await idOf('Tomas');
    await expect.poll(() => h.store.listContradictions().filter((c) => (c.participantIds ?? []).includes(tomas)).length).toBe(1);
    await expect.poll(() => first.getByTestId('participant-chips').textContent()).toBe('Tomas');
    await page.getByRole('tab', { name: 'Segments' }).click();
  });

  it('shows one timeline lane per participant', async () => {
    await page.getByTestId('lane-mode').selectOption('participants');
    const rows = await page.evaluate('window.__timeline.rows().map((r) => r.label)');
    expect(rows).toEqual(['Lena', 'Maya', 'Dev', 'Tomas', 'About nobody yet', 'Contradictions']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'participants-lanes.png') });
    await page.getByTestId('lane-mode').selectOption('coders');
  });

  it('opens Compare: a code × participant heat map whose cells count by hand, a cell lists its segments, one opens in the coding screen', async () => {
    // the demo's segments are about whoever speaks during them: each gets the speakers of the cues it overlaps
    const cues = (await parseTranscript(fs.readFileSync(path.resolve(__dirname, '../../assets/demo/workshop.vtt'), 'utf8'), { fileName: 'workshop.vtt' })).cues;
    const ids = new Map((await people()).map((p) => [p.name, p.id]));
    const consensus = new Set(h.store.listCoders().filter((c) => c.isConsensus).map((c) => c.id));
    for (const seg of h.store.listSegments()) {
      if ((seg.participantIds ?? []).length) continue; // the two coded above keep theirs
      const who = [...new Set(cues.filter((c) => c.startMs < seg.endMs && seg.startMs < c.endMs).map((c) => ids.get(c.speaker)!))];
      if (who.length) await api.setSegmentParticipants({ segmentId: seg.id, participantIds: who });
    }
    // by hand: segment × code pairs of the coders (not the consensus layer) per (code, participant)
    const count = new Map<string, number>();
    for (const seg of h.store.listSegments()) {
      if (consensus.has(seg.coderId)) continue;
      for (const c of seg.codeIds) for (const p of seg.participantIds ?? []) count.set(`${c}|${p}`, (count.get(`${c}|${p}`) ?? 0) + 1);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('cmp-kind-code-participant').click();
    await page.getByTestId('cmp-measure').selectOption('segments');
    await page.getByTestId('cmp-heatmap').waitFor();
    const table = await store<{ rows: { key: string; label: string }[]; cols: { key: string; label: string }[] }>('(s) => s.compareTable');
    expect(table.cols.map((c) => c.label)).toEqual(['Lena', 'Maya', 'Dev', 'Tomas']);
    // every cell shows the hand count
    for (const r of table.rows) {
      for (const c of table.cols) {
        const label = await page.getByTestId(`cell:${r.label}:${c.label}`).getAttribute('aria-label');
        expect(label, `${r.label} × ${c.label}`).toBe(`${r.label.replace(/\//g, ' › ')} × ${c.label}: ${count.get(`${r.key}|${c.key}`) ?? 0} (segments)`);
      }
    }
    // the same table as CSV: tidy (one row per cell) and wide (the grid), the numbers on screen
    const csv = async (which: 'tidy' | 'wide') => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`cmp-export-${which}`).click()]);
      const file = path.join(h.dir, `${which}.csv`);
      await dl.saveAs(file);
      return readCsv(fs.readFileSync(file, 'utf8')).map((r) => r.cells);
    };
    const [tidyHead, ...tidy] = await csv('tidy');
    expect(tidyHead).toEqual(['row', 'column', 'measure', 'value']);
    const [wideHead, ...wide] = await csv('wide');
    for (const r of table.rows) {
      for (const c of table.cols) {
        const n = String(count.get(`${r.key}|${c.key}`) ?? 0);
        const t = tidy.find((x) => x[0] === r.label && x[1] === c.label && x[2] === 'segments');
        expect(t?.[3] ?? '0', `tidy ${r.label} × ${c.label}`).toBe(n);
        const w = wide.find((x) => x[0] === r.label)!;
        expect(w[wideHead!.indexOf(c.label)], `wide ${r.label} × ${c.label}`).toBe(n);
      }
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'compare-heatmap.png') });
    expect(await axeViolations(page)).toEqual([]);
    // the fullest cell: click it, its segments are listed
    const [best] = [...count.entries()].filter(([k]) => table.rows.some((r) => k.startsWith(`${r.key}|`))).sort((a, b) => b[1] - a[1]);
    const [codeKey, pKey] = best![0].split('|');
    const rowLabel = table.rows.find((r) => r.key === codeKey)!.label;
    const colLabel = table.cols.find((c) => c.key === pKey)!.label;
    await page.getByTestId(`cell:${rowLabel}:${colLabel}`).click();
    await expect.poll(() => page.getByTestId('cmp-cell-count').textContent()).toBe(String(best![1]));
    await expect.poll(() => page.getByTestId('cmp-cell-segment').count()).toBe(best![1]);
    expect(await axeViolations(page)).toEqual([]);
    const want = h.store.listSegments().filter((s) => !consensus.has(s.coderId) && s.codeIds.includes(codeKey!) && (s.participantIds ?? []).includes(pKey!));
    expect(new Set(want.map((s) => s.id)).size).toBe(best![1]);
    // the same code by group: Dyad 1 (Lena, Maya) counts a pair once when it is about either
    const dyad = await idOf('Lena').then(async (l) => [l, await idOf('Maya')]);
    const inDyad = (seg: { participantIds?: string[] }) => (seg.participantIds ?? []).some((p) => dyad.includes(p));
    await page.getByTestId('cmp-kind-code-group').click();
    const cellOf = (r: string, c: string) => page.getByTestId(`cell:${r}:${c}`);
    const dyadPairs = h.store.listSegments().filter((x) => !consensus.has(x.coderId) && x.codeIds.includes(codeKey!) && inDyad(x));
    await expect.poll(() => cellOf(rowLabel, 'Dyad 1').getAttribute('aria-label')).toBe(`${rowLabel.replace(/\//g, ' › ')} × Dyad 1: ${dyadPairs.length} (segments)`);
    // coded seconds: the union of those segments' times (one media)
    await page.getByTestId('cmp-measure').selectOption('seconds');
    const union = unionMs(dyadPairs.map((x) => [x.startMs, x.endMs]));
    await expect.poll(() => store<number | undefined>(`(s) => s.compareTable && s.compareTable.measure === 'seconds' ? s.compareTable.cells.find((c) => c.row === '${codeKey}' && c.col === s.compareTable.cols[0].key)?.codedMs : undefined`)).toBe(union);
    // one coder only: ben's pairs
    await page.getByTestId('cmp-measure').selectOption('segments');
    const ben = h.store.listCoders().find((c) => c.name === 'ben')!.id;
    await page.getByTestId('cmp-coder').selectOption(ben);
    const benPairs = dyadPairs.filter((x) => x.coderId === ben).length;
    await expect.poll(() => cellOf(rowLabel, 'Dyad 1').getAttribute('aria-label')).toBe(`${rowLabel.replace(/\//g, ' › ')} × Dyad 1: ${benPairs} (segments)`);
    await page.getByTestId('cmp-coder').selectOption('');
    await page.getByTestId('cmp-kind-code-participant').click();
    await page.getByTestId(`cell:${rowLabel}:${colLabel}`).click();
    await expect.poll(() => page.getByTestId('cmp-cell-segment').count()).toBe(best![1]);
    // open the first listed: the coding screen, that segment selected, the player at its start
    const first = want.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)[0]!;
    await page.getByTestId('cmp-cell-segment').first().click();
    await page.getByTestId('timeline-canvas').waitFor();
    await expect.poll(() => store<string | null>('(s) => s.selectedSegmentId')).toBe(first.id);
    await expect.poll(() => page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime)).toBeCloseTo(first.startMs / 1000, 1);
    await expect.poll(() => page.locator('.segment-row.selected').count()).toBe(1);
  });

  it('counts the contradiction named for Tomas in contradiction × participant, as worked out by hand', async () => {
    const tomas = await idOf('Tomas');
    const segById = new Map(h.store.listSegments().map((x) => [x.id, x]));
    const all = h.store.listContradictions();
    const mine = all.find((c) => (c.participantIds ?? []).includes(tomas))!;
    const pair = (c: typeof mine) => `${c.level}|${[c.elementA, c.elementB ?? c.elementA].sort().join('|')}`;
    const about = (c: typeof mine) => (c.participantIds ?? []).includes(tomas) || c.evidenceSegmentIds.some((id) => (segById.get(id)?.participantIds ?? []).includes(tomas));
    const expected = all.filter((c) => pair(c) === pair(mine) && about(c)).length;
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('cmp-kind-contradiction-participant').click();
    await page.getByTestId('cmp-heatmap').waitFor();
    // the row of mine's level and pair of elements (unordered), and its cell in Tomas's column
    type Cell = { row: string; col: string; segments: number };
    const rowKey = await expect.poll(() => store<string | undefined>(`(s) => s.compareTable && s.compareTable.rows.map((r) => r.key).find((k) => { const [l, a, b] = k.split(':'); return l + '|' + [a, b].sort().join('|') === '${pair(mine)}'; })`)).toBeTruthy()
      .then(() => store<string>(`(s) => s.compareTable.rows.map((r) => r.key).find((k) => { const [l, a, b] = k.split(':'); return l + '|' + [a, b].sort().join('|') === '${pair(mine)}'; })`));
    const cell = await store<Cell>(`(s) => s.compareTable.cells.find((c) => c.row === '${rowKey}' && c.col === '${tomas}')`);
    expect(cell.segments).toBe(expected);
    const rowLabel = await store<string>(`(s) => s.compareTable.rows.find((r) => r.key === '${cell.row}').label`);
    expect(await page.getByTestId(`cell:${rowLabel}:Tomas`).getAttribute('aria-label')).toBe(`${rowLabel} × Tomas: ${expected} (segments)`);
    // the click asks for the cell: its contradictions include mine; its segments are their evidence about Tomas
    await page.getByTestId(`cell:${rowLabel}:Tomas`).click();
    const counted = all.filter((c) => pair(c) === pair(mine) && about(c));
    await expect.poll(() => store<string[] | undefined>('(s) => s.compareList && s.compareList.contradictionIds')).toEqual(counted.map((c) => c.id).sort());
    const evidence = new Set(counted.flatMap((c) => c.evidenceSegmentIds).filter((id) => (segById.get(id)?.participantIds ?? []).includes(tomas)));
    await expect.poll(() => page.getByTestId('cmp-cell-count').textContent()).toBe(String(evidence.size));
    const line = `${counted.length} contradiction${counted.length === 1 ? '' : 's'} counted; ${evidence.size ? 'their evidence segments in this column:' : 'none of their evidence segments is about this column (the contradictions name it directly).'}`;
    expect(await page.getByTestId('cmp-cell-contradictions').textContent()).toBe(line);
    await page.screenshot({ path: path.join(ARTIFACTS, 'compare-contradictions.png') });
  });

  it('shows code co-occurrence, narrowed to codings about the same participants on request', async () => {
    type T = { rows: { key: string }[]; cols: { key: string }[]; cells: { row: string; col: string; segments: number }[] };
    await page.getByTestId('cmp-kind-cooccurrence').click();
    await page.getByTestId('cmp-heatmap').waitFor();
    const all = await store<T>('(s) => s.compareTable');
    expect(all.cols.length).toBeGreaterThan(5); // codes as columns
    expect(all.cells.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'compare-cooccurrence.png') });
    await page.getByLabel('same participants').check();
    await expect.poll(() => store<boolean>('(s) => s.compareChoice.sameParticipants')).toBe(true);
    await expect.poll(() => store<number>('(s) => s.compareTable.cells.length')).toBeLessThan(all.cells.length);
    const same = await store<T>('(s) => s.compareTable');
    const before = new Map(all.cells.map((c) => [`${c.row}|${c.col}`, c.segments]));
    for (const c of same.cells) expect(c.segments).toBeLessThanOrEqual(before.get(`${c.row}|${c.col}`)!);
    await page.getByLabel('same participants').uncheck();
    await page.getByTestId('cmp-kind-code-participant').click();
  });

  it('reaches and opens a cell with the keyboard only', async () => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const map = page.getByTestId('cmp-heatmap');
    await map.waitFor();
    // Tab enters the map on the cell last focused or clicked (an earlier test clicked one): go to the first row's first cell
    const table = await store<{ rows: { label: string }[]; cols: { label: string }[] }>('(s) => s.compareTable');
    await map.locator('[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < table.rows.length; i++) await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`cell:${table.rows[0]!.label}:${table.cols[0]!.label}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused).toBe(`cell:${table.rows[1]!.label}:${table.cols[1]!.label}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => store<string | null>('(s) => s.compareCell && s.compareCell.label')).toBe(`${table.rows[1]!.label} × ${table.cols[1]!.label}`);
  });

  it('says it is listing a clicked cell, then one line when the segments cannot be listed', async () => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('cmp-heatmap').waitFor();
    // a counted cell (an empty one lists nothing without asking)
    const [rowLabel, colLabel] = await store<[string, string]>("(s) => { const t = s.compareTable; const c = t.cells[0]; return [t.rows.find((r) => r.key === c.row).label, t.cols.find((x) => x.key === c.col).label]; }");
    // the server's answer to the click is held, then fails as a lost study file would
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/compareCell', async (route) => {
      await held;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { message: 'the study file cannot be read', code: 'io', user: true } }) });
    });
    try {
      await page.getByTestId(`cell:${rowLabel}:${colLabel}`).click();
      await page.getByTestId('cmp-cell-loading').waitFor();
      expect(await page.getByTestId('cmp-cell-count').textContent()).toBe('…');
      release();
      await expect.poll(() => page.getByTestId('cmp-cell-error').textContent()).toContain('The segments of this cell could not be listed');
      expect(await page.getByTestId('cmp-cell-error').textContent()).toContain('the study file cannot be read');
      expect(await page.getByTestId('cmp-cell-loading').count()).toBe(0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'compare-cell-error.png') });
    } finally {
      await page.unroute('**/api/compareCell');
    }
    // asked again (the server answering): the list comes
    await page.getByTestId(`cell:${rowLabel}:${colLabel}`).click();
    await expect.poll(() => page.getByTestId('cmp-cell-error').count()).toBe(0);
    await expect.poll(() => page.getByTestId('cmp-cell-count').textContent()).toMatch(/^\d+$/);
  });

  it('measures agreement on the segments about Dyad 1 only, as the CLI does with --groups', async () => {
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    await page.getByTestId('ag-summary').filter({ hasText: '3 coders' }).waitFor();
    const everyone = await page.getByTestId('ag-cell:overall:krippendorffAlpha').textContent();
    const dyad = (await api.listParticipants({})).groups.find((g) => g.name === 'Dyad 1')!.id;
    await page.getByTestId('ag-about').selectOption(`group:${dyad}`);
    await expect.poll(() => page.getByTestId('ag-command').textContent()).toContain('--groups "Dyad 1"');
    const command = (await page.getByTestId('ag-command').textContent())!;
    const arg = (name: string) => [...command.matchAll(/--(\S+) ("[^"]*"|\S+)/g)].find((m) => m[1] === name)![2]!.replace(/^"|"$/g, '');
    const cli = await agreementJson(h.projectFile, ['--coders', arg('coders'), '--codes', arg('codes'), '--unit', arg('unit'), '--groups', 'Dyad 1']);
    const shown = (v: number | null) => (v === null ? '—' : v.toFixed(3) === '-0.000' ? '0.000' : v.toFixed(3));
    await expect.poll(() => page.getByTestId('ag-cell:overall:krippendorffAlpha').textContent()).toBe(shown(cli.overall.krippendorffAlpha));
    for (const m of ['percentAgreement', 'fleissKappa']) expect(await page.getByTestId(`ag-cell:overall:${m}`).textContent(), m).toBe(shown(cli.overall[m]));
    expect(shown(cli.overall.krippendorffAlpha)).not.toBe(everyone); // the restriction changed the numbers
    await page.getByTestId('ag-about').selectOption('');
    await expect.poll(() => page.getByTestId('ag-cell:overall:krippendorffAlpha').textContent()).toBe(everyone);
  });

  it('imports a roster CSV: a bad file is refused whole with each row and column listed, a good one adds people and groups', async () => {
    fs.writeFileSync(path.join(h.dir, 'bad-roster.csv'), 'participant,role,system,group,years:number\nOmar,coach,Teachers,Dyad 2,4\nRia,coach,,Dyad 2,four\n');
    fs.writeFileSync(path.join(h.dir, 'roster.csv'), 'participant,role,system,group\nOmar,STEM coach,Practitioners,Dyad 2\nLena,researcher,Researchers,Dyad 2\n');
    await page.getByRole('button', { name: 'Study settings', exact: true }).click();
    const roster = page.getByTestId('settings-roster');
    const choose = async (name: string) => {
      await roster.getByTestId('roster-pick').click();
      await page.getByTestId('file-browser').waitFor();
      // the first (home) listing is shown before typing: a fill between its check and its render appends to it
      await expect.poll(() => page.getByTestId('fb-path').inputValue()).not.toBe('');
      await page.getByTestId('fb-path').fill(h.dir);
      await page.getByTestId('fb-path').press('Enter');
      await page.getByTestId(`fb-entry-${name}`).dblclick();
    };
    const before = (await people()).length;
    await choose('bad-roster.csv');
    const problems = page.getByTestId('roster-problem');
    await expect.poll(() => problems.count()).toBe(2);
    expect(await problems.nth(0).textContent()).toMatch(/^line 2, column "system": no activity system "Teachers"/);
    expect(await problems.nth(1).textContent()).toBe('line 3, column "Years": "four" is not a number') // the study's attribute Years;
    expect(await page.getByTestId('roster-errors').textContent()).toContain('roster refused, nothing imported (2 problems)');
    expect((await people()).length).toBe(before);
    await choose('roster.csv');
    await expect.poll(() => page.getByTestId('roster-preview').textContent()).toContain('1 participant(s) to add, 1 to update, 1 new group(s)');
    await page.getByTestId('roster-preview').getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('roster-done').waitFor();
    const st = await api.listParticipants({});
    expect(st.participants.map((p) => p.name)).toContain('Omar');
    expect(st.groups.find((g) => g.name === 'Dyad 2')?.memberIds.sort()).toEqual([await idOf('Omar'), await idOf('Lena')].sort());
    await page.getByTestId('participant-Omar').waitFor();
    await page.getByTestId('group-Dyad 2').waitFor();
  });
});

