/**
 * For display: the segments among `ids` that the held window does not hold, fetched by id
 * (segmentsById) and refetched when that set changes. A form listing a contradiction's evidence
 * shows all of it this way, wherever on the media it lies.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Segment } from '../../../shared/domain';
import { useApp } from '../../store';
import { client } from '../../store/client';

export function useSegmentsOutside(ids: readonly string[]): Segment[] {
  const held = useApp((s) => s.segments);
  const missing = useMemo(() => {
    const inWindow = new Set(held.map((s) => s.id));
    return [...new Set(ids)].filter((id) => !inWindow.has(id));
  }, [held, ids]);
  const key = missing.join(',');
  const [fetched, setFetched] = useState<Segment[]>([]);
  useEffect(() => {
    if (!key) return setFetched([]);
    let live = true;
    client().api.segmentsById({ ids: key.split(',') }).then((r) => live && setFetched(r), () => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return useMemo(() => fetched.filter((s) => missing.includes(s.id)), [fetched, missing]);
}
