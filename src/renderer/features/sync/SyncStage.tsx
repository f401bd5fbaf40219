/**
 * The players: the primary recording (the master clock, where coding happens) and its linked
 * angles, in a grid or one large and the others small (click a small one to swap). Without
 * angles it is the single player as before. With them, every picture is shown from its
 * video-only copy (pictures.ts) and the chosen recording's sound from one <audio> element
 * (SoundElement) that the runner keeps on the master's clock.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { VideoPlayer } from '../../components/VideoPlayer';
import { useApp } from '../../store';
import { AngleTile } from './AngleTile';
import { useAngles, useShownAngles } from './hooks';
import { usePictureUrls } from './pictures';
import { SyncRunner } from './runner';
import { client } from '../../store/client';
import './sync.css';

export function SyncStage() {
  const mediaId = useApp((s) => s.mediaId);
  const mediaCount = useApp((s) => s.project?.media.length ?? 0);
  const angles = useAngles(mediaId);
  useEffect(() => {
    void useApp.getState().loadLinks().catch(() => undefined);
  }, [mediaCount]);
  if (angles.length === 0) return <VideoPlayer />;
  return <Stage />;
}

function Stage() {
  const mediaId = useApp((s) => s.mediaId)!;
  const angles = useAngles(mediaId);
  const layout = useApp((s) => s.syncLayout);
  const big = useApp((s) => s.bigMediaId);
  const runner = useRef<SyncRunner | null>(null);
  runner.current ??= new SyncRunner(() => useApp.getState().frameMs());
  const primary = useRef<HTMLDivElement>(null);

  // the master is the primary's <video>, which video.js creates (again on each media change)
  useEffect(() => {
    const r = runner.current!;
    const find = () => r.setMaster(primary.current?.querySelector('video') ?? null);
    const mo = new MutationObserver(find);
    if (primary.current) mo.observe(primary.current, { childList: true, subtree: true });
    find();
    (window as unknown as { __sync?: SyncRunner }).__sync = r;
    return () => {
      r.onWaiting = () => undefined;
      mo.disconnect();
      r.dispose(); // (kept: a remount registers its master and angles again)
    };
  }, []);
  const shown = useShownAngles(mediaId);
  const ids = useMemo(() => [mediaId, ...shown.map((a) => a.angleMediaId)], [mediaId, shown]);
  const pictures = usePictureUrls(ids);
  const bigId = layout === 'focus' && shown.some((a) => a.angleMediaId === big) ? big : mediaId;
  return (
    <div className={`sync-stage ${layout} n${shown.length + 1}`} data-testid="sync-stage">
      <Tile big={layout === 'focus' && bigId === mediaId} onEnlarge={() => useApp.getState().setBigMedia(null)}>
        <div className="sync-primary" ref={primary}>{pictures && <VideoPlayer src={pictures[mediaId]} />}</div>
      </Tile>
      {pictures && shown.map((a) => (
        <Tile key={a.id} big={layout === 'focus' && bigId === a.angleMediaId} onEnlarge={() => useApp.getState().setBigMedia(a.angleMediaId)}>
          <AngleTile link={a} runner={runner.current!} src={pictures[a.angleMediaId]!} />
        </Tile>
      ))}
      <SoundElement runner={runner.current} primaryId={mediaId} />
      <BufferingHint runner={runner.current} shown={shown.map((a) => a.id)} />
      {angles.length > shown.length && <div className="sync-more" data-testid="sync-more">+{angles.length - shown.length} more (choose in the Angles tab; four videos at once)</div>}
    </div>
  );
}

/** The chosen recording's sound (the primary's, or the angle's marked Audio), following the master. */
function SoundElement({ runner, primaryId }: { runner: SyncRunner; primaryId: string }) {
  const from = useAngles(primaryId).find((a) => a.audio);
  const ref = useRef<HTMLAudioElement>(null);
  const mediaId = from?.angleMediaId ?? primaryId;
  const offsetMs = from?.offsetMs ?? 0;
  useEffect(() => {
    runner.setSound(ref.current, offsetMs);
  }, [runner, mediaId, offsetMs]);
  useEffect(() => () => runner.setSound(null), [runner]);
  return <audio ref={ref} src={client().mediaUrl(mediaId)} preload="auto" data-testid="sync-sound" data-media-id={mediaId} data-offset-ms={offsetMs} />;
}

/** A grid cell; in the focus layout a click on a small one makes it the large one. */
function Tile({ big, onEnlarge, children }: { big: boolean; onEnlarge: () => void; children: ReactNode }) {
  const focus = useApp((s) => s.syncLayout === 'focus');
  return (
    <div
      className={`sync-tile${big ? ' big' : ''}`}
      onClickCapture={(e) => {
        if (!focus || big) return;
        e.stopPropagation();
        e.preventDefault();
        onEnlarge();
      }}
      title={focus && !big ? 'Show large' : undefined}
    >
      {children}
    </div>
  );
}

/** Holds shorter than this are not announced (a catch-up of a few frames would only flicker). */
const HINT_AFTER_MS = 300;

/** "buffering angle 2" while the master has waited a while for that angle (the transport still says playing). */
function BufferingHint({ runner, shown }: { runner: SyncRunner; shown: string[] }) {
  const [waiting, setWaiting] = useState<string[]>([]);
  useEffect(() => {
    let timer = 0;
    runner.onWaiting = (ids) => {
      clearTimeout(timer);
      if (ids.length === 0) setWaiting([]);
      else timer = window.setTimeout(() => setWaiting(ids), HINT_AFTER_MS);
    };
    return () => clearTimeout(timer);
  }, [runner]);
  const n = shown.indexOf(waiting[0] ?? '') + 1;
  if (n === 0) return null;
  return <div className="sync-buffering muted" role="status" data-testid="sync-buffering">buffering angle {n}</div>;
}
