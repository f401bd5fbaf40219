/** Coder display labels that keep same-named coders apart ("Ben", "Ben (2)"). */
import { useMemo } from 'react';
import { coderLabels } from '../../shared/merge/coderLabels';
import { useApp } from '../store';

export function useCoderLabels(): Map<string, string> {
  const coders = useApp((s) => s.project?.coders);
  return useMemo(() => coderLabels(coders ?? []), [coders]);
}
