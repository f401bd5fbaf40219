/** The table shown, as CSV: tidy (`row,column,measure,value`, one row per cell, for R/pandas) or wide (a spreadsheet grid), as `export --kind matrix` writes it. */
import { useState } from 'react';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { downloadText } from '../themes/download';
import { matrixRequest } from './slice';

export function MatrixExport() {
  const [busy, setBusy] = useState(false);
  const save = async (wide: boolean) => {
    const s = useApp.getState();
    setBusy(true);
    try {
      const r = await s.track(client().api.exportMatrix({ ...matrixRequest(s.compareChoice), wide }));
      const f = r.files[0]!;
      downloadText(f.name, f.text);
    } catch {
      /* shown in the banner */
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="cmp-export" role="group" aria-label="Save the table as CSV">
      <button onClick={() => void save(false)} disabled={busy} data-testid="cmp-export-tidy" title="One row per cell: row, column, measure, value (R, pandas)">Tidy CSV</button>
      <button onClick={() => void save(true)} disabled={busy} data-testid="cmp-export-wide" title="Rows × columns, as on screen (spreadsheets)">Wide CSV</button>
    </span>
  );
}
