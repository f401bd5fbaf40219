/**
 * Blind coding: a study setting stored in project_meta (on in new studies, off in the demo) and
 * each coder's own choice to see the others, both persisted in the project file.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { createService } from '../../src/main/service';
import { parseInput } from '../../src/shared/contract';
import { tmpDir } from '../helpers/tmp';

describe('blind coding', () => {
  it('is on in a new study, and a coder turning it off for themselves persists across reopening', async () => {
    const file = path.join(tmpDir(), 'study.triangulate');
    let store = ProjectStore.create(file);
    let api = createService(store);
    const amina = await api.createCoder({ name: 'amina' });
    const ben = await api.createCoder({ name: 'ben' });
    expect(await api.getProject({})).toMatchObject({ blindCoding: true, blindRevealedFor: [] });
    expect(await api.setBlindReveal(parseInput('setBlindReveal', { coderId: amina.id, reveal: true }))).toEqual({ blindRevealedFor: [amina.id] });
    store.close();

    store = ProjectStore.open(file);
    api = createService(store);
    // amina sees the others; ben is still blind
    expect(await api.getProject({})).toMatchObject({ blindCoding: true, blindRevealedFor: [amina.id] });
    expect(await api.setBlindReveal({ coderId: amina.id, reveal: false })).toEqual({ blindRevealedFor: [] });
    expect(await api.setBlindCoding(parseInput('setBlindCoding', { on: false }))).toEqual({ blindCoding: false });
    // an unknown coder is refused and changes nothing
    await expect(api.setBlindReveal({ coderId: '00000000-0000-4000-8000-000000000000', reveal: true })).rejects.toThrow(/coder/i);
    store.close();
    store = ProjectStore.open(file);
    expect(await createService(store).getProject({})).toMatchObject({ blindCoding: false, blindRevealedFor: [] });
    expect(ben.id).not.toBe(amina.id);
    store.close();
    expect(() => parseInput('setBlindCoding', { on: 'yes' })).toThrow(/setBlindCoding/);
  });

  it('is off in the demo (a shared study to explore every coder\'s work)', async () => {
    const file = writeDemoProject(path.join(tmpDir(), 'demo'));
    const store = ProjectStore.open(file);
    expect((await createService(store).getProject({})).blindCoding).toBe(false);
    store.close();
  });
});
