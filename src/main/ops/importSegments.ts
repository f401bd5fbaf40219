/**
 * `import-segments`: adds coded segments from a segments CSV (contract format) to a project in
 * one transaction. Rows sharing a `segment_id` (as the segments export writes them), or else with
 * the same media, coder, times and note, become one segment carrying all their codes; a
 * `consensus` column marks the consensus coder. New segments get new ids. Any bad row aborts the whole import: the project is left as it was.
 * Input limits (shared/limits.ts): the bytes are strict UTF-8 (the CLI's readInput), each row is
 * checked by segmentRowProblem in the parser, --media by cleanName.
 */
import { parseSegmentsCsv } from '../../shared/csv/segmentsCsv';
import type { Uuid } from '../../shared/domain';
import { isUserError, UserError } from '../../shared/errors';
import { cleanName, LIMITS } from '../../shared/limits';
import type { ProjectStore } from '../db/store';

export interface ImportSegmentsResult {
  segments: number;
  rows: number;
  codersCreated: string[];
  media: string;
}

export function importSegmentsCsv(store: ProjectStore, text: string, opts: { file: string; media?: string }): ImportSegmentsResult {
  if (opts.media !== undefined) cleanName(opts.media, '--media: media name', LIMITS.fileName);
  const codes = store.listCodes();
  const mediaList = store.listMedia();
  let rows: ReturnType<typeof parseSegmentsCsv>['rows'];
  try {
    ({ rows } = parseSegmentsCsv(text, { codes, mediaNames: mediaList.map((m) => m.name) }));
  } catch (e) {
    if (isUserError(e)) throw new UserError('invalid_csv', `${opts.file}: ${e.message}`);
    throw e;
  }
  if (rows.length === 0) throw new UserError('empty', `${opts.file}: no segments (only a header row)`);

  return store.tx(() => {
    const mediaByName = new Map(store.listMedia().map((m) => [m.name, m]));
    const resolveMedia = (name: string | undefined, line: number): Uuid => {
      const wanted = name || opts.media;
      if (wanted) {
        const m = mediaByName.get(wanted);
        if (m) return m.id;
        if (mediaByName.size === 0 || (opts.media && wanted === opts.media)) {
          // a project with no media (or a named placeholder): segments wait for the real file
          const placeholder = store.insertMedia({ path: '', name: wanted, fingerprint: '', size: 0, durationMs: null });
          mediaByName.set(wanted, placeholder);
          return placeholder.id;
        }
        throw new UserError('invalid', `${opts.file}: line ${line}: field "media": no media named "${wanted}" in the project`);
      }
      if (mediaByName.size === 1) return [...mediaByName.values()][0]!.id;
      if (mediaByName.size === 0) throw new UserError('invalid', `${opts.file}: the project has no media; name one with --media NAME`);
      throw new UserError('invalid', `${opts.file}: line ${line}: field "media" is empty and the project has ${mediaByName.size} media; add a media column or --media NAME`);
    };

    const onlyCoder = store.getMeta('coder_file_for');
    const coders = new Map(store.listCoders().map((c) => [c.name, c]));
    const created: string[] = [];
    const coderId = (name: string, line: number, consensus: boolean): Uuid => {
      const existing = coders.get(name);
      if (onlyCoder && existing?.id !== onlyCoder) {
        throw new UserError('forbidden', `${opts.file}: line ${line}: field "coder": this coder file belongs to "${store.getCoder(onlyCoder).name}", not "${name}"`);
      }
      if (existing) return existing.id;
      const c = store.insertCoder({ name, isConsensus: consensus });
      coders.set(name, c);
      created.push(name);
      return c.id;
    };

    const groups = new Map<string, { mediaId: Uuid; coderId: Uuid; startMs: number; endMs: number; note: string; codeIds: Uuid[]; line: number }>();
    for (const r of rows) {
      const mediaId = resolveMedia(r.media, r.line);
      const cid = coderId(r.coder, r.line, r.consensus === true);
      // rows of one exported segment share its segment_id; without it, rows with the same
      // media, coder, times and note are one segment with several codes
      const key = r.segmentId ? `id:${r.segmentId}` : JSON.stringify([mediaId, cid, r.startMs, r.endMs, r.note]);
      const g = groups.get(key);
      if (g) g.codeIds.push(r.codeId);
      else groups.set(key, { mediaId, coderId: cid, startMs: r.startMs, endMs: r.endMs, note: r.note, codeIds: [r.codeId], line: r.line });
    }
    for (const g of groups.values()) {
      try {
        store.insertSegment(g);
      } catch (e) {
        if (e instanceof UserError) throw new UserError(e.code, `${opts.file}: line ${g.line}: ${e.message}`);
        throw e;
      }
    }
    const mediaNames = [...new Set([...groups.values()].map((g) => store.getMedia(g.mediaId).name))];
    return { segments: groups.size, rows: rows.length, codersCreated: created, media: mediaNames.join(', ') };
  });
}
