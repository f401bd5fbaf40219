/** An angle's offset: typed (seconds, "h:mm:ss.mmm" or "-1.25"), or nudged by one or ten frames while playing; one undo step each. */
import { useEffect, useState } from 'react';
import type { MediaLink } from '../../../shared/contract/sync';
import { formatTimecode, parseTimecode } from '../../../shared/time';
import { useApp } from '../../store';

export function OffsetField({ link, name }: { link: MediaLink; name: string }) {
  const frameMs = useApp((s) => s.frameMs());
  const [text, setText] = useState(formatTimecode(link.offsetMs));
  useEffect(() => setText(formatTimecode(link.offsetMs)), [link.offsetMs]);
  const set = (ms: number) => void useApp.getState().setAngleOffset(link.id, Math.round(ms)).catch(() => undefined);
  const commit = () => {
    const ms = parseTimecode(text);
    if (ms === null) {
      useApp.getState().showBanner({ kind: 'error', message: `"${text}" is not a time: type the offset as seconds (3.25) or h:mm:ss.mmm, negative when the angle starts later` });
      setText(formatTimecode(link.offsetMs));
    } else if (ms !== link.offsetMs) set(ms);
  };
  const nudge = (frames: number) => set(link.offsetMs + frames * frameMs);
  return (
    <span className="offset-field row">
      <button onClick={() => nudge(-10)} title="10 frames earlier" aria-label={`${name}: offset −10 frames`}>«</button>
      <button onClick={() => nudge(-1)} title="1 frame earlier" aria-label={`${name}: offset −1 frame`}>‹</button>
      <input
        aria-label={`Offset of ${name}`}
        data-testid="angle-offset"
        className="offset"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <button onClick={() => nudge(1)} title="1 frame later" aria-label={`${name}: offset +1 frame`}>›</button>
      <button onClick={() => nudge(10)} title="10 frames later" aria-label={`${name}: offset +10 frames`}>»</button>
    </span>
  );
}
