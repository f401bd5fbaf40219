/**
 * A BORIS project file (.boris, JSON) → an EventTable, with the observations' extra players as
 * linked angles. Pure: no DOM, no Node.
 *
 * What is read (BORIS project format 7+): `behaviors_conf` (code → "State event" / "Point event",
 * category), and per observation of type MEDIA: `file` {"1": [path], "2": [path], …} (player
 * numbers), `events` [[time s, subject, code, modifier, comment, …], …], `time offset` (s, added by
 * BORIS to every event time) and `media_info.offset` {"2": s, …} (per player).
 *
 * BORIS's player offset: BORIS keeps player n in step with player 1 while
 * |t1 − (tn + offset[n])| < 1 s, i.e. tn = t1 − offset[n] (BORIS core.py, the players' sync in its
 * media timer). Ours is angle time = primary time + offsetMs, so offsetMs = −offset[n] × 1000.
 * Example: offset "2": 3.25 → player 2 shows 0 s when player 1 is at 3.25 s → offsetMs −3250.
 *
 * State events are not marked START/STOP in a project: BORIS alternates them per subject, code
 * and modifier (the first starts, the next stops), and so do we.
 */
import { InteropError } from './errors';
import type { EventTable, TableEvent } from './eventTables';
import { previewOf } from './eventTables';

type Json = Record<string, unknown>;

export interface BorisAngle {
  /** Player 1's file: the recording the events belong to. */
  primaryPath: string;
  path: string;
  /** Ours: angle time = primary time + offsetMs. */
  offsetMs: number;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const secs = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Behaviour code → its type ("state" / "point") and category. */
function ethogram(pj: Json): Map<string, { state: boolean; category: string }> {
  const m = new Map<string, { state: boolean; category: string }>();
  for (const b of Object.values(obj(pj.behaviors_conf))) {
    const o = obj(b);
    m.set(str(o.code), { state: /state/i.test(str(o.type)), category: str(o.category) });
  }
  return m;
}

/** The observation's players: number → its one file (a player with several files one after another is refused). */
function players(obsId: string, o: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const [n, files] of Object.entries(obj(o.file))) {
    const list = Array.isArray(files) ? files.map(str).filter(Boolean) : [];
    if (list.length > 1) throw new InteropError(`Observation "${obsId}": player ${n} plays ${list.length} files one after another; import each file's events from a BORIS tabular export instead.`);
    if (list[0]) out.set(n, list[0]);
  }
  return out;
}

function observationEvents(obsId: string, o: Json, primary: string, etho: ReturnType<typeof ethogram>): TableEvent[] {
  const shift = secs(o['time offset']) ?? 0;
  const length = secs(obj(obj(o.media_info).length)[primary]);
  const fps = secs(obj(obj(o.media_info).fps)[primary]);
  const open = new Map<string, { n: number; t: number; comment: string }>();
  const out: TableEvent[] = [];
  const rows = Array.isArray(o.events) ? o.events : [];
  rows.forEach((row, i) => {
    const r = Array.isArray(row) ? row : [];
    const t0 = secs(r[0]);
    const [subject, code, modifier, comment] = [str(r[1]) || 'No focal subject', str(r[2]), str(r[3]), str(r[4])];
    if (t0 === null || !code) throw new InteropError(`Observation "${obsId}", event ${i + 1}: no time or no behaviour code.`);
    const t = Math.round((t0 - shift) * 1000);
    const kind = etho.get(code);
    const base = { line: i + 1, source: subject, value: code, category: kind?.category ?? '', mediaPath: primary, fps, mediaDurationMs: length !== null ? Math.round(length * 1000) : null };
    if (!kind?.state) return void out.push({ ...base, comment, startMs: t, endMs: t });
    const key = JSON.stringify([subject, code, modifier]);
    const prev = open.get(key);
    if (!prev) return void open.set(key, { n: i + 1, t, comment });
    open.delete(key);
    out.push({ ...base, line: prev.n, comment: [prev.comment, comment].filter(Boolean).join(' / '), startMs: prev.t, endMs: t });
  });
  const left = [...open.values()][0];
  if (left) throw new InteropError(`Observation "${obsId}", event ${left.n}: a state event at ${left.t / 1000} s is never stopped (BORIS shows it as UNPAIRED); stop it in BORIS and save again.`);
  return out;
}

/** Players 2… of an observation as angles of player 1 (BORIS's offset sign turned into ours). */
function observationAngles(o: Json, files: Map<string, string>, primary: string): BorisAngle[] {
  // (player 1's own offset plays no part in BORIS's sync of the others)
  const offsets = obj(obj(o.media_info).offset);
  return [...files].filter(([n]) => n !== '1').map(([n, path]) => ({ primaryPath: primary, path, offsetMs: -Math.round((secs(offsets[n]) ?? 0) * 1000) || 0 }));
}

export function parseBorisProject(text: string): EventTable & { angles: BorisAngle[]; warnings: string[] } {
  let pj: Json;
  try {
    pj = obj(JSON.parse(text));
  } catch {
    throw new InteropError('This is not a BORIS project: the file is not JSON.');
  }
  if (!('observations' in pj) || !('behaviors_conf' in pj)) throw new InteropError('This is not a BORIS project: it has no "observations" and "behaviors_conf".');
  const etho = ethogram(pj);
  const events: TableEvent[] = [];
  const angles: BorisAngle[] = [];
  const warnings: string[] = [];
  for (const [obsId, raw] of Object.entries(obj(pj.observations))) {
    const o = obj(raw);
    const files = players(obsId, o);
    const primary = files.get('1');
    if (str(o.type).toUpperCase() !== 'MEDIA' || !primary) {
      warnings.push(`Observation "${obsId}" was skipped: it has no media file on player 1 (a live or image observation).`);
      continue;
    }
    events.push(...observationEvents(obsId, o, primary, etho));
    angles.push(...observationAngles(o, files, primary));
  }
  events.sort((a, b) => a.startMs - b.startMs || a.line - b.line);
  return { format: 'boris-project', events, preview: previewOf(events), angles, warnings };
}
