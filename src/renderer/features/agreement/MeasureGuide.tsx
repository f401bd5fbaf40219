/** Plain-language explanation of each number and of the choices behind them. */
import type { AgreementComputation } from '../../../shared/contract/agreement';

export function MeasureGuide({ result, command }: { result: AgreementComputation; command: string }) {
  const r = result.agreement;
  const unit = r.exact ? 'continuous time (exact)' : `${r.unit} s slices`;
  const slices = r.unit ? Math.ceil(r.duration / r.unit - 1e-9) : 0;
  const kept = r.excludeUncoded ? ` (${r.units} of them kept: see uncoded time)` : '';
  return (
    <div className="ag-guide" data-testid="ag-guide">
      <h3>What the numbers mean</h3>
      <dl>
        <dt>Percent</dt>
        <dd>Share of the units where all coders made the same call (applied the code, or did not). Looks high for rare codes, because time nobody coded counts as agreement.</dd>
        <dt>Cohen's κ</dt>
        <dd>Two coders only. How much better than chance they agree, given how often each of them applies the code: 1 = perfect, 0 = no better than chance, below 0 = worse than chance.</dd>
        <dt>Fleiss' κ</dt>
        <dd>The same idea for any number of coders, with one shared chance rate.</dd>
        <dt>Krippendorff's α</dt>
        <dd>1 − observed disagreement / disagreement expected by chance. Works for any number of coders; close to Fleiss' κ when there are many units. 0.8 or more is usually taken as reliable, 0.667 as the lowest for tentative conclusions.</dd>
        <dt>Positive</dt>
        <dd>Two coders only. Of the time either coded the code, how much both did: 2·both / (2·both + only one). Ignores the time neither coded.</dd>
        <dt>uα</dt>
        <dd>Krippendorff's unitizing alpha: agreement on where the coded stretches begin and end, not only on each instant.</dd>
        <dt>—</dt>
        <dd>Undefined (for example nobody applied the code, so chance agreement is already 1). Hover it for the reason; it is never shown as 1 or 0.</dd>
      </dl>
      <h3>The choices behind them</h3>
      <ul>
        <li><strong>Unit: {unit}.</strong> {r.exact ? 'Every instant counts, weighted by its duration: the limit of ever smaller slices.' : `The timeline 0–${r.duration} s is cut into ${slices} slices${kept}; a coder applied a code in a slice when one of their segments covers the slice's midpoint (midpoint rule). Smaller slices follow the boundaries more closely.`}</li>
        <li><strong>Uncoded time {r.excludeUncoded ? 'excluded' : 'included'}.</strong> {r.excludeUncoded ? 'Slices where no chosen coder applied any chosen code are left out, so agreement on "nothing here" does not raise the numbers.' : 'Time nobody coded counts as agreement ("neither"); tick "Exclude uncoded time" for stricter numbers.'}</li>
        <li><strong>Overall is pooled:</strong> all (code, unit) pairs of the chosen codes go into one table; it is not the mean of the rows.</li>
        <li><strong>Point events</strong> (markers with no duration) cover no slice and are left out of the table; they show on the timeline below.</li>
        <li><strong>Disagreements</strong>: two coders' stretches of a code match when they overlap by at least half of the shorter one; a matched group that not every coder coded is a disagreement.</li>
      </ul>
      <p className="ag-command" title="The same numbers from the command line">
        Same numbers from the command line: <code data-testid="ag-command">{command}</code>
      </p>
    </div>
  );
}
