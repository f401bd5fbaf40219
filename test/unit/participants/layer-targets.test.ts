/** Which segments Alt + a participant's key acts on: the timeline's multi-selection, else the one selected segment. */
import { describe, expect, it } from 'vitest';
import { layerTargets } from '../../../src/renderer/features/participants/layerTargets';

describe('layer targets', () => {
  it('are several segments selected on the timeline', () => {
    expect(layerTargets({ selectedIds: ['a', 'b'], selectedSegmentId: null })).toEqual(['a', 'b']);
  });
  it('are the segment just coded (selected in the list) even when the timeline still holds an older single selection', () => {
    expect(layerTargets({ selectedIds: ['old'], selectedSegmentId: 'new' })).toEqual(['new']);
    expect(layerTargets({ selectedIds: [], selectedSegmentId: 'new' })).toEqual(['new']);
  });
  it('are none when nothing is selected', () => {
    expect(layerTargets({ selectedIds: [], selectedSegmentId: null })).toEqual([]);
  });
});
