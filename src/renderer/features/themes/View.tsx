/**
 * Themes & exports: the codebook (drag codes from here), the theme cards with their live
 * figures, the activity-system diagram with the segments behind a click, and the export dialog.
 */
import { useEffect, useMemo } from 'react';
import { codePath } from '../../../shared/domain';
import { useApp } from '../../store';
import { BoardScope } from './BoardScope';
import { ChatDiagram } from './ChatDiagram';
import { CodeList } from './CodeList';
import { DiagramSegments } from './DiagramSegments';
import { ExportDialog } from './ExportDialog';
import { NewThemeForm } from './NewThemeForm';
import { ThemeCard } from './ThemeCard';
import './themes.css';

export function ThemesView() {
  const board = useApp((s) => s.board);
  const error = useApp((s) => s.boardError);
  const codes = useApp((s) => s.project?.codes);
  const exportOpen = useApp((s) => s.exportOpen);
  const segmentCount = useApp((s) => s.project?.segmentCount);

  // the board is read from the file each time the screen opens (codings may have changed)
  useEffect(() => {
    void useApp.getState().loadBoard();
  }, [codes, segmentCount]);

  const { byId, paths } = useMemo(() => {
    const byId = new Map((codes ?? []).map((c) => [c.id, c]));
    return { byId, paths: new Map([...byId.values()].map((c) => [c.id, codePath(c, byId)])) };
  }, [codes]);
  const figures = useMemo(() => new Map((board?.figures.themes ?? []).map((f) => [f.themeId, f])), [board]);

  return (
    <div className="th-view">
      <aside className="panel th-left" aria-label="Codebook">
        <CodeList />
      </aside>
      <div className="th-main">
        <div className="th-toolbar">
          <h1>Themes</h1>
          <NewThemeForm />
          <span className="spacer" />
          <BoardScope />
          <button className="primary" onClick={() => useApp.getState().setExportOpen(true)}>Export CSV…</button>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="th-board" aria-label="Theme board">
          {board?.themes.map((t, i) => (
            <ThemeCard key={t.id} theme={t} index={i} count={board.themes.length} figures={figures.get(t.id)} codes={byId} paths={paths} />
          ))}
          {board && board.themes.length === 0 && (
            <p className="empty-hint">No themes yet. Name one above, then drag codes from the codebook onto it.</p>
          )}
        </div>
        <div className="th-diagram-row">
          <ChatDiagram />
          <DiagramSegments />
        </div>
      </div>
      {exportOpen && <ExportDialog />}
    </div>
  );
}
