/** Web mode's "Study" menu in the top bar: the same study commands as Electron's File menu. */
import { useState } from 'react';
import { webStudyMenu } from '../../../shared/studies/commands';
import { useApp } from '../../store';
import { runCommand } from './commands';
import { shellBridge } from './pick';

export function StudyMenu() {
  const [open, setOpen] = useState(false);
  const studyOpen = useApp((s) => !!s.project);
  if (shellBridge()) return null; // Electron has the application menu
  return (
    <div className="study-menu">
      <button aria-haspopup="menu" aria-expanded={open} data-testid="study-menu" onClick={() => setOpen(!open)}>Study ▾</button>
      {open && (
        <div role="menu" className="study-menu-items" onMouseLeave={() => setOpen(false)}>
          {webStudyMenu().map((c) => (
            <button
              key={c.id}
              role="menuitem"
              data-testid={`cmd-${c.id}`}
              className={c.separatorBefore ? 'sep' : ''}
              disabled={c.needsStudy && !studyOpen}
              onClick={() => {
                setOpen(false);
                void runCommand(c.id);
              }}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
