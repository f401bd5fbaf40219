/** The app shell: loads the study, then shows the start screen or the top bar and the current screen. */
import { useEffect, useState } from 'react';
import { useSegmentWindow } from '../hooks/useSegmentWindow';
import { useApp } from '../store';
import { rememberedCoder } from '../store/uiSlice';
import { useKeyboard } from '../hooks/useKeyboard';
import { Banner } from './Banner';
import { CoderPicker } from './CoderPicker';
import { TopBar } from './TopBar';
import { CodingScreen } from '../features/coding/CodingScreen';
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
    loadStudy().catch((e: Error) => setLoadError(e.message));
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

/** The launch: the study the main process has open (or none), its project, the remembered coder and first media. */
async function loadStudy(): Promise<void> {
  const s = useApp.getState();
  const st = await s.loadStudyState();
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
  offerNextStep(p.name);
}

/** A study just created offers its next step: adding recordings. */
function offerNextStep(name: string): void {
  if (sessionStorage.getItem('triangulate.next') !== 'addRecordings') return;
  sessionStorage.removeItem('triangulate.next');
  useApp.getState().showBanner({ kind: 'info', message: `Study "${name}" created. Next: add its recordings.`, action: { label: 'Add recordings…', run: () => void addRecordings() } });
}

function FeatureView({ id }: { id: string }) {
  const View = VIEWS.find((v) => v.id === id)?.component;
  return <main className="feature-view">{View ? <View /> : null}</main>;
}
