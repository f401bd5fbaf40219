/**
 * The one typed client of the main-process service. In Electron the preload exposes
 * `window.triangulate`; in web mode calls go to the loopback server with the session token.
 */
import { METHOD_NAMES, type Api, type MethodName, type WireError } from '../../shared/contract';

export class ServiceError extends Error {
  constructor(
    readonly wire: WireError,
    readonly method: string,
  ) {
    super(wire.message);
    this.name = 'ServiceError';
  }
}

export interface Client {
  api: Api;
  transport: 'electron' | 'web';
  /** URL the <video> element loads a project media from. */
  mediaUrl(mediaId: string): string;
}

type Reply = { ok: true; result: unknown } | { ok: false; error: WireError };

declare global {
  interface Window {
    triangulate?: Record<string, (payload: unknown) => Promise<Reply>>;
  }
}

const TOKEN_KEY = 'triangulate.token';

function sessionToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function unwrap(method: string, reply: Reply): unknown {
  if (reply.ok) return reply.result;
  throw new ServiceError(reply.error, method);
}

export function createClient(): Client {
  const bridge = window.triangulate;
  if (bridge) {
    const api = Object.fromEntries(
      METHOD_NAMES.map((m) => [m, async (input: unknown) => unwrap(m, await bridge[m]!(input))]),
    ) as unknown as Api;
    return { api, transport: 'electron', mediaUrl: (id) => `media://media/${encodeURIComponent(id)}` };
  }
  const token = sessionToken();
  const call = async (method: MethodName, input: unknown) => {
    let res: Response;
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-triangulate-token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      throw new ServiceError({ message: 'Lost the connection to Triangulate (is the server still running?)', code: 'offline', user: true }, method);
    }
    const reply = (await res.json()) as Reply;
    return unwrap(method, reply);
  };
  const api = Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input)])) as unknown as Api;
  return { api, transport: 'web', mediaUrl: (id) => `/media/${encodeURIComponent(id)}?t=${encodeURIComponent(token)}` };
}
