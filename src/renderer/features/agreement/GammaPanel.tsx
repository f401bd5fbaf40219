/**
 * Mathet's γ for the current selection (computed on request through the agreement service:
 * it aligns the coders' segments and samples random continua, which takes seconds), with what
 * it means, the same command for the command line, and the best alignment drawn per coder.
 */
import type { AgreementComputation } from '../../../shared/contract/agreement';
import { useApp } from '../../store';
import { AlignmentTimeline } from './AlignmentTimeline';

const f3 = (v: number | null) => (v === null ? '—' : v.toFixed(3));

export function GammaPanel({ result, command, colorOf }: { result: AgreementComputation; command: string; colorOf: Map<string, string> }) {
  const gamma = useApp((s) => s.agreementGamma);
  const busy = useApp((s) => s.agreementGammaBusy);
  const error = useApp((s) => s.agreementGammaError);
  const sampler = useApp((s) => s.agreementGammaSampler);
  const g = gamma?.figures;
  const cli = `${command} --gamma --gamma-sampler ${g?.sampler ?? sampler} --seed ${g?.seed ?? 1} --precision ${g?.precision ?? 0.05}`;
  return (
    <div className="ag-gamma" data-testid="ag-gamma">
      <div className="ag-gamma-head">
        <h3>Mathet's γ: where and what, together</h3>
        <label>
          random continua{' '}
          <select value={sampler} onChange={(e) => useApp.setState({ agreementGammaSampler: e.target.value as 'statistical' | 'shuffle', agreementGamma: null })} aria-label="γ sampler">
            <option value="statistical">statistical (pygamma)</option>
            <option value="shuffle">shuffle (Mathet)</option>
          </select>
        </label>
        <button onClick={() => void useApp.getState().computeGamma()} disabled={busy} data-testid="ag-gamma-compute">
          {busy ? 'Computing γ…' : gamma ? 'Recompute γ' : 'Compute γ'}
        </button>
      </div>
      <p className="ag-gamma-explain">
        γ compares the coders' segments as units: it pairs each coder's units with the others' so that the total disorder is smallest (the <em>best alignment</em>, drawn below), counting how far paired units are apart
        (α = {g?.alpha ?? 3}), whether they carry the same code (β = {g?.beta ?? 1}) and units nobody else marked (δ∅ = {g?.deltaEmpty ?? 1}). Then γ = 1 − this disorder / the disorder of random codings of the same kind: 1 =
        perfect, 0 = no better than chance. γ-cat looks only at the codes of paired units; γ per code at the pairs that involve it.{' '}
        {result.agreement.coders.length} coders, {result.agreement.codes.length} codes{gamma && gamma.pointEvents > 0 ? `; ${gamma.pointEvents} point events (no duration) left out` : ''}.
      </p>
      {error && <p className="ag-error" role="alert">{error}</p>}
      {g && gamma && (
        <>
          <p className="ag-gamma-values">
            γ = <strong data-testid="ag-gamma-value">{f3(g.gamma)}</strong> · γ-cat = <strong data-testid="ag-gamma-cat">{f3(g.gammaCat)}</strong>{' '}
            <span className="muted">
              (disorder {g.disorder.toFixed(4)} over {g.unitaryAlignments} unitary alignments; expected {g.expectedDisorder.toFixed(4)} from {g.samples} {g.sampler} samples)
            </span>
          </p>
          <table className="ag-table ag-gamma-k">
            <thead>
              <tr><th className="code">code</th><th className="num">γ</th></tr>
            </thead>
            <tbody>
              {Object.entries(g.gammaK).map(([k, v]) => (
                <tr key={k}><th className="code" title={k}>{k}</th><td className="num" data-testid={`ag-gamma-k-${k}`}>{f3(v)}</td></tr>
              ))}
            </tbody>
          </table>
          <h3 className="ag-tl-title">Best alignment <span className="muted">(lines join the units γ paired; a unit alone was aligned with nothing)</span></h3>
          <AlignmentTimeline gamma={gamma} durationMs={result.agreement.duration * 1000} colorOf={colorOf} />
        </>
      )}
      <p className="ag-command">
        Same γ from the command line: <code data-testid="ag-gamma-command">{cli}</code>
      </p>
    </div>
  );
}
