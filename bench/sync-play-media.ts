/**
 * The sync-play bench's three 720p angles (issue 17): one generated source (testsrc2 with its own
 * time burnt in, tone bursts as sound), cut three ways in one ffmpeg run into VP8/Opus webm (Debian's
 * Chromium has no H.264): the primary from source 3.25 s, a room camera from 0 s (offset +3.25 s),
 * a late camera from 15 s (offset −11.75 s). Made once into a cache folder outside the repository.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOM_OFFSET_MS = 3250;
export const LATE_OFFSET_MS = -11_750;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export interface Angles {
  primary: string;
  room: string;
  late: string;
  seconds: number;
}

/** The three files for `seconds` of primary (cached by length in $TMPDIR/triangulate-bench-sync-play). */
export function benchAngles(seconds: number): Angles {
  const dir = path.join(os.tmpdir(), 'triangulate-bench-sync-play', `${seconds}s`);
  const out: Angles = { primary: path.join(dir, 'primary.webm'), room: path.join(dir, 'room.webm'), late: path.join(dir, 'late.webm'), seconds };
  if (fs.existsSync(path.join(dir, 'done'))) return out;
  fs.mkdirSync(dir, { recursive: true });
  const total = seconds + 20;
  const enc = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-threads', '2', '-b:v', '1500k', '-g', '25', '-c:a', 'libopus', '-b:a', '48k'];
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${total},drawtext=fontfile=${FONT}:text='%{pts\\:hms}':fontsize=64:fontcolor=white:box=1:boxcolor=black@0.6:x=20:y=20`,
    '-f', 'lavfi', '-i', `aevalsrc='0.4*sin(2*PI*220*t)*gt(sin(2*PI*0.7*t)+sin(2*PI*0.31*t)\\,0.6)':s=48000:d=${total}`,
    '-ss', '3.25', '-t', String(seconds), ...enc, out.primary,
    '-t', String(seconds + 5), ...enc, out.room,
    '-ss', '15', '-t', String(seconds), ...enc, out.late,
  ], { stdio: 'inherit' });
  fs.writeFileSync(path.join(dir, 'done'), '');
  return out;
}
