import { useEffect, useState } from 'react';
import { useSegmentWindow } from '../hooks/useSegmentWindow';
import { useApp } from '../store';
import { rememberedCoder } from '../store/uiSlice';
import { useKeyboard } from '../hooks/useKeyboard';
import { Banner } from './Banner';
import { BlindCodingBar } from './BlindCodingBar';
import { Codebook } from './Codebook';
import { CoderPicker } from './CoderPicker';
import { SegmentList } from './SegmentList';
import { TopBar } from './TopBar';
import { TransportBar } from './TransportBar';
import { SyncStage } from '../features/sync/SyncStage';
import { BelowVideo, sidePanels } from '../features/workstation/slots';
import { VIEWS } from '../views';
import { StartScreen } from '../features/studies/StartScreen';
import { StudyDialogs } from '../features/studies/StudyDialogs';
import { addRecordings } from '../features/studies/commands';
import { shellBridge } from '../features/studies/pick';

export function App() {
  const project = useApp((s) => s.project);
  const coderId = useApp((s) => s.coderId);
  const view = useApp((s) => s.view);
  const pickerOpen = useApp((s) => s.coderPickerOpen);
  const [loadError, setLoadError] = useState<string | null>(null);
  useKeyboard();
  useSegmentWindow();

  const study = useApp((s) => s.study);
  useEffect(() => {
    const s = useApp.getState();
    s.loadStudyState()
      .then(async (st) => {
        shellBridge()?.studyChanged(st.study?.name ?? null, !!st.study);
        document.title = st.study ? `${st.study.name} — Triangulate` : 'Triangulate';
        if (!st.study) return;
        if (st.message) s.showBanner({ kind: 'error', message: st.message });
        await s.loadProject();
        const p = useApp.getState().project!;
        const remembered = rememberedCoder(p.projectId);
        const fixed = p.coderFileFor;
        const valid = p.coders.some((c) => c.id === (fixed ?? remembered));
        if (valid) useApp.getState().setCoder(fixed ?? remembered);
        if (p.media[0]) await useApp.getState().selectMedia(p.media[0].id);
        // a new study's next step
        if (sessionStorage.getItem('triangulate.next') === 'addRecordings') {
          sessionStorage.removeItem('triangulate.next');
          useApp.getState().showBanner({ kind: 'info', message: `Study "${p.name}" created. Next: add its recordings.`, action: { label: 'Add recordings…', run: () => void addRecordings() } });
        }
      })
      .catch((e: Error) => setLoadError(e.message));
  }, []);

  if (loadError) return <div className="fatal" role="alert">Triangulate could not load the study: {loadError}</div>;
  if (study && !study.study) {
    return (
      <div className="app">
        <Banner />
        <StartScreen />
        <StudyDialogs />
      </div>
    );
  }
  if (!project) return <div className="loading">Opening study…</div>;
  return (
    <div className="app">
      <TopBar />
      <Banner />
      {study?.study?.readOnly && <div className="banner banner-error" role="status" data-testid="read-only-banner">{study.message}</div>}
      {view === 'code' ? <CodingScreen /> : <FeatureView id={view} />}
      {(!coderId || pickerOpen) && !study?.study?.readOnly && <CoderPicker />}
      <StudyDialogs />
    </div>
  );
}

function CodingScreen() {
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
