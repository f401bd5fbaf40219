import { describe, expect, it } from 'vitest';
import { plural } from '../../src/shared/plural';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'segment')).toBe('1 segment');
    expect(plural(0, 'segment')).toBe('0 segments');
    expect(plural(2, 'row')).toBe('2 rows');
    expect(plural(1, 'media', 'media')).toBe('1 media');
    expect(plural(3, 'media', 'media')).toBe('3 media');
    expect(plural(2, 'transcript cue')).toBe('2 transcript cues');
  });
});
