/**
 * One linked angle's player: a plain muted <video> of its picture (pictures.ts) the runner keeps
 * on the master's clock (the sound plays from SyncStage's sound element). Before or after its material it shows its first or last
 * frame greyed with "starts in 0:12" / "ended". An audio-only angle (an audio file, or a file
 * whose video track turns out to have no picture) shows its waveform around its time instead.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { mediaMimeType } from '../../../shared/mediaTypes';
import type { MediaLink } from '../../../shared/contract/sync';
import { useApp } from '../../store';
import { AngleMissing } from './AngleMissing';
import { AngleWaveform } from './AngleWaveform';
import { useAngleName } from './hooks';
import type { SyncRunner } from './runner';

/** The tile; a new element when the recording is located elsewhere or its picture copy is ready (so the player loads the new file). */
export function AngleTile({ link, runner, src }: { link: MediaLink; runner: SyncRunner; src: string }) {
  const path = useApp((s) => s.project?.media.find((m) => m.id === link.angleMediaId)?.path ?? '');
  return <AngleTileBody key={`${path} ${src}`} link={link} runner={runner} src={src} />;
}

function AngleTileBody({ link, runner, src }: { link: MediaLink; runner: SyncRunner; src: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [label, setLabel] = useState('');
  const name = useAngleName(link);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    runner.addAngle(link.id, el, link.offsetMs, setLabel);
    return () => runner.removeAngle(link.id);
    // the offset follows below without re-registering the element
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runner, link.id, link.angleMediaId]);
  useEffect(() => runner.setOffset(link.id, link.offsetMs), [runner, link.id, link.offsetMs]);
  const audioOnly = useAudioOnly(video, link.angleMediaId);
  const timeMs = useAngleTime(video, label, link.offsetMs);
  return (
    <div className={`sync-angle${label ? ' outside' : ''}${audioOnly ? ' audio-only' : ''}`}>
      <video
        ref={video}
        src={src}
        preload="auto"
        muted
        playsInline
        data-testid="angle-video"
        data-link-id={link.id}
      />
      {audioOnly && <AngleWaveform mediaId={link.angleMediaId} timeMs={timeMs} />}
      <span className="sync-name">{name}{audioOnly ? ' · audio only' : ''}{link.audio ? ' 🔊' : ''}</span>
      {label && <span className="sync-outside" data-testid="angle-outside">{label}</span>}
      <AngleMissing mediaId={link.angleMediaId} />
    </div>
  );
}

/** The angle's time for its waveform: its element's, or (outside its material, where the element is parked) master + offset. */
function useAngleTime(video: RefObject<HTMLVideoElement | null>, label: string, offsetMs: number): () => number {
  const now = useRef({ label, offsetMs });
  now.current = { label, offsetMs };
  return useCallback(() => (now.current.label ? useApp.getState().currentMs + now.current.offsetMs : (video.current?.currentTime ?? 0) * 1000), [video]);
}

/** An audio file by its name, or a file whose element reports no picture once its metadata is in. */
function useAudioOnly(ref: RefObject<HTMLVideoElement | null>, mediaId: string): boolean {
  const audioType = useApp((s) => mediaMimeType(s.project?.media.find((m) => m.id === mediaId)?.name ?? '').startsWith('audio/'));
  const [noPicture, setNoPicture] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setNoPicture(el.readyState >= 1 && el.videoWidth === 0);
    check();
    el.addEventListener('loadedmetadata', check);
    return () => el.removeEventListener('loadedmetadata', check);
  }, [ref, mediaId]);
  return audioType || noPicture;
}
