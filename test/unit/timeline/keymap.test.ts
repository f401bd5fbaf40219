import { describe, expect, it } from 'vitest';
import { actionFor, chordOf, conflicts, DEFAULT_KEYMAP, displayChord, nextShuttleRate, parseKeymap, rebind } from '../../../src/shared/keymap';

const ev = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('key map', () => {
  it('normalises events into chords', () => {
    expect(chordOf(ev(' '))).toBe('Space');
    expect(chordOf(ev('L', { shiftKey: true }))).toBe('Shift+l');
    expect(chordOf(ev('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(ev('z', { ctrlKey: true }))).toBe('Mod+z');
    expect(chordOf(ev('Z', { metaKey: true, shiftKey: true }))).toBe('Shift+Mod+z');
    expect(chordOf(ev('ArrowLeft', { shiftKey: true }))).toBe('Shift+ArrowLeft');
    expect(chordOf(ev('Shift', { shiftKey: true }))).toBeNull();
  });
  it('finds the default actions the issue asks for', () => {
    const m = DEFAULT_KEYMAP;
    expect(['j', 'k', 'l', 'Space', ',', '.', 'ArrowLeft', 'Shift+ArrowRight', 'i', 'o', '[', ']', 'Mod+z', 'Shift+Mod+z', '?'].map((c) => actionFor(m, c)))
      .toEqual(['shuttleBack', 'shuttleStop', 'shuttleForward', 'playPause', 'frameBack', 'frameForward', 'back1s', 'forward5s', 'markIn', 'markOut', 'prevSegment', 'nextSegment', 'undo', 'redo', 'help']);
  });
  it('the defaults clash neither with each other nor with the default codebook hotkeys', () => {
    const hot = new Map(['1', '2', '3', '4', '5', '6', '7', '8', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'c', 'a', 'm'].map((k) => [k, `code ${k}`]));
    expect(conflicts(DEFAULT_KEYMAP, hot)).toEqual([]);
  });
  it('remaps, refusing chords already taken and naming them', () => {
    const m = rebind(DEFAULT_KEYMAP, 'toggleLoop', 'b');
    expect(m.toggleLoop).toEqual(['b']);
    expect(actionFor(m, 'p')).toBeNull();
    expect(() => rebind(m, 'toggleLoop', 'j')).toThrow('J is already "Shuttle backward (press again: faster)"; change that first');
    expect(() => rebind(m, 'toggleLoop', 'c', new Map([['c', 'Challenge']]))).toThrow('C is the hotkey of the code "Challenge"');
  });
  it('reads a saved map, keeping defaults for missing or bad entries', () => {
    const m = parseKeymap(JSON.stringify({ toggleLoop: ['b'], help: 'x', undo: [] }));
    expect(m.toggleLoop).toEqual(['b']);
    expect(m.help).toEqual(['?']);
    expect(m.undo).toEqual(['Mod+z']);
    expect(parseKeymap('{not json')).toEqual(DEFAULT_KEYMAP);
  });
  it('shows chords readably', () => {
    expect(displayChord('Shift+Mod+z')).toBe('Shift+Ctrl+Z');
    expect(displayChord('Shift+Mod+z', true)).toBe('⇧⌘Z');
    expect(displayChord('Shift+ArrowLeft')).toBe('Shift+←');
    expect(displayChord('Mod++')).toBe('Ctrl++');
  });
  it('L speeds up 1 → 2 → 4 and stays there', () => {
    expect([0, 1, 2, 4].map(nextShuttleRate)).toEqual([1, 2, 4, 4]);
  });
});
