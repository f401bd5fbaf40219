/**
 * `import --list FILE`: what an import file holds, without a project and without importing:
 * an ELAN file's tiers (type, parent, annotator, annotation and value counts) and values, an event
 * table's subjects/tiers and behaviours/values, a REFI-QDA project's codes, coders and media,
 * each with counts.
 */
import { pushTo } from '../../../shared/collections';
import { codePath } from '../../../shared/domain';
import { importQdpx, InteropError, isTimeAlignedTier, type EventTable, type ParsedEaf } from '../../../shared/interop';
import type { ImportSource } from './import';
import { IMPORT_ZIP_LIMITS } from './limits';
import { plural } from '../../../shared/plural';

/** How many values the listing prints before "… and N more". */
const MAX_VALUES = 50;


/** "  <label> <name>: <count>" lines for names counted in a list, most frequent first, capped. */
function countLines(label: string, names: string[], unit: string, cap = Infinity): string[] {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const lines = sorted.slice(0, cap).map(([n, c]) => `  ${label} ${n === '' ? '(empty)' : n}: ${plural(c, unit)}`);
  if (sorted.length > cap) lines.push(`  … and ${sorted.length - cap} more ${label}s`);
  return lines;
}

function listEaf(name: string, eaf: ParsedEaf): string[] {
  const media = eaf.media.map((m) => m.url || m.relativeUrl || '?');
  const out = [`${name}: ELAN file, ${plural(eaf.tiers.length, 'tier')}${media.length ? `; media: ${media.join(', ')}` : ''}`];
  for (const t of eaf.tiers) {
    const type = eaf.linguisticTypes.find((lt) => lt.id === t.linguisticType)?.constraint ?? null;
    const kind = type ? `${type} of ${t.parentRef ?? '?'}` : t.parentRef ? `child of ${t.parentRef}` : 'time-aligned';
    const who = t.annotator || t.participant;
    const values = new Set(t.annotations.map((a) => a.value)).size;
    const note = isTimeAlignedTier(t) || t.annotations.length === 0 ? '' : '; imported only when named in --tiers';
    out.push(`  tier ${t.id}: ${plural(t.annotations.length, 'annotation')}, ${plural(values, 'value')} (${kind}${who ? `, annotator ${who}` : ''}${note})`);
  }
  return [...out, ...countLines('value', eaf.tiers.flatMap((t) => t.annotations.map((a) => a.value)), 'annotation', MAX_VALUES)];
}

function listTable(name: string, table: EventTable): string[] {
  const boris = table.format !== 'elan-tsv';
  const [source, value] = boris ? ['subject', 'behaviour'] : ['tier', 'value'];
  const { sources, values, mediaPaths } = table.preview;
  const kind = table.format === 'boris-project' ? 'BORIS project' : `${boris ? 'BORIS' : 'ELAN'} table`;
  const head = `${name}: ${kind}, ${plural(sources.length, source)}, ${plural(values.length, value)}, ${plural(table.events.length, 'event')}`;
  const angles = (table.angles ?? []).map((a) => `  angle ${a.path} of ${a.primaryPath}: offset ${a.offsetMs} ms`);
  return [
    `${head}${mediaPaths.length ? `; media: ${mediaPaths.join(', ')}` : ''}`,
    ...angles,
    ...countLines(source, table.events.map((e) => e.source), 'event'),
    ...countLines(value, table.events.map((e) => e.value), 'event', MAX_VALUES),
  ];
}

function listQdpx(src: ImportSource): string[] {
  let b;
  try {
    b = importQdpx(src.bytes, { limits: IMPORT_ZIP_LIMITS });
  } catch (e) {
    if (e instanceof InteropError) throw new InteropError(`${src.fileName}: ${e.message}`);
    throw e;
  }
  const byId = new Map(b.codes.map((c) => [c.id, c]));
  const uses = new Map<string, string[]>();
  for (const s of b.segments) for (const id of s.codeIds) pushTo(uses, id, s.id);
  const coders = new Map(b.coders.map((c) => [c.id, c.name]));
  const media = new Map(b.media.map((m) => [m.id, m.name]));
  return [
    `${src.fileName}: REFI-QDA project, ${plural(b.codes.length, 'code')}, ${plural(b.coders.length, 'coder')}, ${plural(b.media.length, 'media', 'media')}, ${plural(b.segments.length, 'segment')}`,
    ...b.codes.map((c) => `  code ${codePath(c, byId)}: ${plural(uses.get(c.id)?.length ?? 0, 'segment')}`),
    ...countLines('coder', b.segments.map((s) => coders.get(s.coderId) ?? '?'), 'segment'),
    ...countLines('media', b.segments.map((s) => media.get(s.mediaId) ?? '?'), 'segment'),
  ];
}

/** The lines `import --list` prints for a file read by readImportSource. */
export function listImportSource(src: ImportSource): string[] {
  if (src.kind === 'qdpx') return listQdpx(src);
  if (src.kind === 'eaf') return listEaf(src.fileName, src.eaf!);
  return listTable(src.fileName, src.table!);
}
