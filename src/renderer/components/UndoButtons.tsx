/**
 * Undo and redo of the study's one history, in the top bar of every screen: each button names
 * the step it would revert or re-apply (the banner names it again after), and the labels are
 * refreshed after every saved change, whichever screen made it.
 */
import { useEffect } from 'react';
import type { UndoStepInfo } from '../../shared/contract/workstation';
import { runAction } from '../features/workstation/actions';
import { useApp } from '../store';

export function undoTitle(step: UndoStepInfo | null): string {
  if (!step) return 'Nothing to undo';
  return step.undoable ? `Undo ${step.label} (Ctrl/Cmd+Z)` : `"${step.label}" cannot be undone`;
}

export function UndoButtons() {
  const undoInfo = useApp((s) => s.undoInfo);
  useEffect(() => {
    void useApp.getState().refreshUndo().catch(() => undefined);
    return useApp.subscribe((s, prev) => {
      if (s.save !== prev.save && s.save.state === 'saved') void s.refreshUndo().catch(() => undefined);
    });
  }, []);
  const { undo, redo } = undoInfo;
  return (
    <span className="undo-buttons" role="group" aria-label="Undo history">
      <button onClick={() => runAction('undo')} disabled={!undo || !undo.undoable} title={undoTitle(undo)} aria-label={undoTitle(undo)} data-testid="undo">↶<span className="undo-word"> Undo</span></button>
      <button onClick={() => runAction('redo')} disabled={!redo} title={redo ? `Redo ${redo.label} (Shift+Ctrl/Cmd+Z)` : 'Nothing to redo'} aria-label={redo ? `Redo ${redo.label}` : 'Nothing to redo'} data-testid="redo">↷<span className="undo-word"> Redo</span></button>
    </span>
  );
}
