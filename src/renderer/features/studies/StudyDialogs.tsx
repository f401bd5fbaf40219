/** The study lifecycle's overlays: the file browser, New study, Recordings, About; and the shell's menu commands. */
import { useEffect } from 'react';
import { useApp } from '../../store';
import { runCommand } from './commands';
import { FileBrowser } from './FileBrowser';
import { NewStudyDialog } from './NewStudyDialog';
import { RecordingsDialog } from './RecordingsDialog';
import { shellBridge } from './pick';

declare const __APP_VERSION__: string | undefined;

export function StudyDialogs() {
  const dialog = useApp((s) => s.studyDialog);
  useEffect(() => shellBridge()?.onCommand((id, arg) => void runCommand(id, arg)), []);
  return (
    <>
      {dialog === 'newStudy' && <NewStudyDialog />}
      {dialog === 'recordings' && <RecordingsDialog />}
      {dialog === 'about' && <About />}
      <FileBrowser />
    </>
  );
}

function About() {
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="dialog" aria-modal="true" aria-label="About Triangulate">
        <h2>Triangulate {typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : ''}</h2>
        <p>Code workshop video with Cultural-Historical Activity Theory, measure agreement, reconcile, export. Everything stays on this computer.</p>
        <button onClick={() => useApp.getState().setStudyDialog(null)}>Close</button>
      </div>
    </div>
  );
}
