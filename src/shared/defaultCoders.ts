import { isCoding } from './domain';

/**
 * Which coders a comparison (agreement, the reconcile queue) selects by default: those still coding
 * (isCoding) who coded something in the media. A coder with no segments there (e.g. one just given
 * a coder file), a coder not coding any more and the consensus layer are offered but not selected.
 */
export function defaultComparedCoders(
  coders: readonly { id: string; isConsensus: boolean; active?: boolean }[],
  segmentsPerCoder: ReadonlyMap<string, number>,
): string[] {
  return coders.filter((c) => !c.isConsensus && isCoding(c) && (segmentsPerCoder.get(c.id) ?? 0) > 0).map((c) => c.id);
}
