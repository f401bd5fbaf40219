/**
 * The pictures of synchronized playback: each recording's video-only copy once main has made it
 * (main/features/sync/pictures.ts), its original meanwhile. Asked once when the players open
 * (which starts the copies) and every half second while any is being made; an element whose URL
 * changes is loaded again and the runner puts it back on the master's time.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PictureState } from '../../../shared/contract/sync';
import { client } from '../../store/client';

const POLL_MS = 500;

/** `picture=1` on a media URL: the video-only copy when there is one. */
export function pictureUrl(mediaId: string, state: PictureState | undefined): string {
  const url = client().mediaUrl(mediaId);
  return state === 'ready' ? `${url}${url.includes('?') ? '&' : '?'}picture=1` : url;
}

/** Each recording's picture state (null until main first answers). */
export function usePictureStates(mediaIds: string[]): Record<string, PictureState> | null {
  const key = mediaIds.join(' ');
  const [states, setStates] = useState<Record<string, PictureState> | null>(null);
  useEffect(() => {
    let stop = false;
    let timer = 0;
    const ask = async () => {
      const next = await client().api.pictures({ mediaIds: key ? key.split(' ') : [] }).catch(() => null);
      if (stop || !next) return;
      setStates((old) => (sameStates(old, next) ? old : next));
      if (Object.values(next).includes('making')) timer = window.setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [key]);
  return states;
}

function sameStates(a: Record<string, PictureState> | null, b: Record<string, PictureState>): boolean {
  if (!a) return false;
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** The URL of each recording's picture (null until main first answers, so no element loads the original only to load the copy next). */
export function usePictureUrls(mediaIds: string[]): Record<string, string> | null {
  const states = usePictureStates(mediaIds);
  return useMemo(() => (states ? Object.fromEntries(mediaIds.map((id) => [id, pictureUrl(id, states[id])])) : null), [mediaIds, states]);
}
