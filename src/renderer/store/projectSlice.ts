/** Project, codebook, coders and activity systems. */
import type { StateCreator } from 'zustand';
import type { CodeUsage, ProjectInfo } from '../../shared/contract';
import type { Code } from '../../shared/domain';
import { client } from './client';
import type { AppState } from './index';

export interface ProjectSlice {
  project: ProjectInfo | null;
  loadProject(): Promise<void>;
  createCode(input: { name: string; parentId?: string | null; color?: string; hotkey?: string | null; kind?: Code['kind'] }): Promise<Code>;
  updateCode(input: { id: string; name?: string; parentId?: string | null; color?: string; hotkey?: string | null; definition?: string }): Promise<Code>;
  codeUsage(id: string): Promise<CodeUsage>;
  deleteCode(id: string): Promise<void>;
  renameSystem(id: string, name: string): Promise<void>;
  createCoder(name: string): Promise<string>;
  /** The study's blind coding setting. */
  setBlindCoding(on: boolean): Promise<void>;
  /** The current coder's own choice to see the other coders while the study is blind. */
  setBlindReveal(reveal: boolean): Promise<void>;
}

export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => ({
  project: null,
  async loadProject() {
    const project = await client().api.getProject({});
    set({ project });
  },
  async createCode(input) {
    const code = await get().track(client().api.createCode(input));
    await get().loadProject();
    return code;
  },
  async updateCode(input) {
    const code = await get().track(client().api.updateCode(input));
    await get().loadProject();
    return code;
  },
  codeUsage(id) {
    return client().api.codeUsage({ id });
  },
  async deleteCode(id) {
    await get().track(client().api.deleteCode({ id }));
    await get().loadProject();
    // links to the deleted codes are gone in the file; reload the list so none dangle on screen
    const mediaId = get().mediaId;
    if (mediaId) await get().loadSegments(mediaId);
  },
  async renameSystem(id, name) {
    await get().track(client().api.renameSystem({ id, name }));
    await get().loadProject();
  },
  async createCoder(name) {
    const coder = await get().track(client().api.createCoder({ name }));
    await get().loadProject();
    return coder.id;
  },
  async setBlindCoding(on) {
    await client().api.setBlindCoding({ on });
    await get().loadProject();
  },
  async setBlindReveal(reveal) {
    const coderId = get().coderId;
    if (!coderId) return;
    await client().api.setBlindReveal({ coderId, reveal });
    await get().loadProject();
  },
});
