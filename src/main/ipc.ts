/**
 * Binds the service to Electron IPC: one `invoke` channel per contract call. A call is served
 * only from our own top frame, and its payload is validated against the contract (dispatch.ts).
 * Typed structurally so this file does not import Electron (tests can exercise it).
 */
import { METHOD_NAMES } from '../shared/contract';
import { dispatch, toWireError, type ServiceLike } from './dispatch';

export const CHANNEL_PREFIX = 'triangulate:';
/** The Electron shell's own channels (dialogs, menu commands, window title): electron-main.ts. */
export const SHELL_PREFIX = 'triangulate-shell:';

interface InvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}
interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
}

export function registerIpc(ipcMain: IpcMainLike, service: ServiceLike, origin: string): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(CHANNEL_PREFIX + method, async (event, payload) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent || !frame.url.startsWith(origin + '/')) {
        return { ok: false, error: { message: 'Refused: call from an unknown frame', code: 'forbidden', user: true } };
      }
      try {
        return { ok: true, result: await dispatch(service, method, payload) };
      } catch (e) {
        return { ok: false, error: toWireError(e) };
      }
    });
  }
}
