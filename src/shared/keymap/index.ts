/**
 * The workstation key map: named actions, their default keys, and remapping with conflict checks.
 * A chord is a normalised string: modifiers in the order Shift+Alt+Mod+ then the key, where Mod is
 * Ctrl (or Cmd on a Mac), letters are lower-case, named keys keep their DOM names ("ArrowLeft",
 * "Space", "Escape") and shifted punctuation is the character typed ("?" not "Shift+/").
 * Code and marker hotkeys live on the codes (codebook) and are listed beside these. Pure.
 */

export const ACTIONS = [
  'playPause', 'shuttleForward', 'shuttleStop', 'shuttleBack', 'frameBack', 'frameForward',
  'back1s', 'forward1s', 'back5s', 'forward5s', 'markIn', 'markOut', 'clearMarks', 'toggleLoop',
  'prevSegment', 'nextSegment', 'deleteSelection', 'undo', 'redo', 'help',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Keymap = Record<Action, string[]>;

export const ACTION_DOCS: Record<Action, { label: string; group: 'Playback' | 'Marking' | 'Navigation' | 'Editing' }> = {
  playPause: { label: 'Play / pause', group: 'Playback' },
  shuttleForward: { label: 'Shuttle forward (press again: 1× → 2× → 4×)', group: 'Playback' },
  shuttleStop: { label: 'Stop shuttle (pause, back to 1×)', group: 'Playback' },
  shuttleBack: { label: 'Shuttle backward (press again: faster)', group: 'Playback' },
  frameBack: { label: 'Previous frame', group: 'Navigation' },
  frameForward: { label: 'Next frame', group: 'Navigation' },
  back1s: { label: 'Back 1 s', group: 'Navigation' },
  forward1s: { label: 'Forward 1 s', group: 'Navigation' },
  back5s: { label: 'Back 5 s', group: 'Navigation' },
  forward5s: { label: 'Forward 5 s', group: 'Navigation' },
  prevSegment: { label: 'Previous segment (start)', group: 'Navigation' },
  nextSegment: { label: 'Next segment (start)', group: 'Navigation' },
  markIn: { label: 'Mark in at the playhead', group: 'Marking' },
  markOut: { label: 'Mark out at the playhead', group: 'Marking' },
  clearMarks: { label: 'Clear marks and selection', group: 'Marking' },
  toggleLoop: { label: 'Loop the marked range (on/off)', group: 'Playback' },
  deleteSelection: { label: 'Delete the selected segments', group: 'Editing' },
  undo: { label: 'Undo', group: 'Editing' },
  redo: { label: 'Redo', group: 'Editing' },
  help: { label: 'Show this key map', group: 'Editing' },
};

export const DEFAULT_KEYMAP: Keymap = {
  playPause: ['Space'],
  shuttleForward: ['l'],
  shuttleStop: ['k'],
  shuttleBack: ['j'],
  frameBack: [','],
  frameForward: ['.'],
  back1s: ['ArrowLeft'],
  forward1s: ['ArrowRight'],
  back5s: ['Shift+ArrowLeft'],
  forward5s: ['Shift+ArrowRight'],
  markIn: ['i'],
  markOut: ['o'],
  clearMarks: ['Escape'],
  toggleLoop: ['p'],
  prevSegment: ['['],
  nextSegment: [']'],
  deleteSelection: ['Delete', 'Backspace'],
  undo: ['Mod+z'],
  redo: ['Shift+Mod+z', 'Mod+y'],
  help: ['?'],
};

export class KeymapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The chord of a keyboard event; null for a lone modifier. */
export function chordOf(e: KeyLike): string | null {
  let key = e.key;
  if (['Shift', 'Control', 'Alt', 'Meta', 'OS', 'Dead', 'Unidentified'].includes(key)) return null;
  if (key === ' ' || key === 'Spacebar') key = 'Space';
  const single = [...key].length === 1;
  const letter = single && key.toLowerCase() !== key.toUpperCase();
  if (letter) key = key.toLowerCase();
  // shifted punctuation is its own character ("?"), so Shift is not part of the chord
  const shift = e.shiftKey && (!single || letter);
  return `${shift ? 'Shift+' : ''}${e.altKey ? 'Alt+' : ''}${e.ctrlKey || e.metaKey ? 'Mod+' : ''}${key}`;
}

/** How a chord is shown, e.g. "Shift+Ctrl+Z" or "⇧⌘Z". */
export function displayChord(chord: string, mac = false): string {
  const plus = chord === '+' || chord.endsWith('++');
  const parts = (plus ? chord.slice(0, -1) : chord).split('+').filter(Boolean);
  const key = plus ? '+' : parts.pop()!;
  const names: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Space: 'Space', Escape: 'Esc' };
  const k = names[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  const mods = parts.map((m) => (m === 'Mod' ? (mac ? '⌘' : 'Ctrl') : m === 'Shift' ? (mac ? '⇧' : 'Shift') : mac ? '⌥' : 'Alt'));
  return mac ? mods.join('') + k : [...mods, k].join('+');
}

/** Action bound to a chord. */
export function actionFor(keymap: Keymap, chord: string): Action | null {
  for (const a of ACTIONS) if (keymap[a].includes(chord)) return a;
  return null;
}

/**
 * Binds `chord` to `action` (replacing its keys, or adding with `add`). Refuses a chord bound to
 * another action or used as a code hotkey, naming the conflict.
 */
export function rebind(keymap: Keymap, action: Action, chord: string, codeHotkeys: ReadonlyMap<string, string> = new Map(), add = false): Keymap {
  const other = actionFor(keymap, chord);
  if (other && other !== action) throw new KeymapError(`${displayChord(chord)} is already "${ACTION_DOCS[other].label}"; change that first`);
  const code = codeHotkeys.get(chord);
  if (code) throw new KeymapError(`${displayChord(chord)} is the hotkey of the code "${code}"; change that in the codebook first`);
  const keys = add ? [...new Set([...keymap[action], chord])] : [chord];
  return { ...keymap, [action]: keys };
}

/** Reads a saved key map (JSON), keeping defaults for actions it lacks; malformed input gives the defaults. */
export function parseKeymap(json: string | null): Keymap {
  const out: Keymap = { ...DEFAULT_KEYMAP };
  if (!json) return out;
  let saved: unknown;
  try {
    saved = JSON.parse(json);
  } catch {
    return out;
  }
  if (!saved || typeof saved !== 'object') return out;
  const used = new Set<string>();
  for (const a of ACTIONS) {
    const keys = (saved as Record<string, unknown>)[a];
    if (Array.isArray(keys) && keys.every((k) => typeof k === 'string' && k.length > 0 && k.length < 40) && keys.length > 0) {
      if (keys.some((k) => used.has(k as string))) continue;
      out[a] = keys as string[];
    }
    for (const k of out[a]) used.add(k);
  }
  return out;
}

/** Chords that two actions share, or that an action shares with a code hotkey. */
export function conflicts(keymap: Keymap, codeHotkeys: ReadonlyMap<string, string>): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const a of ACTIONS) {
    for (const k of keymap[a]) {
      const prev = seen.get(k);
      if (prev) out.push(`${displayChord(k)}: "${prev}" and "${ACTION_DOCS[a].label}"`);
      else seen.set(k, ACTION_DOCS[a].label);
      const code = codeHotkeys.get(k);
      if (code) out.push(`${displayChord(k)}: "${ACTION_DOCS[a].label}" and the code "${code}"`);
    }
  }
  return out;
}

/** Shuttle rates: L steps 1 → 2 → 4 (stays at 4); J the same backwards. */
export function nextShuttleRate(current: number): number {
  const steps = [1, 2, 4];
  const i = steps.indexOf(Math.abs(current));
  return i < 0 ? 1 : steps[Math.min(i + 1, steps.length - 1)]!;
}
