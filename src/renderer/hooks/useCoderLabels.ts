/** Coder display labels that keep same-named coders apart ("Ben", "Ben (2)"), and coder colours. */
import { useMemo } from 'react';
import { coderLabels } from '../../shared/merge/coderLabels';
import { useApp } from '../store';

export function useCoderLabels(): Map<string, string> {
  const coders = useApp((s) => s.project?.coders);
  return useMemo(() => coderLabels(coders ?? []), [coders]);
}

export function useCoderColors(): Map<string, string> {
  const coders = useApp((s) => s.project?.coders);
  return useMemo(() => new Map((coders ?? []).map((c) => [c.id, c.color])), [coders]);
}
