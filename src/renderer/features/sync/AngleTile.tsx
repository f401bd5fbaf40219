/**
 * One linked angle's player: a plain muted <video> the runner keeps on the master's clock (the
 * audio angle is unmuted by the runner). Before or after its material it shows its first or last
 * frame greyed with "starts in 0:12" / "ended".
 */
import { useEffect, useRef, useState } from 'react';
import type { MediaLink } from '../../../shared/contract/sync';
import { client } from '../../store/client';
import { useAngleName } from './hooks';
import type { SyncRunner } from './runner';

export function AngleTile({ link, runner }: { link: MediaLink; runner: SyncRunner }) {
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
  return (
    <div className={`sync-angle${label ? ' outside' : ''}`}>
      <video
        ref={video}
        src={client().mediaUrl(link.angleMediaId)}
        preload="auto"
        muted
        playsInline
        data-testid="angle-video"
        data-link-id={link.id}
      />
      <span className="sync-name">{name}{link.audio ? ' 🔊' : ''}</span>
      {label && <span className="sync-outside" data-testid="angle-outside">{label}</span>}
    </div>
  );
}
