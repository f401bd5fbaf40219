/**
 * Preload (sandboxed, bundled by scripts/bundle-preload.cjs): exposes exactly the contract's
 * calls as `window.triangulate.<name>(payload)`, never ipcRenderer itself nor the event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/contract';
import { CHANNEL_PREFIX, SHELL_PREFIX } from './ipc';

const api: Record<string, (payload: unknown) => Promise<unknown>> = {};
for (const name of METHOD_NAMES) {
  api[name] = (payload: unknown) => ipcRenderer.invoke(CHANNEL_PREFIX + name, payload);
}
contextBridge.exposeInMainWorld('triangulate', Object.freeze({ ...api, transport: 'electron' }));

/** The shell's own calls: native file dialogs, menu commands, the window title (src/shared/studies/picker.ts). */
contextBridge.exposeInMainWorld('triangulateShell', Object.freeze({
  choose: (req: unknown) => ipcRenderer.invoke(`${SHELL_PREFIX}choose`, req),
  onCommand: (fn: (id: string, arg?: string) => void) => void ipcRenderer.on(`${SHELL_PREFIX}command`, (_e, id: string, arg?: string) => fn(id, arg)),
  studyChanged: (title: string | null, studyOpen: boolean) => ipcRenderer.send(`${SHELL_PREFIX}study`, title, studyOpen),
}));
