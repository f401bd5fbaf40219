/**
 * The Code screen: the codebook, the video with its transport and what the workstation feature
 * puts below it (timeline), and the side panel (segments, plus the workstation's tabs).
 */
import { useEffect, useState } from 'react';
import { useApp } from '../../store';
import { TransportBar } from '../../components/TransportBar';
import { SyncStage } from '../sync/SyncStage';
import { BelowVideo, sidePanels } from '../workstation/slots';
import { BlindCodingBar } from './BlindCodingBar';
import { Codebook } from './Codebook';
import { SegmentList } from './SegmentList';

export function CodingScreen() {
  const [panel, setPanel] = useState('segments');
  // a range coded with a contradiction level opens the relation form in the Contradictions tab
  const draft = useApp((s) => s.contradictionDraft);
  useEffect(() => {
    if (draft) setPanel('contradictions');
  }, [draft]);
  const Side = sidePanels.find((p) => p.id === panel)?.component ?? SegmentList;
  return (
    <main className="workspace">
      <aside className="panel codebook-panel" aria-label="Codebook">
        <BlindCodingBar />
        <Codebook />
      </aside>
      <section className="player-column" aria-label="Video">
        <SyncStage />
        <TransportBar />
        <BelowVideo />
      </section>
      <aside className="panel segments-panel" aria-label="Side panel">
        {sidePanels.length > 0 && <SideTabs panel={panel} setPanel={setPanel} />}
        <Side />
      </aside>
    </main>
  );
}

function SideTabs({ panel, setPanel }: { panel: string; setPanel: (id: string) => void }) {
  return (
    <nav className="tabs" role="tablist">
      {[{ id: 'segments', label: 'Segments' }, ...sidePanels].map((p) => (
        <button key={p.id} role="tab" aria-selected={panel === p.id} className={panel === p.id ? 'active' : ''} onClick={() => setPanel(p.id)}>
          {p.label}
        </button>
      ))}
    </nav>
  );
}
