import { useEffect, useState } from 'react';
import { useSegmentWindow } from '../hooks/useSegmentWindow';
import { useApp } from '../store';
import { rememberedCoder } from '../store/uiSlice';
import { useKeyboard } from '../hooks/useKeyboard';
import { Banner } from './Banner';
import { Codebook } from './Codebook';
import { CoderPicker } from './CoderPicker';
import { SegmentList } from './SegmentList';
import { TopBar } from './TopBar';
import { TransportBar } from './TransportBar';
import { VideoPlayer } from './VideoPlayer';
import { BelowVideo, sidePanels } from '../features/workstation/slots';
import { VIEWS } from '../views';

export function App() {
  const project = useApp((s) => s.project);
  const coderId = useApp((s) => s.coderId);
  const view = useApp((s) => s.view);
  const pickerOpen = useApp((s) => s.coderPickerOpen);
  const [loadError, setLoadError] = useState<string | null>(null);
  useKeyboard();
  useSegmentWindow();

  useEffect(() => {
    const s = useApp.getState();
    s.loadProject()
      .then(async () => {
        const p = useApp.getState().project!;
        const remembered = rememberedCoder(p.projectId);
        const fixed = p.coderFileFor;
        const valid = p.coders.some((c) => c.id === (fixed ?? remembered));
        if (valid) useApp.getState().setCoder(fixed ?? remembered);
        if (p.media[0]) await useApp.getState().selectMedia(p.media[0].id);
      })
      .catch((e: Error) => setLoadError(e.message));
  }, []);

  if (loadError) return <div className="fatal" role="alert">Triangulate could not load the project: {loadError}</div>;
  if (!project) return <div className="loading">Opening project…</div>;
  return (
    <div className="app">
      <TopBar />
      <Banner />
      {view === 'code' ? <CodingScreen /> : <FeatureView id={view} />}
      {(!coderId || pickerOpen) && <CoderPicker />}
    </div>
  );
}

function CodingScreen() {
  const [panel, setPanel] = useState('segments');
  const Side = sidePanels.find((p) => p.id === panel)?.component ?? SegmentList;
  return (
    <main className="workspace">
      <aside className="panel codebook-panel" aria-label="Codebook">
        <Codebook />
      </aside>
      <section className="player-column" aria-label="Video">
        <VideoPlayer />
        <TransportBar />
        <BelowVideo />
      </section>
      <aside className="panel segments-panel" aria-label="Side panel">
        {sidePanels.length > 0 && (
          <nav className="tabs" role="tablist">
            {[{ id: 'segments', label: 'Segments' }, ...sidePanels].map((p) => (
              <button key={p.id} role="tab" aria-selected={panel === p.id} className={panel === p.id ? 'active' : ''} onClick={() => setPanel(p.id)}>
                {p.label}
              </button>
            ))}
          </nav>
        )}
        <Side />
      </aside>
    </main>
  );
}

function FeatureView({ id }: { id: string }) {
  const View = VIEWS.find((v) => v.id === id)?.component;
  return <main className="feature-view">{View ? <View /> : null}</main>;
}
