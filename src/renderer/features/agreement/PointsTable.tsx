/**
 * Agreement of point events (marker codes), per pair of coders: per code and over all point
 * codes. Matching, precision/recall and κ are defined in src/shared/agreement/points.ts.
 * Cells have data-testid "ag-point:<coderA>–<coderB>:<code or all>:<measure>".
 */
import { fmt3 } from '../../../shared/agreement/report';
import type { PointAgreementResult, PointStats } from '../../../shared/agreement/points';

const num = (id: string, v: number | null, note?: string) => (
  <td className={`num${v === null ? ' undefined' : ''}`} data-testid={`ag-point:${id}`} title={v === null ? note ?? 'undefined' : String(v)}>
    {fmt3(v)}
  </td>
);

function Row({ pair, code, s }: { pair: string; code: string; s: PointStats }) {
  const id = `${pair}:${code}`;
  return (
    <tr>
      <th scope="row">{pair}</th>
      <td>{code}</td>
      <td className="num" data-testid={`ag-point:${id}:matched`}>{s.matched}</td>
      <td className="num">{s.onlyA}</td>
      <td className="num">{s.onlyB}</td>
      {num(`${id}:precision`, s.precision, s.notes.precision)}
      {num(`${id}:recall`, s.recall, s.notes.recall)}
      {num(`${id}:kappa`, s.kappa, s.notes.kappa)}
    </tr>
  );
}

export function PointsTable({ points }: { points: PointAgreementResult }) {
  if (points.codes.length === 0) return null;
  return (
    <div className="ag-table-wrap" data-testid="ag-points">
      <h3 className="ag-tl-title">
        Markers (point events) <span className="muted">matched one-to-one within {points.tolerance} s, nearest first; never in the slice statistics above</span>
      </h3>
      <table className="ag-table" aria-label="Marker agreement">
        <thead>
          <tr>
            <th scope="col">Coders</th>
            <th scope="col">Code</th>
            <th scope="col" title="Points of the two coders matched within the tolerance">Matched</th>
            <th scope="col">Only first</th>
            <th scope="col">Only second</th>
            <th scope="col" title="Matched / the second coder's points (the first coder is the reference)">Precision</th>
            <th scope="col" title="Matched / the first coder's points">Recall</th>
            <th scope="col" title={`Cohen's κ over matched, unmatched and the ${points.windows} windows of ${2 * points.tolerance} s where neither marked`}>κ</th>
          </tr>
        </thead>
        <tbody>
          {points.pairs.flatMap((p) => {
            const pair = `${p.coders[0]}–${p.coders[1]}`;
            return [
              ...p.codes.map((c) => <Row key={`${pair}:${c.code}`} pair={pair} code={c.code} s={c} />),
              <Row key={`${pair}:all`} pair={pair} code="all" s={p} />,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
