/**
 * "Find offset": both recordings' envelopes are decoded in the background (progress, cancel),
 * cross-correlated by the service over an optional window of this recording (around a clap), and
 * the proposed offset is shown with its confidence and the correlation curve; Accept sets it (one
 * undo step), after which the frame buttons nudge it while playing.
 */
import { useState } from 'react';
import type { FindOffsetResult, MediaLink } from '../../../shared/contract/sync';
import { formatTimecode, parseTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { OffsetCurve } from './OffsetCurve';
import { WaveformProgress } from './WaveformProgress';

type Window = { startMs: number; endMs: number } | undefined;

export function FindOffset({ link, name, onClose }: { link: MediaLink; name: string; onClose: () => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FindOffsetResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const around = () => {
    const t = useApp.getState().currentMs;
    setFrom(formatTimecode(Math.max(0, t - 5000)));
    setTo(formatTimecode(t + 5000));
  };
  const run = async () => {
    const windowMs = readWindow(from, to);
    if (windowMs === null) return setError('Type the window as two times (e.g. 0:01:05 and 0:01:15), the second after the first, or leave both empty for the whole recording');
    setBusy(true);
    setError(null);
    setResult(null);
    const s = useApp.getState();
    // the envelopes' progress bars: the jobs findOffset joins
    for (const id of [link.primaryMediaId, link.angleMediaId]) void s.startWaveform(id).catch(() => undefined);
    try {
      setResult(await client().api.findOffset({ primaryId: link.primaryMediaId, angleId: link.angleMediaId, windowMs }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="find-offset" data-testid="find-offset">
      <div className="row">
        <span className="muted">Window (optional):</span>
        <input aria-label="Window start" placeholder="start" value={from} onChange={(e) => setFrom(e.target.value)} className="offset" />
        <input aria-label="Window end" placeholder="end" value={to} onChange={(e) => setTo(e.target.value)} className="offset" />
        <button onClick={around} title="Ten seconds around the playhead (put it on the clap)">Around playhead</button>
      </div>
      <div className="row">
        <button className="primary" disabled={busy} onClick={() => void run()}>{busy ? 'Listening…' : 'Find offset'}</button>
        <button onClick={onClose}>Close</button>
      </div>
      {busy && [link.primaryMediaId, link.angleMediaId].map((id) => <WaveformProgress key={id} mediaId={id} />)}
      {error && <p className="error" role="alert">{error}</p>}
      {result && <Proposal result={result} link={link} name={name} />}
    </div>
  );
}

/** '' and '' = the whole recording (undefined); null = not a window. */
function readWindow(from: string, to: string): Window | null {
  if (!from.trim() && !to.trim()) return undefined;
  const a = parseTimecode(from);
  const b = parseTimecode(to);
  return a === null || b === null || a < 0 || b <= a ? null : { startMs: a, endMs: b };
}

function Proposal({ result, link, name }: { result: FindOffsetResult; link: MediaLink; name: string }) {
  const pct = `${Math.round(result.confidence * 100)} %`;
  return (
    <div className="proposal" data-testid="offset-proposal">
      {result.found ? (
        <p>
          Proposed offset <strong data-testid="proposed-offset">{formatTimecode(result.offsetMs)}</strong> (confidence {pct}){' '}
          <button className="primary" onClick={() => void useApp.getState().setAngleOffset(link.id, result.offsetMs).catch(() => undefined)}>Accept</button>
        </p>
      ) : (
        <p className="muted" data-testid="offset-none">No offset proposed for {name}: {result.reason}</p>
      )}
      {result.curve && <OffsetCurve curve={result.curve} peakMs={result.found ? result.offsetMs : null} currentMs={link.offsetMs} />}
    </div>
  );
}
