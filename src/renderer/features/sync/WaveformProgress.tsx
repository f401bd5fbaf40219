/** A recording's envelope being decoded: a progress bar and Cancel. */
import { useApp } from '../../store';

export function WaveformProgress({ mediaId }: { mediaId: string }) {
  const job = useApp((s) => s.waveformJobs[mediaId]);
  const name = useApp((s) => s.project?.media.find((m) => m.id === mediaId)?.name ?? '');
  if (!job || job.state !== 'running') return null;
  return (
    <div className="waveform-progress row" data-testid="waveform-progress">
      <span className="muted">Sound of {name}</span>
      <progress max={1} value={job.fraction} aria-label={`Decoding the sound of ${name}`} />
      <span className="muted">{Math.round(job.fraction * 100)} %</span>
      <button onClick={() => void useApp.getState().cancelWaveform(mediaId).catch(() => undefined)}>Cancel</button>
    </div>
  );
}
