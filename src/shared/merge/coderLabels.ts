/**
 * Display labels that keep coders apart: two coders may share a display name (two "Ben"s on
 * two laptops) and stay two coders; the second and later get "(2)", "(3)"… by creation order.
 */
import { pushTo } from '../collections';

export interface LabelledCoder {
  id: string;
  name: string;
  createdAt: number;
}

export function coderLabels(coders: readonly LabelledCoder[]): Map<string, string> {
  const byName = new Map<string, LabelledCoder[]>();
  for (const c of coders) {
    const key = c.name.trim().toLocaleLowerCase();
    pushTo(byName, key, c);
  }
  const out = new Map<string, string>();
  for (const list of byName.values()) {
    list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((c, i) => out.set(c.id, i === 0 ? c.name : `${c.name} (${i + 1})`));
  }
  return out;
}
