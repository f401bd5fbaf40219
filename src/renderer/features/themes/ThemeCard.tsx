/**
 * One theme: name and description (editable in place), its codes (drop codes here; drag a code
 * within the card to reorder it, onto another card to put it there too), and its live figures.
 */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Code, Theme } from '../../../shared/domain';
import type { ThemeFigures } from '../../../shared/themes/figures';
import { formatHms } from '../../../shared/time';
import { useApp } from '../../store';
import { isCodeDrag, readCodeDrag, startCodeDrag } from './dnd';

interface Props {
  theme: Theme;
  index: number;
  count: number;
  figures: ThemeFigures | undefined;
  codes: Map<string, Code>;
  paths: Map<string, string>;
}

/** Puts the focus back on a code of a theme card after the board has been read back. */
function focusCode(themeId: string, codeId: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-theme-id="${themeId}"] [data-code-id="${codeId}"]`)?.focus());
}

export function ThemeCard({ theme, index, count, figures, codes, paths }: Props) {
  const [over, setOver] = useState(false);
  const isTarget = useApp((st) => (st.themeTarget ?? st.board?.themes[0]?.id) === theme.id);
  const onDragOver = (e: DragEvent) => {
    if (!isCodeDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const drop = (e: DragEvent, at?: number) => {
    setOver(false);
    const d = readCodeDrag(e);
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    void useApp.getState().addCodeToTheme(theme.id, d.codeId, at).catch(() => undefined);
  };
  return (
    <section
      className={`th-card${over ? ' over' : ''}`}
      data-testid="theme-card"
      data-theme-id={theme.id}
      aria-label={`Theme ${theme.name}`}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => drop(e)}
      onFocus={() => useApp.getState().themeTarget !== theme.id && useApp.getState().setThemeTarget(theme.id)}
      data-target={isTarget ? 'true' : undefined}
    >
      <ThemeHead theme={theme} index={index} count={count} />
      <FiguresList theme={theme} figures={figures} />
      <ol className="th-card-codes" aria-label={`Codes in ${theme.name}`}>
        {theme.codeIds.map((id, i) => (
          <ThemeCode key={id} theme={theme} index={index} id={id} i={i} code={codes.get(id)} path={paths.get(id)} onDragOver={onDragOver} onDrop={(e) => drop(e, i)} />
        ))}
        <li className="th-drop-hint">{theme.codeIds.length ? 'Drop more codes here' : 'Drop codes here'}</li>
      </ol>
    </section>
  );
}

/** The theme's name and description, edited in place, its tools (move, edit, delete) and the delete confirmation. */
function ThemeHead({ theme, index, count }: { theme: Theme; index: number; count: number }) {
  const s = useApp.getState;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(theme.name);
  const [description, setDescription] = useState(theme.description);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const reset = () => {
    setName(theme.name);
    setDescription(theme.description);
  };
  const save = () => {
    setEditing(false);
    const patch: { name?: string; description?: string } = {};
    if (name.trim() !== theme.name) patch.name = name;
    if (description !== theme.description) patch.description = description;
    if (Object.keys(patch).length) void s().updateTheme(theme.id, patch).catch(reset);
  };
  return (
    <>
      <header className="th-card-head">
        {editing ? (
          <div className="th-edit">
            <input aria-label="Theme name" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} autoFocus />
            <textarea aria-label="Theme description" rows={2} value={description} placeholder="What the theme is about" onChange={(e) => setDescription(e.target.value)} />
            <div className="row">
              <button className="primary" onClick={save}>Save</button>
              <button onClick={() => { setEditing(false); reset(); }}>Cancel</button>
            </div>
          </div>
        ) : (
          <>
            <h3 className="th-title" onDoubleClick={() => setEditing(true)}>{theme.name}</h3>
            <div className="th-tools">
              <button className="icon" aria-label={`Move ${theme.name} up`} disabled={index === 0} onClick={() => void s().moveTheme(theme.id, -1)}>↑</button>
              <button className="icon" aria-label={`Move ${theme.name} down`} disabled={index === count - 1} onClick={() => void s().moveTheme(theme.id, 1)}>↓</button>
              <button className="icon" aria-label={`Edit ${theme.name}`} onClick={() => setEditing(true)}>✎</button>
              <button className="icon" aria-label={`Delete ${theme.name}`} onClick={() => setConfirmDelete(true)}>✕</button>
            </div>
          </>
        )}
      </header>
      {!editing && theme.description && <p className="th-desc">{theme.description}</p>}
      {confirmDelete && (
        <div className="confirm">
          Delete theme “{theme.name}”? Its codes stay in the codebook.
          <div className="row">
            <button className="danger" onClick={() => void s().deleteTheme(theme.id)}>Delete</button>
            <button onClick={() => setConfirmDelete(false)}>Keep</button>
          </div>
        </div>
      )}
    </>
  );
}

/** The theme's live figures in the board's scope. */
function FiguresList({ theme, figures }: { theme: Theme; figures: ThemeFigures | undefined }) {
  const coders = useApp((st) => st.project?.coders);
  const coderNames = (figures?.coderIds ?? []).map((id) => coders?.find((c) => c.id === id)?.name ?? '?');
  return (
    <dl className="th-figures" aria-label={`Figures of ${theme.name}`}>
      <div title="Coders' segments (consensus excluded)"><dt>Segments</dt><dd data-testid="fig-segments">{figures?.segments ?? 0}</dd></div>
      <div><dt>Coded time</dt><dd data-testid="fig-time">{formatHms(figures?.codedMs ?? 0)}</dd></div>
      <div title={coderNames.join(', ')}><dt>Coders</dt><dd data-testid="fig-coders">{coderNames.length}</dd></div>
      <div title="Consensus segments (reconciled): never counted as a coder"><dt>Consensus</dt><dd data-testid="fig-consensus">{figures?.consensusSegments ?? 0}</dd></div>
      <div><dt>Media</dt><dd data-testid="fig-media">{figures?.mediaIds.length ?? 0}</dd></div>
      <div><dt>Contradictions</dt><dd data-testid="fig-contradictions">{figures?.contradictionIds.length ?? 0}</dd></div>
    </dl>
  );
}

interface ThemeCodeProps {
  theme: Theme;
  /** The theme's place on the board. */
  index: number;
  id: string;
  /** The code's place in the theme. */
  i: number;
  code: Code | undefined;
  path: string | undefined;
  onDragOver: (e: DragEvent) => void;
  onDrop: (e: DragEvent) => void;
}

/** One code of the theme: draggable; Shift+↑/↓ reorders it, Shift+←/→ moves it to the previous / next theme, Delete takes it out. */
function ThemeCode({ theme, index, id, i, code, path, onDragOver, onDrop }: ThemeCodeProps) {
  const s = useApp.getState;
  const themes = useApp((st) => st.board?.themes);
  const onKey = (e: KeyboardEvent<HTMLLIElement>) => {
    const other = e.key === 'ArrowLeft' ? themes?.[index - 1] : e.key === 'ArrowRight' ? themes?.[index + 1] : undefined;
    if (e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const to = i + (e.key === 'ArrowUp' ? -1 : 1);
      if (to < 0 || to >= theme.codeIds.length) return;
      e.preventDefault();
      void s().addCodeToTheme(theme.id, id, to).then(() => focusCode(theme.id, id)).catch(() => undefined);
    } else if (e.shiftKey && other) {
      e.preventDefault();
      void s().addCodeToTheme(other.id, id).then(() => s().removeCodeFromTheme(theme.id, id)).then(() => focusCode(other.id, id)).catch(() => undefined);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void s().removeCodeFromTheme(theme.id, id);
    }
  };
  return (
    <li
      draggable
      tabIndex={0}
      data-own-keys
      data-code-id={id}
      aria-label={`${path ?? id} (Shift+arrows move it, Delete takes it out)`}
      onKeyDown={onKey}
      className="th-card-code"
      onDragStart={(e) => startCodeDrag(e, { codeId: id, fromTheme: theme.id }, code?.name ?? id)}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <span className="swatch" style={{ background: code?.color ?? '#999' }} />
      <span className="th-code-name">{path ?? id}</span>
      <button className="icon" aria-label={`Remove ${path} from ${theme.name}`} onClick={() => void s().removeCodeFromTheme(theme.id, id)}>×</button>
    </li>
  );
}
