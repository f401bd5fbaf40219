/**
 * The Import / export screen in the real renderer (web mode, Chromium, the demo project):
 * upload an .eaf, map it (tiers, coder, a value offered as a new code), import it, see the
 * segments in the segment list; export a .qdpx download that is a zip holding project.qde.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExchangeExport } from '../../src/main/features/exchange/export';
import { ARTIFACTS, chooseCoder, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await chooseCoder(h.page, 'amina');
  await waitForVideo(h.page);
});

afterAll(async () => {
  await h?.close();
});

/**
 * An ELAN file as a second researcher would send it back: the demo's own EAF export with ben's
 * tiers handed to "dana", and one of them recoded with a value the codebook does not have.
 */
function danaEaf(): { file: string; danaAnnotations: number } {
  const xml = new TextDecoder().decode(buildExchangeExport(h.store, 'eaf').bytes);
  let out = xml.replace(/ANNOTATOR="ben"/g, 'ANNOTATOR="dana"').replace(/TIER_ID="ben - /g, 'TIER_ID="dana - ');
  // the first annotation of dana's first tier gets a value that is not in the codebook
  const tierAt = out.indexOf('TIER_ID="dana - ');
  const valueAt = out.indexOf('<ANNOTATION_VALUE>', tierAt);
  const end = out.indexOf('</ANNOTATION_VALUE>', valueAt);
  out = `${out.slice(0, valueAt)}<ANNOTATION_VALUE>Coffee break${out.slice(end)}`;
  out = out.replace(/(<ALIGNABLE_ANNOTATION [^>]*?) CVE_REF="[^"]*"(>\s*<ANNOTATION_VALUE>Coffee break)/, '$1$2');
  const tiers = out.split('<TIER ').slice(1).filter((t) => t.includes('ANNOTATOR="dana"'));
  const danaAnnotations = tiers.reduce((n, t) => n + (t.match(/<ALIGNABLE_ANNOTATION /g) ?? []).length, 0);
  const file = path.join(h.dir, 'dana.eaf');
  fs.writeFileSync(file, out);
  return { file, danaAnnotations };
}

describe('Import / export screen', () => {
  it('imports an ELAN file with the mapping step and shows the new segments in the segment list', async () => {
    const page = h.page;
    const before = Number(await page.getByTestId('segment-count').textContent());
    const { file, danaAnnotations } = danaEaf();
    expect(danaAnnotations).toBeGreaterThan(5);

    await page.getByRole('button', { name: 'Import / export' }).click();
    await page.getByTestId('exchange-view').waitFor();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();

    // mapping: only dana's tiers
    await page.getByTestId('tiers-none').click();
    await expect.poll(() => page.getByTestId('plan-segments').textContent()).toBe('0');
    const rows = page.getByTestId('source-row');
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      if ((await row.locator('td').nth(1).textContent())!.startsWith('dana - ')) {
        // the checkbox reflects the service's preview, so it turns on once the preview is back
        await row.getByRole('checkbox').click();
        await expect.poll(() => row.getByRole('checkbox').isChecked()).toBe(true);
      }
    }
    // the unknown value is offered as a new code under "Imported"; the others match existing codes
    const coffee = page.getByTestId('value-row').filter({ hasText: 'Coffee break' });
    await expect.poll(() => coffee.getByRole('combobox').inputValue()).toBe('new');
    expect(await coffee.getByRole('combobox').locator('option:checked').textContent()).toBe('New code: Imported/Coffee break');
    const plan = page.getByTestId('import-plan');
    await expect.poll(() => plan.textContent()).toContain('New coders: dana');
    expect(await plan.textContent()).toContain('Imported › Coffee break');
    const planned = Number(await page.getByTestId('plan-segments').textContent());
    // ben's spans: same-span segments with two codes come back as one segment
    expect(planned).toBeGreaterThan(0);
    expect(planned).toBeLessThanOrEqual(danaAnnotations);
    expect(await page.getByTestId('media-choice').textContent()).toContain('workshop.mp4: same recording as a project media');
    await page.screenshot({ path: path.join(ARTIFACTS, 'exchange.png') });

    await page.getByTestId('import-button').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`Imported ${planned} segments from dana.eaf; new codes: Imported, Imported/Coffee break; new coders: dana`);

    // in the file: dana's segments, one of them with the new code
    const snap = h.store.snapshot();
    const dana = snap.coders.find((c) => c.name === 'dana')!;
    const coffeeCode = snap.codes.find((c) => c.name === 'Coffee break')!;
    const danaSegs = snap.segments.filter((s) => s.coderId === dana.id);
    expect(danaSegs).toHaveLength(planned);
    expect(danaSegs.filter((s) => s.codeIds.includes(coffeeCode.id))).toHaveLength(1);

    // …and on screen
    await page.getByRole('button', { name: 'See the segments' }).click();
    await expect.poll(async () => Number(await page.getByTestId('segment-count').textContent())).toBe(before + planned);
    await page.getByTestId('segment-row').filter({ hasText: 'Imported › Coffee break' }).first().waitFor();
  });

  it('exports a REFI-QDA download: a zip holding project.qde with dana and the new code', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Import / export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toBe('Demo workshop.qdpx');
    const bytes = new Uint8Array(fs.readFileSync(await download.path()));
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['project.qde']);
    const qde = strFromU8(files['project.qde']!);
    expect(qde).toContain('<User guid=');
    expect(qde).toMatch(/<User guid="[^"]+" name="dana"\/>/);
    expect(qde).toContain('name="Coffee break"');
    await page.getByTestId('export-summary').waitFor();
    expect(await page.getByTestId('export-summary').textContent()).toContain('Downloaded Demo workshop.qdpx');
    await page.screenshot({ path: path.join(ARTIFACTS, 'exchange-export.png') });

    // the download read back: a REFI-QDA preview that finds everything already in the project
    const back = path.join(h.dir, 'back.qdpx');
    fs.writeFileSync(back, bytes);
    await page.getByTestId('import-file').setInputFiles(back);
    const plan = page.getByTestId('import-plan');
    await plan.waitFor();
    const total = h.store.countSegments();
    // the demo's contradictions are relations now, and the .qdpx carries them
    const contradictions = h.store.listContradictions().length;
    expect(contradictions).toBe(12);
    expect(await plan.textContent()).toContain(`The project holds 28 codes, 4 users (amina, ben, chen, dana), 1 media, ${total} coded selections, ${contradictions} contradictions.`);
    expect(await page.getByTestId('plan-segments').textContent()).toBe('0');
    expect(await plan.textContent()).toContain(`${total} already in the project`);
    expect(await page.getByTestId('media-choice').textContent()).toContain('workshop.mp4: already in the project');
    await page.screenshot({ path: path.join(ARTIFACTS, 'exchange-qdpx.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a hostile file gets a one-line error and changes nothing', async () => {
    const page = h.page;
    const before = h.store.snapshot();
    const evil = path.join(h.dir, 'evil.eaf');
    fs.writeFileSync(evil, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><ANNOTATION_DOCUMENT>&a;</ANNOTATION_DOCUMENT>');
    await page.getByTestId('import-file').setInputFiles(evil);
    const err = page.getByTestId('exchange-error');
    await err.waitFor();
    expect(await err.textContent()).toBe('evil.eaf: The ELAN file contains a DOCTYPE/ENTITY declaration, which is refused for safety (possible entity-expansion attack).');
    expect(h.store.snapshot()).toEqual(before);
  });
});
