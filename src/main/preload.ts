/**
 * Preload (sandboxed, bundled by scripts/bundle-preload.cjs): exposes exactly the contract's
 * calls as `window.triangulate.<name>(payload)`, never ipcRenderer itself nor the event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/contract';
import { CHANNEL_PREFIX } from './ipc';

const api: Record<string, (payload: unknown) => Promise<unknown>> = {};
for (const name of METHOD_NAMES) {
  api[name] = (payload: unknown) => ipcRenderer.invoke(CHANNEL_PREFIX + name, payload);
}
contextBridge.exposeInMainWorld('triangulate', Object.freeze({ ...api, transport: 'electron' }));
