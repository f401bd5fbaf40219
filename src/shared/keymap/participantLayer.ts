/**
 * The participant hotkey layer: hold Alt (Option on a Mac) and press a participant's key to toggle
 * that participant on the selected segment. The app's own key map and the code hotkeys use no
 * Alt chords, so the layer only has to keep clear of what the shells do with Alt:
 * - Electron's menu mnemonics (&File, &Edit, &View, &Help) open their menu on Windows/Linux even
 *   when the page calls preventDefault (electron/electron#502);
 * - browsers in web mode: Alt+D (address bar), Alt+F and Alt+E (Chrome's menu), Firefox's menu
 *   bar (F E V S B T H), and Alt+digit switches tabs in Chrome on Linux.
 * So a participant key is one letter a–z outside RESERVED_LAYER_KEYS. Pure.
 */
import type { KeyLike } from './index';

/** Letters Alt+letter already means something for, in Electron or a browser. */
export const RESERVED_LAYER_KEYS: ReadonlySet<string> = new Set(['b', 'd', 'e', 'f', 'h', 's', 't', 'v']);

/** The letters a participant may have as key, in order. */
export const LAYER_KEYS: readonly string[] = 'abcdefghijklmnopqrstuvwxyz'.split('').filter((k) => !RESERVED_LAYER_KEYS.has(k));

/**
 * Why `key` cannot be a participant's key (null when it can). `taken` maps keys already in use to
 * the participant using them (the participant itself excluded by the caller).
 */
export function layerKeyProblem(key: string, taken: ReadonlyMap<string, string> = new Map()): string | null {
  const k = key.toLowerCase();
  if (!/^[a-z]$/.test(k)) return `"${key}" is not a letter: a participant's key is one letter (held with Alt)`;
  if (RESERVED_LAYER_KEYS.has(k)) return `Alt+${k.toUpperCase()} opens a menu or the address bar; choose another letter (not ${[...RESERVED_LAYER_KEYS].join(' ').toUpperCase()})`;
  const who = taken.get(k);
  if (who) return `Alt+${k.toUpperCase()} is already ${who}'s key`;
  return null;
}

/** First free layer key, or null when every one is taken. */
export function freeLayerKey(taken: Iterable<string>): string | null {
  const used = new Set([...taken].map((k) => k.toLowerCase()));
  return LAYER_KEYS.find((k) => !used.has(k)) ?? null;
}

/**
 * The layer key of a keydown (a–z), or null when it is not a layer chord: Alt held, without Ctrl/Cmd
 * or Shift. On a Mac, Option+A types "å", so the physical key (`code` "KeyA") is read when the
 * typed key is not a plain letter.
 */
export function layerKeyOf(e: KeyLike & { code?: string }): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const typed = e.key.length === 1 ? e.key.toLowerCase() : '';
  if (/^[a-z]$/.test(typed)) return typed;
  const m = /^Key([A-Z])$/.exec(e.code ?? '');
  return m ? m[1]!.toLowerCase() : null;
}
