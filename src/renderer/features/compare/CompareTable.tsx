/** The chosen comparison table as a heat map, or why there is none yet (no participants, no groups, nothing coded). */
import { useMemo } from 'react';
import { useApp } from '../../store';
import { HeatMap } from './HeatMap';
import { COMPARE_KINDS } from './slice';
import { MEASURE_LABELS, formatMeasure, heatInput } from './tableData';

const TITLES = { code: 'codes', contradiction: 'contradictions (level, element pair)', cooccurrence: 'codes', participant: 'participants', group: 'groups' } as const;

export function CompareTable() {
  const table = useApp((s) => s.compareTable);
  const error = useApp((s) => s.compareError);
  const choice = useApp((s) => s.compareChoice);
  const codes = useApp((s) => s.project!.codes);
  const cell = useApp((s) => s.compareCell);
  const pick = useApp((s) => s.pickCompareCell);
  const setView = useApp((s) => s.setView);
  const k = COMPARE_KINDS[choice.kind];
  const input = useMemo(() => {
    if (!table) return null;
    const color = new Map(codes.map((c) => [c.id, c.color]));
    return heatInput(table, choice.measure, (key) => color.get(key), { rows: TITLES[k.rows], cols: TITLES[k.cols] });
  }, [table, choice.measure, codes, k.rows, k.cols]);
  const format = useMemo(() => formatMeasure(choice.measure), [choice.measure]);
  const selected = useMemo(() => (cell ? { row: cell.row, col: cell.col } : null), [cell]);

  let body;
  if (error) body = <p className="error" role="alert">{error}</p>;
  else if (!table || !input) body = <p className="empty-hint">Computing…</p>;
  else if (input.cols.length === 0) {
    body = (
      <p className="empty-hint" data-testid="cmp-empty">
        No {TITLES[k.cols]} yet. Add them in Study settings › Participants (or import a roster) and say who each segment is about while coding (hold Alt + the participant's key).{' '}
        <button onClick={() => setView('settings')}>Open Study settings</button>
      </p>
    );
  } else if (input.rows.length === 0) body = <p className="empty-hint" data-testid="cmp-empty">Nothing coded in this scope.</p>;
  else body = <HeatMap {...input} label={MEASURE_LABELS[choice.measure]} format={format} integer={choice.measure === 'segments'} selected={selected} onPick={(r, c) => void pick(r, c)} testId="cmp-heatmap" />;
  return (
    <section className="panel cmp-table" aria-label={k.label}>
      <div className="panel-head">
        <h2>{k.label}</h2>
        <span className="muted cmp-hint">{choice.measure !== 'share' ? '' : choice.kind === 'cooccurrence' ? 'Overlap ÷ the row code’s coded time.' : 'Coded time ÷ the column’s time on screen.'} Click a cell (or Tab to the map, arrows, Enter) to list its segments.</span>
      </div>
      <div className="cmp-scroll">{body}</div>
    </section>
  );
}
