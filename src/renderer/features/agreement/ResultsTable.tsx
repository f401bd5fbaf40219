/**
 * Per-code and pooled overall numbers. 3 decimals; an undefined statistic shows "—" and its
 * reason on hover. Every number cell has data-testid "ag-cell:<code path or overall>:<measure>".
 */
import type { AgreementComputation } from '../../../shared/contract/agreement';
import { fmt3 } from '../../../shared/agreement/report';

type Measure = 'percentAgreement' | 'cohensKappa' | 'fleissKappa' | 'krippendorffAlpha' | 'positiveAgreement';
const MEASURES: { key: Measure; label: string; title: string }[] = [
  { key: 'percentAgreement', label: 'Percent', title: 'Share of units where all coders agree' },
  { key: 'cohensKappa', label: 'Cohen κ', title: "Cohen's kappa: chance-corrected agreement of exactly two coders" },
  { key: 'fleissKappa', label: 'Fleiss κ', title: "Fleiss' kappa: chance-corrected agreement of any number of coders" },
  { key: 'krippendorffAlpha', label: 'Kripp. α', title: "Krippendorff's alpha (nominal): 1 − observed / expected disagreement" },
  { key: 'positiveAgreement', label: 'Positive', title: 'Two coders: 2·both / (2·both + only one of them)' },
];

function Cell({ id, value, note }: { id: string; value: number | null; note?: string }) {
  return (
    <td className={`num${value === null ? ' undefined' : ''}`} data-testid={`ag-cell:${id}`} title={value === null ? note ?? 'undefined' : String(value)}>
      {fmt3(value)}
    </td>
  );
}

export function ResultsTable({ result }: { result: AgreementComputation }) {
  const r = result.agreement;
  const u = result.unitizing;
  const uByCode = new Map((u?.codes ?? []).map((c) => [c.code, c]));
  const unitsLabel = r.exact ? 'Seconds' : 'Units';
  return (
    <table className="ag-table" data-testid="ag-table">
      <thead>
        <tr>
          <th className="code">Code</th>
          <th className="num" title={r.exact ? 'Time compared per code' : 'Slices compared per code'}>{unitsLabel}</th>
          {MEASURES.map((m) => (
            <th key={m.key} className="num" title={m.title}>{m.label}</th>
          ))}
          <th className="num" title="Krippendorff's unitizing alpha (2016 uα): agreement on where the coded stretches begin and end">uα</th>
        </tr>
      </thead>
      <tbody>
        {r.codes.map((c) => (
          <tr key={c.code}>
            <th className="code" scope="row" title={c.code}>{c.code}{c.pointEvents > 0 && <span className="ag-points" title={c.notes.pointEvents}> +{c.pointEvents} point{c.pointEvents > 1 ? 's' : ''}</span>}</th>
            <td className="num">{r.exact ? c.unitsDuration.toFixed(1) : c.units}</td>
            {MEASURES.map((m) => (
              <Cell key={m.key} id={`${c.code}:${m.key}`} value={c[m.key]} note={c.notes[m.key]} />
            ))}
            <Cell id={`${c.code}:uAlpha`} value={uByCode.get(c.code)?.uAlpha ?? null} note={uByCode.get(c.code)?.notes.uAlpha ?? result.unitizingNote} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="overall">
          <th className="code" scope="row" title="All (code, unit) pairs of the chosen codes pooled into one table: not a mean of the rows above">Overall (pooled)</th>
          <td className="num">{r.exact ? r.overall.unitsDuration.toFixed(1) : r.overall.units}</td>
          {MEASURES.map((m) => (
            <Cell key={m.key} id={`overall:${m.key}`} value={r.overall[m.key]} note={r.overall.notes[m.key]} />
          ))}
          <Cell id="overall:uAlpha" value={u?.overall.pooledUAlpha ?? null} note={u?.overall.notes.pooledUAlpha ?? result.unitizingNote ?? 'uα of the per-code continua laid end to end'} />
        </tr>
        <tr className="light">
          <th className="code" scope="row" title="Light's kappa: the mean of the pairwise Cohen's kappas">Mean pairwise Cohen's κ</th>
          <td />
          <td />
          <Cell id="overall:meanPairwiseCohensKappa" value={r.overall.meanPairwiseCohensKappa} note={r.overall.notes.meanPairwiseCohensKappa} />
          <td colSpan={4} />
        </tr>
      </tfoot>
    </table>
  );
}
