/** sync find-offset | link | unlink | list: linked recordings (angles) from the command line. */
import type { Command } from 'commander';
import type { Media } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { parseTimecode } from '../../../shared/time';
import { formatOffset } from '../../../shared/sync/model';
import { ProjectStore } from '../../db/store';
import { linkOfAngle, listMediaLinks } from '../../db/tables/mediaLinks';
import { findOffset } from '../../features/sync/findOffset';
import { linkAngle, setAngleOffset, unlinkAngle } from '../../features/sync/links';
import type { Out } from '../io';
import { describe } from '../summaries';

/** A recording of the study by name (case-insensitive) or id. */
function recording(store: ProjectStore, wanted: string): Media {
  const media = store.listMedia();
  const hit = media.find((m) => m.id === wanted) ?? media.find((m) => m.name.toLowerCase() === wanted.toLowerCase());
  if (!hit) throw new UserError('not_found', `No recording named "${wanted}" in the study${media.length ? ` (it has: ${media.map((m) => m.name).join(', ')})` : ''}`);
  return hit;
}

/** "8-12", "0:08-0:12.5": a window on the primary's clock, in ms. */
export function parseWindow(text: string): { startMs: number; endMs: number } {
  const m = /^(.+?)-(.+)$/.exec(text.trim());
  const [a, b] = m ? [parseTimecode(m[1]!), parseTimecode(m[2]!)] : [null, null];
  if (a === null || b === null || a < 0 || b <= a) throw new UserError('invalid', `--window "${text}": expected START-END in seconds or h:mm:ss.mmm, END after START (e.g. 8-12 around a clap)`);
  return { startMs: a, endMs: b };
}

function parseOffset(text: string): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v)) throw new UserError('invalid', `--offset "${text}": expected whole milliseconds (angle time = primary time + offset), e.g. 3250 or -1200`);
  return v;
}

async function withStudy<T>(file: string, fn: (store: ProjectStore) => Promise<T> | T): Promise<T> {
  const store = ProjectStore.open(file);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export function registerSyncCommands(program: Command, out: Out): void {
  const sync = program.command('sync').description(describe('sync'));
  sync
    .command('find-offset')
    .argument('<study>', 'study file')
    .argument('<primary>', 'the recording coding follows (name or id)')
    .argument('<angle>', 'the other recording (name or id)')
    .option('--window <a-b>', "narrow the primary's sound to this range (seconds or h:mm:ss.mmm), e.g. around a clap")
    .option('--max-lag <seconds>', 'search offsets within ± this many seconds only')
    .option('--link', 'link the angle at the proposed offset (or set its offset if linked)')
    .description('propose the offset of <angle> against <primary> by cross-correlating their sound (ffmpeg)')
    .action(async (file: string, p: string, a: string, o: { window?: string; maxLag?: string; link?: boolean }) => {
      const maxLag = o.maxLag === undefined ? undefined : parseTimecode(o.maxLag);
      if (maxLag === null || (maxLag !== undefined && maxLag <= 0)) throw new UserError('invalid', `--max-lag "${o.maxLag}": expected a positive number of seconds`);
      await withStudy(file, async (store) => {
        const [primary, angle] = [recording(store, p), recording(store, a)];
        const r = await findOffset(store, { primaryId: primary.id, angleId: angle.id, windowMs: o.window ? parseWindow(o.window) : undefined, maxLagMs: maxLag });
        if (!r.found) {
          out.stdout(`No offset proposed for ${angle.name} against ${primary.name}: ${r.reason}\n`);
          return;
        }
        out.stdout(`${angle.name} against ${primary.name}: offset ${formatOffset(r.offsetMs)} (${r.offsetMs} ms; angle time = primary time + offset), confidence ${r.confidence.toFixed(2)}\n`);
        if (o.link) out.stdout(`${linkAt(store, primary, angle, r.offsetMs)}\n`);
      });
    });
  sync
    .command('link')
    .argument('<study>', 'study file')
    .argument('<primary>', 'the recording coding follows (name or id)')
    .argument('<angle>', 'the recording to link to it (name or id)')
    .option('--offset <ms>', 'angle time = primary time + offset, in whole ms', '0')
    .description('link <angle> to <primary> at an offset (or set the offset of an existing link)')
    .action(async (file: string, p: string, a: string, o: { offset: string }) => {
      const offset = parseOffset(o.offset);
      await withStudy(file, (store) => out.stdout(`${linkAt(store, recording(store, p), recording(store, a), offset)}\n`));
    });
  sync
    .command('unlink')
    .argument('<study>', 'study file')
    .argument('<angle>', 'the linked recording (name or id)')
    .description('remove the link of <angle> (the recording stays in the study)')
    .action(async (file: string, a: string) => {
      await withStudy(file, (store) => {
        const angle = recording(store, a);
        const link = linkOfAngle(store.db, angle.id);
        if (!link) throw new UserError('not_found', `${angle.name} is not linked to another recording`);
        unlinkAngle(store, link.id);
        out.stdout(`Unlinked ${angle.name} from ${store.getMedia(link.primaryMediaId).name}\n`);
      });
    });
  sync
    .command('list')
    .argument('<study>', 'study file')
    .description('list the linked recordings: primary, angle, offset')
    .action(async (file: string) => {
      await withStudy(file, (store) => {
        const links = listMediaLinks(store.db);
        if (links.length === 0) out.stdout('No linked recordings\n');
        for (const l of links) out.stdout(`${store.getMedia(l.primaryMediaId).name}\t${store.getMedia(l.angleMediaId).name}\t${l.offsetMs}${l.audio ? '\taudio' : ''}\n`);
      });
    });
}

/** Links the angle at `offsetMs`, or sets the offset of its link to this primary. */
function linkAt(store: ProjectStore, primary: Media, angle: Media, offsetMs: number): string {
  const cur = linkOfAngle(store.db, angle.id);
  if (cur && cur.primaryMediaId === primary.id) setAngleOffset(store, cur.id, offsetMs);
  else linkAngle(store, { primaryId: primary.id, angleId: angle.id, offsetMs, label: '' });
  return `Linked ${angle.name} to ${primary.name} at ${formatOffset(offsetMs)}`;
}
