/**
 * The Contradictions panel's "codings on this media without a relation", from the service over the
 * whole media (the screen holds only a window of segments); asked again when the held segments
 * or the relations change (an edit, undo, another window), the last answer wins.
 */
import { useEffect, useState } from 'react';
import type { UncoveredCodings } from '../../../shared/contract/segments';
import { useApp } from '../../store';
import { client } from '../../store/client';

const NONE: UncoveredCodings = { total: 0, first: [] };

export function useUncoveredCodings(onlyCoderId: string | null): UncoveredCodings {
  const mediaId = useApp((s) => s.mediaId);
  const segments = useApp((s) => s.segments);
  const contradictions = useApp((s) => s.contradictions);
  const [answer, setAnswer] = useState<UncoveredCodings>(NONE);
  useEffect(() => {
    if (!mediaId) return setAnswer(NONE);
    let live = true;
    client().api.uncoveredContradictionCodings({ mediaId, ...(onlyCoderId ? { coderIds: [onlyCoderId] } : {}) })
      .then((r) => live && setAnswer(r), () => undefined);
    return () => {
      live = false;
    };
  }, [mediaId, onlyCoderId, segments, contradictions]);
  return answer;
}
