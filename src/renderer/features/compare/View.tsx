/**
 * The Compare screen: comparison tables CHAT findings are written from (code × participant, code ×
 * group, contradiction × participant / group, code co-occurrence) as d3 heat maps, with a measure
 * switch and scope filters; a clicked cell lists the segments behind it, and a listed segment
 * opens in the coding screen.
 */
import { useEffect } from 'react';
import { useApp } from '../../store';
import { CellSegments } from './CellSegments';
import { CompareFilters } from './CompareFilters';
import { CompareTable } from './CompareTable';
import { MatrixExport } from './MatrixExport';
import { COMPARE_KINDS, type CompareKind } from './slice';
import './compare.css';

const MEASURES = [
  { id: 'segments', label: 'Segments' },
  { id: 'seconds', label: 'Coded seconds' },
  { id: 'share', label: 'Share of time on screen' },
] as const;

export function CompareView() {
  const choice = useApp((s) => s.compareChoice);
  const set = useApp((s) => s.setCompareChoice);
  const projectId = useApp((s) => s.project?.projectId);
  useEffect(() => {
    void useApp.getState().loadCompare();
    void useApp.getState().loadParticipants().catch(() => undefined);
  }, [projectId]);
  return (
    <div className="cmp-view" data-testid="compare-view">
      <div className="cmp-main">
        <div className="cmp-bar">
          <h1>Compare</h1>
          <div className="cmp-kinds" role="group" aria-label="Table">
            {(Object.keys(COMPARE_KINDS) as CompareKind[]).map((k) => (
              <button key={k} className={choice.kind === k ? 'active' : ''} aria-pressed={choice.kind === k} onClick={() => void set({ kind: k })} data-testid={`cmp-kind-${k}`}>
                {COMPARE_KINDS[k].label}
              </button>
            ))}
          </div>
          <label className="cmp-measure">
            Measure{' '}
            <select aria-label="Measure" data-testid="cmp-measure" value={choice.measure} onChange={(e) => void set({ measure: e.target.value as (typeof MEASURES)[number]['id'] })}>
              {MEASURES.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
            </select>
          </label>
          <MatrixExport />
        </div>
        <CompareFilters />
        <CompareTable />
      </div>
      <CellSegments />
    </div>
  );
}
