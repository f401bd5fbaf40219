/**
 * The Study settings screen: the study's name, its activity systems, its coders, its codebook
 * files and its participants. Every change goes through the contract and the service and is one undo step.
 */
import { useApp } from '../../store';
import { CodebookSection } from './CodebookSection';
import { CodersSection } from './CodersSection';
import { NameField } from '../../components/NameField';
import { ParticipantsSection } from '../participants/ParticipantsSection';
import { SystemsSection } from './SystemsSection';
import './settings.css';

export function SettingsView() {
  const project = useApp((s) => s.project)!;
  const edit = useApp((s) => s.settingsEdit);
  return (
    <div className="settings-view" data-testid="settings-view">
      <section className="panel st-card st-wide" aria-label="Study">
        <div className="panel-head"><h2>Study</h2></div>
        <div className="st-row">
          <label className="st-inline">Name <NameField value={project.name} label="Study name" testId="study-name" onSave={(name) => void edit((api) => api.renameStudy({ name }))} /></label>
          <span className="muted st-file" title={project.file}>{project.file}</span>
        </div>
      </section>
      <SystemsSection />
      <CodersSection />
      <CodebookSection />
      <ParticipantsSection />
    </div>
  );
}
