/**
 * The Import / export screen: import a REFI-QDA project, an ELAN file or a BORIS / ELAN event
 * table with a preview and a mapping step (tiers and coders, values to codes, media), then one
 * transaction; export the project as a REFI-QDA .qdpx or an ELAN .eaf (download or save to a path).
 */
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import './exchange.css';

export function ExchangeView() {
  return (
    <div className="exchange-view" data-testid="exchange-view">
      <section className="panel ex-card" aria-label="Import">
        <div className="panel-head"><h2>Import</h2></div>
        <ImportPanel />
      </section>
      <section className="panel ex-card" aria-label="Export">
        <div className="panel-head"><h2>Export</h2></div>
        <ExportPanel />
      </section>
    </div>
  );
}
