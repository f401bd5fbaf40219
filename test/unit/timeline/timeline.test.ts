/** Timeline maths: values worked out by hand. */
import { describe, expect, it } from 'vitest';
import { clampView, follow, msToPx, panBy, pxToMs, wheelPanPx, zoomAt, type View } from '../../../src/shared/timeline/scale';
import { dragEdge, snapTime, snapToFrame, sortedEdges } from '../../../src/shared/timeline/snap';
import { collapseKey, layoutLanes, rowAt } from '../../../src/shared/timeline/lanes';
import { itemAt, trackItems, visibleRange } from '../../../src/shared/timeline/items';
import { defaultCodebook } from '../../../src/shared/codebook';

const v: View = { startMs: 10_000, endMs: 20_000, widthPx: 1000 }; // 10 ms per pixel

describe('time ↔ pixel', () => {
  it('maps linearly and inverts', () => {
    expect(msToPx(10_000, v)).toBe(0);
    expect(msToPx(15_000, v)).toBe(500);
    expect(msToPx(20_000, v)).toBe(1000);
    expect(msToPx(9_000, v)).toBe(-100);
    expect(pxToMs(250, v)).toBe(12_500);
    expect(pxToMs(msToPx(13_337, v), v)).toBeCloseTo(13_337, 9);
  });
});

describe('zoom and pan', () => {
  const dur = 120_000;
  it('zooming in 2× about the middle halves the span around the same time', () => {
    expect(zoomAt(v, 2, 500, dur, 320)).toEqual({ startMs: 12_500, endMs: 17_500, widthPx: 1000 });
  });
  it('zooming about the left edge keeps the left time', () => {
    expect(zoomAt(v, 4, 0, dur, 320)).toEqual({ startMs: 10_000, endMs: 12_500, widthPx: 1000 });
  });
  it('stops at the minimum span (8 frames of 40 ms = 320 ms) and at the whole recording', () => {
    const z = zoomAt(v, 1e6, 500, dur, 320);
    expect(z.endMs - z.startMs).toBe(320);
    expect(z.startMs).toBe(15_000 - 160);
    expect(zoomAt(v, 1e-6, 500, dur, 320)).toEqual({ startMs: 0, endMs: 120_000, widthPx: 1000 });
  });
  it('pans by pixels and stays inside the recording', () => {
    expect(panBy(v, 100, dur, 320)).toEqual({ startMs: 11_000, endMs: 21_000, widthPx: 1000 });
    expect(panBy(v, -5000, dur, 320)).toEqual({ startMs: 0, endMs: 10_000, widthPx: 1000 });
    expect(panBy(v, 1e6, dur, 320)).toEqual({ startMs: 110_000, endMs: 120_000, widthPx: 1000 });
    expect(clampView({ startMs: -5, endMs: 5, widthPx: 10 }, 1000, 100)).toEqual({ startMs: 0, endMs: 100, widthPx: 10 });
  });
  it('follows the playhead by paging when it nears an edge', () => {
    expect(follow(v, 15_000, dur, 320)).toBe(v);
    // past 19 000 (10 % margin): the playhead moves to the left margin
    expect(follow(v, 19_500, dur, 320)).toEqual({ startMs: 18_500, endMs: 28_500, widthPx: 1000 });
    expect(follow(v, 2_000, dur, 320)).toEqual({ startMs: 0, endMs: 10_000, widthPx: 1000 });
  });
});

describe('snapping', () => {
  const frameMs = 40; // 25 fps
  it('rounds to the nearest frame boundary', () => {
    expect(snapToFrame(1019, frameMs)).toBe(1000);
    expect(snapToFrame(1021, frameMs)).toBe(1040);
    expect(snapToFrame(1000 / 30 * 7 + 3, 1000 / 30)).toBe(233); // frame 7 at 29.97…: 233.33 → 233
  });
  it('prefers another segment\'s edge within the threshold, the closest one', () => {
    const edges = sortedEdges([{ id: 'a', startMs: 1000, endMs: 2010 }, { id: 'b', startMs: 2030, endMs: 3000 }, { id: 'me', startMs: 2015, endMs: 2500 }], 'me');
    expect(edges).toEqual([1000, 2010, 2030, 3000]);
    expect(snapTime(2018, { frameMs, edges, thresholdMs: 60 })).toEqual({ ms: 2010, to: 'edge' });
    expect(snapTime(2022, { frameMs, edges, thresholdMs: 60 })).toEqual({ ms: 2030, to: 'edge' });
    expect(snapTime(2500, { frameMs, edges, thresholdMs: 60 })).toEqual({ ms: 2520, to: 'frame' });
    expect(snapTime(-30, { frameMs, edges: [], thresholdMs: 60 })).toEqual({ ms: 0, to: 'frame' });
  });
  it('dragging a start past the end swaps the edges', () => {
    expect(dragEdge({ startMs: 1000, endMs: 2000 }, 'start', 2515, { frameMs, edges: [], thresholdMs: 0 })).toEqual({ startMs: 2000, endMs: 2520 });
    expect(dragEdge({ startMs: 1000, endMs: 2000 }, 'end', 1490, { frameMs, edges: [1500], thresholdMs: 20 })).toEqual({ startMs: 1000, endMs: 1500 });
  });
});

describe('lanes', () => {
  let n = 0;
  const { systems, codes } = defaultCodebook(() => `id-${n++}`, 0);
  const coders = ['amina', 'ben'].map((name, i) => ({ id: `c${i}`, name, color: '#000000', isConsensus: false, createdAt: 0, updatedAt: 0 }));
  const tools = codes.find((c) => c.name === 'Tools' && c.systemId === systems[0]!.id)!;
  const challenge = codes.find((c) => c.name === 'Challenge')!;
  it('one track per coder × element, with system headers, shared object, other codes and contradictions', () => {
    const l = layoutLanes({ coders, systems, codes, collapsed: new Set(), trackH: 10, headerH: 4 });
    // per coder: header + 2 × (system header + 7 elements) + shared object + other = 19; + contradictions
    expect(l.rows).toHaveLength(2 * 19 + 1);
    expect(l.height).toBe(2 * (4 + 2 * (4 + 70) + 10 + 10) + 10);
    const r = l.rows[l.rowFor('c1', tools.id)!]!;
    expect([r.kind, r.label, r.coderId, r.codeId]).toEqual(['track', 'Tools', 'c1', tools.id]);
    expect(l.rows[l.rowFor('c0', challenge.id)!]!.label).toBe('Markers & other codes');
    expect(l.rows.at(-1)!.kind).toBe('contradictions');
  });
  it('a collapsed system is one track holding all its elements', () => {
    const l = layoutLanes({ coders, systems, codes, collapsed: new Set([collapseKey('c0', systems[0]!.id)]), trackH: 10, headerH: 4 });
    expect(l.rows).toHaveLength(2 * 19 + 1 - 7);
    const r = l.rows[l.rowFor('c0', tools.id)!]!;
    expect([r.kind, r.collapsed, r.label, r.h]).toEqual(['system', true, 'Researchers', 10]);
    expect(rowAt(l.rows, r.y + 5)).toBe(l.rowFor('c0', tools.id));
    expect(rowAt(l.rows, -1)).toBe(-1);
    expect(rowAt(l.rows, l.height)).toBe(-1);
  });
});

describe('visible items', () => {
  const t = trackItems([
    { id: 'long', startMs: 0, endMs: 50_000, color: '', label: '' },
    { id: 'a', startMs: 10_000, endMs: 11_000, color: '', label: '' },
    { id: 'b', startMs: 30_000, endMs: 30_000, color: '', label: '' },
    { id: 'c', startMs: 60_000, endMs: 61_000, color: '', label: '' },
  ]);
  it('finds what overlaps a window, including a long segment that started before it', () => {
    const [from, to] = visibleRange(t, 29_000, 31_000);
    const ids = t.items.slice(from, to).filter((i) => i.endMs >= 29_000 && i.startMs <= 31_000).map((i) => i.id);
    expect(ids).toEqual(['long', 'b']);
  });
  it('hits the shortest item under the pointer, point markers within the tolerance', () => {
    expect(itemAt(t, 10_500, 0)!.id).toBe('a');
    expect(itemAt(t, 30_040, 50)!.id).toBe('b');
    expect(itemAt(t, 55_000, 10)).toBeNull();
  });
});

describe('Shift+wheel panning', () => {
  // one wheel notch is deltaY 100 px (deltaMode 0) or 3 lines (deltaMode 1) in Chromium and Firefox
  it('pans a tenth of the visible range per notch, whatever the zoom', () => {
    const dur = 120_000;
    const whole: View = { startMs: 0, endMs: 120_000, widthPx: 1000 };
    expect(panBy(whole, wheelPanPx(100, 0, 1000), dur, 320)).toEqual(whole); // nothing further to see
    const minute: View = { startMs: 30_000, endMs: 90_000, widthPx: 1000 };
    expect(panBy(minute, wheelPanPx(100, 0, 1000), dur, 320)).toEqual({ startMs: 36_000, endMs: 96_000, widthPx: 1000 });
    expect(panBy(minute, wheelPanPx(-3, 1, 1000), dur, 320)).toEqual({ startMs: 24_000, endMs: 84_000, widthPx: 1000 });
    // frame zoom: 8 frames of 40 ms across the width; one notch moves 32 ms, not 12 s
    const frames: View = { startMs: 60_000, endMs: 60_320, widthPx: 1000 };
    const next = panBy(frames, wheelPanPx(100, 0, 1000), dur, 320);
    expect(next.startMs).toBeCloseTo(60_032, 6);
    expect(next.endMs).toBeCloseTo(60_352, 6);
  });
});
