import { useApp } from '../store';
import { VIEWS } from '../views';
import { useCoderLabels } from '../hooks/useCoderLabels';
import { SaveStatus } from './SaveStatus';
import { StudyMenu } from '../features/studies/StudyMenu';

export function TopBar() {
  const project = useApp((s) => s.project)!;
  const mediaId = useApp((s) => s.mediaId);
  const coder = useApp((s) => s.project?.coders.find((c) => c.id === s.coderId));
  const labels = useCoderLabels();
  const selectMedia = useApp((s) => s.selectMedia);
  const openPicker = useApp((s) => s.setCoderPickerOpen);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  return (
    <header className="topbar">
      <span className="brand">Triangulate</span>
      <StudyMenu />
      <span className="project-name" title={project.file}>{project.name}</span>
      <label className="media-select">
        <span className="sr-only">Media</span>
        <select value={mediaId ?? ''} onChange={(e) => void selectMedia(e.target.value)} aria-label="Media">
          {project.media.length === 0 && <option value="">No media</option>}
          {project.media.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
        </select>
      </label>
      <nav className="views" aria-label="Screens">
        {[{ id: 'code' as const, label: 'Code' }, ...VIEWS].map((v) => (
          <button key={v.id} className={view === v.id ? 'active' : ''} aria-current={view === v.id ? 'page' : undefined} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      <SaveStatus />
      <button
        className="coder-chip"
        data-testid="current-coder"
        style={{ borderColor: coder?.color }}
        title={project.coderFileFor ? 'This coder file belongs to this coder' : 'Change who is coding'}
        disabled={!!project.coderFileFor}
        onClick={() => openPicker(true)}
        aria-haspopup="dialog"
      >
        <span className="dot" style={{ background: coder?.color ?? '#999' }} />
        Coding as <strong>{coder ? labels.get(coder.id) ?? coder.name : '—'}</strong>
      </button>
    </header>
  );
}
