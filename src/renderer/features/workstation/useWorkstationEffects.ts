/**
 * Background behaviour of the workstation: load its data for the media, loop the marked range,
 * remember the playhead per media (also when paused and scrubbing), keep the undo labels fresh
 * after every saved edit, and name the codec when the player cannot decode a file.
 */
import { useEffect } from 'react';
import { playbackErrorMessage } from '../../../shared/mediaTypes';
import { useApp } from '../../store';
import { client } from '../../store/client';

export function useWorkstationEffects(): void {
  const mediaId = useApp((s) => s.mediaId);

  useEffect(() => {
    if (mediaId) void useApp.getState().loadWorkstation().catch(() => undefined);
  }, [mediaId]);

  // loop, undo labels, position memory
  useEffect(() => {
    let saveTimer: ReturnType<typeof setTimeout> | null = null;
    const unsub = useApp.subscribe((s, prev) => {
      if (s.loop && s.playing && s.inMs !== null && s.outMs !== null && s.outMs > s.inMs && s.currentMs >= s.outMs && prev.currentMs < s.outMs + 500) {
        s.seek(s.inMs);
      }
      if (s.loop && (s.inMs === null || s.outMs === null)) s.setLoop(false);
      if (s.save !== prev.save && s.save.state === 'saved') void s.refreshUndo().catch(() => undefined);
      if (s.mediaId && !s.playing && s.currentMs !== prev.currentMs && s.durationMs > 0) {
        if (saveTimer) clearTimeout(saveTimer);
        const id = s.mediaId;
        const pos = Math.round(s.currentMs);
        saveTimer = setTimeout(() => void client().api.savePosition({ mediaId: id, positionMs: pos }).catch(() => undefined), 800);
      }
    });
    return () => {
      unsub();
      if (saveTimer) clearTimeout(saveTimer);
    };
  }, []);

  // a file the player cannot decode: ask main which codec it holds and say how to convert it
  useEffect(() => {
    if (!mediaId) return;
    let video: HTMLVideoElement | null = null;
    const onError = () => {
      const code = video?.error?.code ?? 0;
      if (code !== 3 && code !== 4) return;
      const media = useApp.getState().project?.media.find((m) => m.id === mediaId);
      if (!media) return;
      void client().api.probeMedia({ mediaId }).then((p) => {
        const codec = p.videoCodec && p.playable === false ? p.videoCodec : undefined;
        useApp.getState().showBanner({ kind: 'error', message: playbackErrorMessage(media.name, code, codec) });
      }).catch(() => undefined);
    };
    const attach = () => {
      const v = document.querySelector('.video-holder video') as HTMLVideoElement | null;
      if (v === video) return;
      video?.removeEventListener('error', onError);
      video = v;
      video?.addEventListener('error', onError);
      if (video?.error) onError();
    };
    attach();
    const poll = setInterval(attach, 1000);
    return () => {
      clearInterval(poll);
      video?.removeEventListener('error', onError);
    };
  }, [mediaId]);
}
