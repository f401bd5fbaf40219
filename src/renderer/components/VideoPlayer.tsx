/**
 * video.js playback of the current media. The element is created imperatively (video.js owns its
 * DOM); state flows into the store, commands come from the store through registerPlayer().
 * While playing, the playhead is read each animation frame so the time display stays smooth.
 */
import { useEffect, useRef } from 'react';
import videojs from 'video.js';
import 'video.js/dist/video-js.css';
import { mediaMimeType, playbackErrorMessage } from '../../shared/mediaTypes';
import { useApp } from '../store';
import { client } from '../store/client';
import { PLAYBACK_RATES, registerPlayer } from '../store/playerSlice';
import { useMediaStatus } from '../hooks/useMediaStatus';

type Player = ReturnType<typeof videojs>;

/** `src`: another URL for the media (synchronized playback shows its picture-only copy); default its own. */
export function VideoPlayer({ src }: { src?: string } = {}) {
  const holder = useRef<HTMLDivElement>(null);
  const mediaId = useApp((s) => s.mediaId);
  const media = useApp((s) => s.project?.media.find((m) => m.id === s.mediaId));
  const status = useMediaStatus(mediaId);

  useEffect(() => {
    if (!holder.current || !media || status !== 'ok') return;
    const el = document.createElement('video-js');
    el.classList.add('vjs-big-play-centered');
    el.setAttribute('data-testid', 'video');
    holder.current.appendChild(el);
    const p: Player = videojs(el, {
      controls: true,
      preload: 'auto',
      fill: true,
      playbackRates: [...PLAYBACK_RATES],
      controlBar: { pictureInPictureToggle: false },
      userActions: { hotkeys: false, doubleClick: false },
    });
    p.src({ src: src ?? client().mediaUrl(media.id), type: mediaMimeType(media.name) });
    const set = useApp.getState().setPlayback;
    const now = () => Math.round((p.currentTime() ?? 0) * 1000);
    let raf = 0;
    const tick = () => {
      set({ currentMs: now() });
      raf = requestAnimationFrame(tick);
    };
    p.on('loadedmetadata', () => {
      const durationMs = Math.round((p.duration() ?? 0) * 1000);
      set({ durationMs });
      if (durationMs > 0) void client().api.reportMediaInfo({ mediaId: media.id, durationMs });
      // resume where this screen's previous player was, else where the coder last stopped
      const resume = useApp.getState().currentMs || media.lastPositionMs;
      if (resume > 0) p.currentTime(resume / 1000 + 0.0001);
    });
    p.on('play', () => {
      set({ playing: true });
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(tick);
    });
    p.on('pause', () => {
      cancelAnimationFrame(raf);
      set({ playing: false, currentMs: now() });
      void client().api.savePosition({ mediaId: media.id, positionMs: now() }).catch(() => undefined);
    });
    p.on(['seeked', 'timeupdate'], () => {
      if (p.paused()) set({ currentMs: now() });
    });
    p.on('ratechange', () => set({ rate: p.playbackRate() ?? 1 }));
    p.on('error', () => {
      const code = p.error()?.code ?? 0;
      (p as unknown as { errorDisplay?: { hide(): void } }).errorDisplay?.hide();
      const show = (codec?: string) => useApp.getState().showBanner({ kind: 'error', message: playbackErrorMessage(media.name, code, codec) });
      show();
      // cannot decode: ask main which codec the file holds, to name it in the message
      if (code === 3 || code === 4) {
        void client().api.probeMedia({ mediaId: media.id }).then((probe) => {
          if (probe.videoCodec && probe.playable === false) show(probe.videoCodec);
        }, () => undefined);
      }
    });
    registerPlayer({
      seek: (ms) => p.currentTime(ms / 1000 + 0.0001),
      play: () => void p.play()?.catch(() => undefined),
      pause: () => p.pause(),
      toggle: () => (p.paused() ? void p.play()?.catch(() => undefined) : p.pause()),
      setRate: (r) => p.playbackRate(r),
      now,
    });
    (window as unknown as { __triangulatePlayer?: Player }).__triangulatePlayer = p;
    return () => {
      cancelAnimationFrame(raf);
      registerPlayer(null);
      p.dispose();
    };
  }, [media?.id, media?.path, status, src]);

  if (!media) return <div className="video-holder empty">This project has no media yet.</div>;
  return <div className="video-holder" ref={holder} />;
}
