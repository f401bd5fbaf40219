import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type Api } from '../../src/shared/contract';
import { CHANNEL_PREFIX, registerIpc } from '../../src/main/ipc';

type Handler = (event: { senderFrame: { url: string; parent: unknown } | null }, payload: unknown) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return { handlers, ipcMain: { handle: (ch: string, h: Handler) => void handlers.set(ch, h) } };
}

const ORIGIN = 'app://triangulate';
const top = { senderFrame: { url: `${ORIGIN}/index.html`, parent: null } };

describe('Electron IPC binding', () => {
  const deleteSegment = vi.fn(async ({ id }: { id: string }) => ({ id }));
  const service = new Proxy({} as Api, { get: (_t, name) => (name === 'deleteSegment' ? deleteSegment : async () => 'ok') });
  const { handlers, ipcMain } = fakeIpc();
  registerIpc(ipcMain, service, ORIGIN);

  it('registers exactly one channel per contract call', () => {
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => CHANNEL_PREFIX + m).sort());
  });

  it('passes a valid payload from our top frame to the service', async () => {
    const id = '3f2b8c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
    await expect(handlers.get(`${CHANNEL_PREFIX}deleteSegment`)!(top, { id })).resolves.toEqual({ ok: true, result: { id } });
    expect(deleteSegment).toHaveBeenCalledWith({ id });
  });

  it('refuses a wrong-shaped payload without calling the service', async () => {
    deleteSegment.mockClear();
    const r = (await handlers.get(`${CHANNEL_PREFIX}deleteSegment`)!(top, { id: 42 })) as { ok: boolean; error: { message: string; user: boolean } };
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ user: true, message: expect.stringMatching(/^deleteSegment: invalid id/) });
    expect(deleteSegment).not.toHaveBeenCalled();
  });

  it.each([
    ['a sub-frame', { senderFrame: { url: `${ORIGIN}/index.html`, parent: {} } }],
    ['another origin', { senderFrame: { url: 'https://example.org/', parent: null } }],
    ['a look-alike origin', { senderFrame: { url: `${ORIGIN}.evil/index.html`, parent: null } }],
    ['no frame', { senderFrame: null }],
  ])('refuses a call from %s', async (_what, event) => {
    deleteSegment.mockClear();
    const r = (await handlers.get(`${CHANNEL_PREFIX}deleteSegment`)!(event, { id: '3f2b8c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f' })) as { ok: boolean };
    expect(r.ok).toBe(false);
    expect(deleteSegment).not.toHaveBeenCalled();
  });
});

describe('preload', () => {
  it('exposes exactly the contract calls (never ipcRenderer) and forwards to their channels', async () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    const invoke = vi.fn(async () => ({ ok: true, result: null }));
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
      ipcRenderer: { invoke },
    }));
    await import('../../src/main/preload');
    const api = exposed.triangulate!;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'transport'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).some((v) => v === invoke)).toBe(false);
    await (api.getProject as (p: unknown) => Promise<unknown>)({});
    expect(invoke).toHaveBeenCalledWith(`${CHANNEL_PREFIX}getProject`, {});
    vi.doUnmock('electron');
  });
});
