/** Checks that the current media's file is where the project says; offers "Locate…" when not. */
import { useEffect, useState } from 'react';
import { useApp } from '../store';
import { client } from '../store/client';
import { RECORDING_TYPES } from '../../shared/studies/picker';
import { pickOne } from '../features/studies/pick';

export function useMediaStatus(mediaId: string | null): 'checking' | 'ok' | 'missing' {
  const [state, setState] = useState<'checking' | 'ok' | 'missing'>('checking');
  const path = useApp((s) => s.project?.media.find((m) => m.id === mediaId)?.path);
  useEffect(() => {
    if (!mediaId) return;
    let live = true;
    setState('checking');
    client().api.mediaStatus({ mediaId }).then((st) => {
      if (!live) return;
      if (st.state === 'ok') {
        setState('ok');
        return;
      }
      setState('missing');
      useApp.getState().showBanner({
        kind: 'error',
        message: st.message,
        action: { label: 'Locate…', run: () => locate(mediaId) },
      });
    }, () => live && setState('missing'));
    return () => {
      live = false;
    };
  }, [mediaId, path]);
  return state;
}

async function locate(mediaId: string) {
  const candidate = await pickOne({ mode: 'open', title: 'Locate the recording (it is recognised by its content)', accept: RECORDING_TYPES });
  if (!candidate) return;
  const s = useApp.getState();
  try {
    await s.track(client().api.locateMedia({ mediaId, path: candidate }));
    s.showBanner({ kind: 'info', message: 'Video re-linked.' });
    await s.loadProject();
  } catch {
    /* the banner shows the reason */
  }
}
