/** The participant hotkey layer's keys: Alt+letter, never a menu mnemonic or a browser's Alt shortcut. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYMAP, chordOf } from '../../../src/shared/keymap';
import { LAYER_KEYS, freeLayerKey, layerKeyOf, layerKeyProblem } from '../../../src/shared/keymap/participantLayer';

const ev = (key: string, mods: Partial<{ alt: boolean; ctrl: boolean; meta: boolean; shift: boolean }> = {}, code?: string) => ({
  key, code, altKey: !!mods.alt, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift,
});

describe('participant layer keys', () => {
  it('are the 18 letters left once the menu mnemonics and browser Alt keys are taken out', () => {
    expect(LAYER_KEYS.join('')).toBe('acgijklmnopqruwxyz');
  });

  it('do not collide with the key map: no default action uses Alt', () => {
    for (const keys of Object.values(DEFAULT_KEYMAP)) for (const k of keys) expect(k).not.toMatch(/Alt\+/);
    // and a layer chord is never a plain code hotkey: chordOf keeps Alt in it
    expect(chordOf(ev('a', { alt: true }))).toBe('Alt+a');
  });

  it('reads Alt+letter, also as Option+letter on a Mac (typed "å", physical KeyA)', () => {
    expect(layerKeyOf(ev('l', { alt: true }, 'KeyL'))).toBe('l');
    expect(layerKeyOf(ev('L', { alt: true }, 'KeyL'))).toBe('l');
    expect(layerKeyOf(ev('å', { alt: true }, 'KeyA'))).toBe('a');
    expect(layerKeyOf(ev('l', {}, 'KeyL'))).toBeNull();
    expect(layerKeyOf(ev('l', { alt: true, ctrl: true }, 'KeyL'))).toBeNull();
    expect(layerKeyOf(ev('l', { alt: true, shift: true }, 'KeyL'))).toBeNull();
    expect(layerKeyOf(ev('1', { alt: true }, 'Digit1'))).toBeNull();
    expect(layerKeyOf(ev('Alt', { alt: true }, 'AltLeft'))).toBeNull();
  });

  it('explain why a key cannot be used', () => {
    expect(layerKeyProblem('m')).toBeNull();
    expect(layerKeyProblem('M')).toBeNull();
    expect(layerKeyProblem('f')).toMatch(/^Alt\+F opens a menu/);
    expect(layerKeyProblem('1')).toMatch(/not a letter/);
    expect(layerKeyProblem('ab')).toMatch(/not a letter/);
    expect(layerKeyProblem('l', new Map([['l', 'Lena']]))).toBe("Alt+L is already Lena's key");
  });

  it('offer the first free key', () => {
    expect(freeLayerKey([])).toBe('a');
    expect(freeLayerKey(['a', 'C'])).toBe('g');
    expect(freeLayerKey(LAYER_KEYS)).toBeNull();
  });
});
