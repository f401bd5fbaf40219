import type { Uuid } from '../domain';

const GUID_RE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** "{ABCD...}" or "ABCD..." → lower-case bare UUID; null when the text is not a GUID. */
export function normalizeGuid(text: string | undefined | null): Uuid | null {
  if (!text) return null;
  const m = GUID_RE.exec(text.trim());
  return m ? m[1].toLowerCase() : null;
}

/** 32-bit string hash (cyrb-style), seeded. */
function hash32(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * Deterministic UUID (version nibble 5, RFC variant) derived from the parts. Not cryptographic:
 * used for ids that must be stable across exports (codings, links, sync points).
 */
export function stableUuid(...parts: string[]): Uuid {
  const text = parts.join('\u0001');
  const h = [hash32(text, 1), hash32(text, 2), hash32(text, 3), hash32(text, 4)].map(hex8).join('');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Random v4 UUID: crypto.randomUUID when the platform has it (Node ≥ 19, Electron, browsers). */
export function randomUuid(): Uuid {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
