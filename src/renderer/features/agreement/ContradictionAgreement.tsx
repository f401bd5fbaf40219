/**
 * Agreement on contradictions (the same numbers as `triangulate agreement --contradictions`):
 * per pair of coders and pooled, matched / only one / F1 / κ on the level, and the unmatched
 * contradictions with their evidence, for the discussion meeting.
 */
import type { AgreementComputation } from '../../../shared/contract/agreement';
import { fmt3 } from '../../../shared/agreement/report';

export function ContradictionAgreement({ result }: { result: AgreementComputation }) {
  const k = result.contradictions;
  if (!k) return result.contradictionsNote ? <p className="muted">{result.contradictionsNote}</p> : null;
  const total = Object.values(k.counts).reduce((a, b) => a + b, 0);
  const rows = [...k.pairs.map((p) => ({ name: `${p.coders[0]} – ${p.coders[1]}`, p })), { name: 'Overall (pooled)', p: k.overall }];
  const unmatched = k.pairs.flatMap((p) => p.unmatched.map((u) => ({ pair: p.coders.join(' – '), u })));
  return (
    <section className="ag-contradictions" data-testid="ag-contradictions" aria-label="Agreement on contradictions">
      <h3 className="ag-tl-title">
        Agreement on contradictions <span className="muted">({total} coded: {k.coders.map((c) => `${c} ${k.counts[c]}`).join(', ')})</span>
      </h3>
      {total === 0 ? (
        <p className="muted">No coder has coded a contradiction yet.</p>
      ) : (
        <>
          <table className="ag-table">
            <thead>
              <tr>
                <th className="code">Coders</th>
                <th className="num" title="Same level, same element pair, evidence overlapping by at least half of the shorter">Matched</th>
                <th className="num">Only first</th>
                <th className="num">Only second</th>
                <th className="num" title="2·matched / (2·matched + only first + only second)">F1</th>
                <th className="num" title="Cohen's κ of the levels of contradictions matched on element pair and evidence, whatever their level">κ level</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ name, p }) => (
                <tr key={name}>
                  <th className="code" scope="row">{name}</th>
                  <td className="num">{p.matched}</td>
                  <td className="num">{p.onlyA}</td>
                  <td className="num">{p.onlyB}</td>
                  <td className="num" title={p.notes.f1}>{fmt3(p.f1)}</td>
                  <td className="num" title={p.notes.levelKappa}>{fmt3(p.levelKappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {unmatched.length > 0 && (
            <details>
              <summary>{unmatched.length} found by one coder only (for the discussion)</summary>
              <ul className="ag-unmatched">
                {unmatched.map(({ pair, u }) => (
                  <li key={`${pair}:${u.id}`}>
                    {pair}: only <strong>{u.coder}</strong>: {u.level} {u.elements} — {u.evidence || 'no evidence'}
                    {u.note && <span className="muted"> ({u.note})</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
