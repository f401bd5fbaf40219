/**
 * Export scope given by names (the `export` command's options) → ExportFilters with ids.
 *
 * - media, coders, themes: exact names (a name that is not in the project is an error listing
 *   what there is); codes: full path or unique leaf name, case-insensitive (makeCodeResolver).
 * - Each option may be repeated and each value may list several names separated by commas; a
 *   value that is itself a full name (e.g. a media file name with a comma) is taken whole.
 * - from / to: seconds ("62.5") or a timecode ("1:02.5", "0:01:02.500"); from < to.
 * Errors are UserErrors of one line naming the option.
 */
import { makeCodeResolver } from '../codebook';
import { pushTo } from '../collections';
import type { ProjectSnapshot, Uuid } from '../domain';
import { UserError } from '../errors';
import { parseTimecode } from '../time';
import type { ExportFilters } from './scope';

export interface FilterNames {
  media?: string[];
  coders?: string[];
  consensusOnly?: boolean;
  codes?: string[];
  themes?: string[];
  from?: string;
  to?: string;
}

function listed(values: string[] | undefined, known: (v: string) => boolean): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    if (known(v.trim())) out.push(v.trim());
    else for (const part of v.split(',')) if (part.trim() !== '') out.push(part.trim());
  }
  return out;
}

function byName<T extends { id: Uuid; name: string }>(option: string, what: string, all: readonly T[], values: string[] | undefined): Uuid[] | undefined {
  const names = new Map<string, T[]>();
  for (const x of all) pushTo(names, x.name, x);
  const wanted = listed(values, (v) => names.has(v));
  if (wanted.length === 0) return undefined;
  const ids: Uuid[] = [];
  for (const w of wanted) {
    const hit = names.get(w);
    if (!hit) {
      const have = all.map((x) => `"${x.name}"`);
      const list = have.length === 0 ? 'there are none' : `the project has ${have.slice(0, 8).join(', ')}${have.length > 8 ? ', …' : ''}`;
      throw new UserError('invalid', `--${option}: no ${what} named "${w}" (${list})`);
    }
    for (const x of hit) ids.push(x.id);
  }
  return [...new Set(ids)];
}

function seconds(option: string, v: string | undefined): number | null {
  if (v === undefined || v.trim() === '') return null;
  const ms = parseTimecode(v);
  if (ms === null || ms < 0) throw new UserError('invalid', `--${option}: "${v}" is not a time (seconds like 62.5, or h:mm:ss.mmm)`);
  return ms;
}

export function resolveFilterNames(p: ProjectSnapshot, n: FilterNames): ExportFilters {
  const f: ExportFilters = {};
  const media = byName('media', 'media', p.media, n.media);
  if (media) f.mediaIds = media;
  const coders = byName('coders', 'coder', p.coders, n.coders);
  if (coders) f.coderIds = coders;
  if (n.consensusOnly) {
    if (!p.coders.some((c) => c.isConsensus)) throw new UserError('invalid', '--consensus-only: the project has no consensus coder yet (reconcile first)');
    f.consensusOnly = true;
  }
  const themes = byName('themes', 'theme', p.themes, n.themes);
  if (themes) f.themeIds = themes;
  const resolve = makeCodeResolver(p.codes);
  const codes = listed(n.codes, (v) => resolve(v).ok);
  if (codes.length > 0) {
    f.codeIds = [
      ...new Set(
        codes.map((c) => {
          const r = resolve(c);
          if (r.ok) return r.code.id;
          throw new UserError(
            'invalid',
            r.reason === 'ambiguous' ? `--codes: "${c}" is ambiguous (${r.candidates.join(', ')}); write the full path` : `--codes: no code named "${c}" in the codebook`,
          );
        }),
      ),
    ];
  }
  const from = seconds('from', n.from);
  const to = seconds('to', n.to);
  if (from !== null && to !== null && to <= from) throw new UserError('invalid', `--to ${n.to} must be after --from ${n.from}`);
  if (from !== null) f.fromMs = from;
  if (to !== null) f.toMs = to;
  return f;
}
