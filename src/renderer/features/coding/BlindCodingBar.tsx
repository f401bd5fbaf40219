/**
 * Blind coding indicator and switches on the Code screen: the study setting (hide other coders'
 * work from everyone) and the current coder's own choice to see the others.
 */
import { useApp } from '../../store';
import { useBlind } from '../../hooks/useBlindCoding';

export function BlindCodingBar() {
  const study = useApp((s) => s.project?.blindCoding ?? false);
  const coderId = useApp((s) => s.coderId);
  const blind = useBlind();
  const { setBlindCoding, setBlindReveal } = useApp.getState();
  return (
    <div className={`blind-bar${blind ? ' on' : ''}`} data-testid="blind-bar">
      {blind ? (
        <>
          <span role="status" data-testid="blind-indicator">Blind coding: other coders hidden</span>
          <button disabled={!coderId} onClick={() => void setBlindReveal(true)} title="Show the other coders' segments, notes and lanes to you (your choice, kept in the study)">
            Show other coders
          </button>
        </>
      ) : study ? (
        <>
          <span data-testid="blind-indicator">Blind coding is on; you see the other coders</span>
          <button onClick={() => void setBlindReveal(false)}>Hide them again</button>
        </>
      ) : null}
      <label className="toggle" title="Hide every coder's work from the others on the Code screen until each turns it off for themselves">
        <input type="checkbox" data-testid="blind-study" checked={study} onChange={(e) => void setBlindCoding(e.target.checked)} /> Blind coding for this study
      </label>
    </div>
  );
}
