/**
 * The export dialog's form as one value, and the request it makes (or the one line saying what to
 * fix). Pure: no React, no store.
 */
import type { ExportFilters } from '../../../shared/csv/scope';
import { parseTimecode } from '../../../shared/time';

export interface ExportRequest {
  kind: 'thematic' | 'segments' | 'contradictions' | 'agreement';
  filters: ExportFilters;
  bom: boolean;
  unitMs?: number;
  exact?: boolean;
  excludeUncoded?: boolean;
}

export interface ExportForm {
  kind: ExportRequest['kind'];
  media: string[];
  coders: string[];
  consensusOnly: boolean;
  themeIds: string[];
  codeIds: string[];
  /** Typed times: seconds or h:mm:ss.mmm; empty = open. */
  from: string;
  to: string;
  bom: boolean;
  /** Agreement slice length in seconds, as typed. */
  unit: string;
  exact: boolean;
  excludeUncoded: boolean;
}

export const INITIAL_EXPORT_FORM: ExportForm = {
  kind: 'thematic', media: [], coders: [], consensusOnly: false, themeIds: [], codeIds: [],
  from: '', to: '', bom: false, unit: '1', exact: false, excludeUncoded: false,
};

export function toggle(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

/** The request the form asks for, or the message saying what to correct. */
export function exportRequestOf(form: ExportForm): { request: ExportRequest } | { error: string } {
  const range = timeRange(form.from, form.to);
  if ('error' in range) return range;
  const request: ExportRequest = { kind: form.kind, filters: { ...scopeOf(form), ...range }, bom: form.bom };
  if (form.kind !== 'agreement') return { request };
  if (form.exact) request.exact = true;
  else {
    const u = Number(form.unit);
    if (!(u > 0) || !Number.isInteger(Math.round(u * 1e6) / 1e3)) return { error: 'The slice length is a positive number of seconds (at most 3 decimals)' };
    request.unitMs = Math.round(u * 1000);
  }
  if (form.excludeUncoded) request.excludeUncoded = true;
  return { request };
}

function scopeOf(form: ExportForm): ExportFilters {
  const filters: ExportFilters = {};
  if (form.media.length) filters.mediaIds = form.media;
  if (form.coders.length) filters.coderIds = form.coders;
  if (form.consensusOnly) filters.consensusOnly = true;
  if (form.themeIds.length) filters.themeIds = form.themeIds;
  if (form.codeIds.length) filters.codeIds = form.codeIds;
  return filters;
}

function timeRange(from: string, to: string): Pick<ExportFilters, 'fromMs' | 'toMs'> | { error: string } {
  const fromMs = from.trim() ? parseTimecode(from) : null;
  const toMs = to.trim() ? parseTimecode(to) : null;
  if ((from.trim() && (fromMs === null || fromMs < 0)) || (to.trim() && (toMs === null || toMs < 0))) {
    return { error: 'From and to are times: seconds (62.5) or h:mm:ss.mmm' };
  }
  if (fromMs !== null && toMs !== null && toMs <= fromMs) return { error: '"To" must be after "from"' };
  const range: Pick<ExportFilters, 'fromMs' | 'toMs'> = {};
  if (fromMs !== null) range.fromMs = fromMs;
  if (toMs !== null) range.toMs = toMs;
  return range;
}
