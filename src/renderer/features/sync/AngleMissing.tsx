/**
 * "File not found: <name> — Locate…" for a linked angle whose file has moved, in its tile and in
 * its row of the Angles tab. Locating it is the same as for any recording: the file browser, then
 * the study's content-fingerprint check (a different file is refused with one line).
 */
import { locateRecording, useFileState } from '../../hooks/useMediaStatus';
import { useApp } from '../../store';

export function AngleMissing({ mediaId, inline = false }: { mediaId: string; inline?: boolean }) {
  const { state, message } = useFileState(mediaId);
  const name = useApp((s) => s.project?.media.find((m) => m.id === mediaId)?.name ?? '');
  if (state !== 'missing') return null;
  return (
    <div className={inline ? 'angle-missing-row row' : 'angle-missing'} data-testid="angle-missing" title={message}>
      <span>File not found: {name} —</span>
      <button onClick={() => void locateRecording(mediaId)} aria-label={`Locate ${name}`}>Locate…</button>
    </div>
  );
}
