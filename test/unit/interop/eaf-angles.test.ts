/** Which MEDIA_DESCRIPTORs of an EAF become linked angles, and their offsets (worked out by hand from TIME_ORIGIN). */
import { describe, expect, it } from 'vitest';
import { eafToBundle, exportEaf, parseEaf } from '../../../src/shared/interop';

const eaf = (descriptors: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">${descriptors}</HEADER>
  <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/></TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="default" TIER_ID="talk"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>hi</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="default" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>`;
const md = (file: string, mime: string, extra = '') => `<MEDIA_DESCRIPTOR MEDIA_URL="file:///data/${file}" MIME_TYPE="${mime}"${extra}/>`;

function angles(descriptors: string) {
  const { bundle } = eafToBundle(parseEaf(eaf(descriptors)), { tierIds: ['talk'], coderName: 'x', codes: [] });
  const name = (id: string) => bundle.media.find((m) => m.id === id)!.name;
  return { primary: name(bundle.segments[0]!.mediaId), links: (bundle.mediaLinks ?? []).map((l) => [name(l.primaryId), name(l.angleId), l.offsetMs]) };
}

describe('EAF angles', () => {
  it('links the other recordings with offset = their TIME_ORIGIN − the primary’s', () => {
    // the room camera has origin 500: annotation 0 = room 0.5 s; table origin 3750 → table = room + 3250
    const r = angles(md('room.mp4', 'video/mp4', ' TIME_ORIGIN="500"') + md('table.mp4', 'video/mp4', ' TIME_ORIGIN="3750"') + md('zoom.wav', 'audio/x-wav'));
    // no descriptor without an origin is a video, so the primary is the first without an origin: zoom.wav
    expect(r.primary).toBe('zoom.wav');
    expect(r.links).toEqual([['zoom.wav', 'room.mp4', 500], ['zoom.wav', 'table.mp4', 3750]]);
  });

  it('takes the first video without an origin as the primary; a negative origin stays negative', () => {
    const r = angles(md('room.mp4', 'video/mp4') + md('table.mp4', 'video/mp4', ' TIME_ORIGIN="-1200"'));
    expect(r).toEqual({ primary: 'room.mp4', links: [['room.mp4', 'table.mp4', -1200]] });
  });

  it('does not link a file EXTRACTED_FROM the video, nor the video’s own sound (same name)', () => {
    expect(angles(md('s.mpg', 'video/mpeg') + md('s.wav', 'audio/x-wav', ' EXTRACTED_FROM="file:///data/s.mpg"')).links).toEqual([]);
    expect(angles(md('session.wav', 'audio/x-wav') + md('session.mp4', 'video/mp4')).links).toEqual([]);
    // two camera views with no origins (as in ELAN's NGT sample): the second at offset 0
    expect(angles(md('ngt_b.mpg', 'video/mpeg') + md('ngt_f.mpg', 'video/mpeg')).links).toEqual([['ngt_b.mpg', 'ngt_f.mpg', 0]]);
  });
});

/**
 * A TIME_ORIGIN on the primary itself: in ELAN an annotation at t on the timeline is at media time
 * t + origin of each medium, so segments (on the primary's own clock) are annotation + its origin.
 */
describe('EAF: TIME_ORIGIN on the primary', () => {
  const parse = (descriptors: string) => eafToBundle(parseEaf(eaf(descriptors)), { tierIds: ['talk'], coderName: 'x', codes: [] }).bundle;

  it('shifts the annotation 1000–2000 by the primary’s origin 5000 into 6000–7000; the angle keeps its own origin − 5000', () => {
    // both have an origin, so the primary is the first video: room.mp4 (origin 5000)
    const b = parse(md('room.mp4', 'video/mp4', ' TIME_ORIGIN="5000"') + md('table.mp4', 'video/mp4', ' TIME_ORIGIN="8250"'));
    const seg = b.segments[0]!;
    expect(b.media.find((m) => m.id === seg.mediaId)!.name).toBe('room.mp4');
    expect([seg.startMs, seg.endMs]).toEqual([6000, 7000]);
    // table at annotation 1000 is at 9250, room at 6000: table = room + 3250
    expect(b.mediaLinks!.map((l) => l.offsetMs)).toEqual([3250]);
  });

  it('onto a recording chosen in the project, the shift applies too', () => {
    const { bundle } = eafToBundle(parseEaf(eaf(md('room.mp4', 'video/mp4', ' TIME_ORIGIN="5000"'))), { tierIds: ['talk'], coderName: 'x', codes: [], mediaId: 'm-1' });
    expect([bundle.segments[0]!.startMs, bundle.segments[0]!.endMs]).toEqual([6000, 7000]);
  });

  it('export with the primary’s origin writes the inverse (annotation = segment − origin, angle origin = offset + origin) and reads back the same', () => {
    const b = parse(md('room.mp4', 'video/mp4', ' TIME_ORIGIN="5000"') + md('table.mp4', 'video/mp4', ' TIME_ORIGIN="8250"'));
    const room = b.media.find((m) => m.name === 'room.mp4')!;
    const snapshot = {
      projectId: 'p', name: 'p', codes: [], systems: [], coders: b.coders,
      media: [{ ...room, path: '/data/room.mp4' }], segments: b.segments,
    } as unknown as Parameters<typeof exportEaf>[0];
    const xml = exportEaf(snapshot, { mediaId: room.id, primaryOriginMs: 5000, angles: [{ path: '/data/table.mp4', offsetMs: 3250 }], exportedAt: 0 });
    expect(xml).toMatch(/MEDIA_URL="file:\/\/\/data\/room.mp4"[^>]*TIME_ORIGIN="5000"/);
    expect(xml).toMatch(/MEDIA_URL="file:\/\/\/data\/table.mp4"[^>]*TIME_ORIGIN="8250"/);
    expect(xml).toContain('TIME_VALUE="1000"');
    expect(xml).toContain('TIME_VALUE="2000"');
    const back = eafToBundle(parseEaf(xml), { tierIds: parseEaf(xml).tiers.map((t) => t.id), coderName: 'x', codes: [] }).bundle;
    expect([back.segments[0]!.startMs, back.segments[0]!.endMs]).toEqual([6000, 7000]);
    expect(back.mediaLinks!.map((l) => l.offsetMs)).toEqual([3250]);
  });

  it('refuses an origin later than the first segment (ELAN cannot show a negative annotation time)', () => {
    const b = parse(md('room.mp4', 'video/mp4'));
    const room = b.media[0]!;
    const snapshot = { projectId: 'p', name: 'p', codes: [], systems: [], coders: b.coders, media: [{ ...room, path: '/data/room.mp4' }], segments: b.segments } as unknown as Parameters<typeof exportEaf>[0];
    expect(() => exportEaf(snapshot, { mediaId: room.id, primaryOriginMs: 1500 })).toThrow(/origin 1500 ms.*1000 ms/);
  });
});
