import { useEffect, useState } from 'react';
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

export function App() {
  const project = useApp((s) => s.project);
  const coderId = useApp((s) => s.coderId);
  const [loadError, setLoadError] = useState<string | null>(null);
  useKeyboard();

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
      <main className="workspace">
        <aside className="panel codebook-panel" aria-label="Codebook">
          <Codebook />
        </aside>
        <section className="player-column" aria-label="Video">
          <VideoPlayer />
          <TransportBar />
        </section>
        <aside className="panel segments-panel" aria-label="Segments">
          <SegmentList />
        </aside>
      </main>
      {!coderId && <CoderPicker />}
    </div>
  );
}
