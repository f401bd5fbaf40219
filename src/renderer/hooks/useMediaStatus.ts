/** Checks that a recording's file is where the study says; offers "Locate…" when not. */
import { useEffect, useState } from 'react';
import { useApp } from '../store';
import { client } from '../store/client';
import { RECORDING_TYPES } from '../../shared/studies/picker';
import { pickOne } from '../features/studies/pick';

export type FileState = 'checking' | 'ok' | 'missing';

/** The recording's file state and, when it is not usable, the one line saying why (the study's media list is watched: a locate re-checks). */
export function useFileState(mediaId: string | null): { state: FileState; message: string } {
  const [st, setSt] = useState<{ state: FileState; message: string }>({ state: 'checking', message: '' });
  const path = useApp((s) => s.project?.media.find((m) => m.id === mediaId)?.path);
  useEffect(() => {
    if (!mediaId) return;
    let live = true;
    setSt({ state: 'checking', message: '' });
    client().api.mediaStatus({ mediaId }).then(
      (r) => live && setSt(r.state === 'ok' ? { state: 'ok', message: '' } : { state: 'missing', message: r.message }),
      () => live && setSt({ state: 'missing', message: '' }),
    );
    return () => {
      live = false;
    };
  }, [mediaId, path]);
  return st;
}

/** The current recording's file state; when missing, a banner with "Locate…". */
export function useMediaStatus(mediaId: string | null): FileState {
  const { state, message } = useFileState(mediaId);
  useEffect(() => {
    if (state !== 'missing' || !mediaId || !message) return;
    useApp.getState().showBanner({ kind: 'error', message, action: { label: 'Locate…', run: () => void locateRecording(mediaId) } });
  }, [state, message, mediaId]);
  return state;
}

/** Asks for the recording's file (the in-app file browser in web mode) and re-links it; a different file is refused with one line (its fingerprint). */
export async function locateRecording(mediaId: string): Promise<void> {
  const candidate = await pickOne({ mode: 'open', title: 'Locate the recording (it is recognised by its content)', accept: RECORDING_TYPES });
  if (!candidate) return;
  const s = useApp.getState();
  try {
    await s.track(client().api.locateMedia({ mediaId, path: candidate }));
    s.showBanner({ kind: 'info', message: 'Recording re-linked.' });
    await s.loadProject();
  } catch {
    /* the banner shows the reason */
  }
}
