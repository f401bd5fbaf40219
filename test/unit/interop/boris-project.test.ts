/**
 * A BORIS project (.boris): events of the MEDIA observations on player 1's recording, players 2…
 * as angles. Offsets worked out by hand from BORIS's rule tn = t1 − offset[n] (its players are in
 * step when |t1 − (tn + offset[n])| < 1 s): offset "2": 3.25 → table shows 0 s when room is at
 * 3.25 s → table = room − 3.25 s → ours (angle = primary + offsetMs) −3250; "3": −1.2 → +1200.
 * The observation's "time offset" 2.0 s is added by BORIS to every event: media time = event − 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventTableToBundle, parseBorisProject } from '../../../src/shared/interop';

const fixture = fs.readFileSync(path.join(__dirname, '../../fixtures/boris/two-cameras.boris'), 'utf8');

describe('BORIS project import', () => {
  it('pairs state events per subject and code, keeps points, and removes the observation time offset', () => {
    const t = parseBorisProject(fixture);
    expect(t.events.map((e) => [e.source, e.value, e.startMs, e.endMs, e.comment, e.mediaPath])).toEqual([
      ['Ana', 'talk', 3500, 7000, 'starts / stops', '/videos/room.mp4'],
      ['Ben', 'point', 4250, 4250, '', '/videos/room.mp4'],
      ['Ben', 'talk', 10000, 12500, '', '/videos/room.mp4'],
    ]);
    expect(t.events[0]!.category).toBe('speech');
    expect(t.warnings).toEqual(['Observation "live notes" was skipped: it has no media file on player 1 (a live or image observation).']);
  });

  it('turns players 2 and 3 into angles of player 1 with the sign turned into ours', () => {
    const t = parseBorisProject(fixture);
    expect(t.angles).toEqual([
      { primaryPath: '/videos/room.mp4', path: '/videos/table.mp4', offsetMs: -3250 },
      { primaryPath: '/videos/room.mp4', path: '/videos/recorder.m4a', offsetMs: 1200 },
    ]);
    const b = eventTableToBundle(t, { codes: [], now: 1 });
    const name = (id: string) => b.media.find((m) => m.id === id)!.name;
    expect(b.mediaLinks!.map((l) => [name(l.primaryId), name(l.angleId), l.offsetMs])).toEqual([
      ['room.mp4', 'table.mp4', -3250],
      ['room.mp4', 'recorder.m4a', 1200],
    ]);
    expect(new Set(b.segments.map((s) => name(s.mediaId)))).toEqual(new Set(['room.mp4']));
  });

  it('refuses an unstopped state event, a playlist on one player, and a file that is not a project, each in one line', () => {
    const pj = JSON.parse(fixture);
    pj.observations['table 1'].events.pop();
    expect(() => parseBorisProject(JSON.stringify(pj))).toThrow('Observation "table 1", event 4: a state event at 10 s is never stopped');
    const pl = JSON.parse(fixture);
    pl.observations['table 1'].file['2'].push('/videos/table-part2.mp4');
    expect(() => parseBorisProject(JSON.stringify(pl))).toThrow(/player 2 plays 2 files one after another/);
    expect(() => parseBorisProject('{"a": 1}')).toThrow('This is not a BORIS project');
    expect(() => parseBorisProject('Time\tBehavior')).toThrow('not JSON');
  });
});
