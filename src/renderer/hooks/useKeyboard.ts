/**
 * Keyboard-first coding (ELAN/BORIS style) on the remappable key map (shared/keymap; `?` shows
 * it): J/K/L shuttle, Space play/pause, ,/. frame step, ←/→ ±1 s (Shift ±5 s), I/O in/out,
 * [/] previous/next segment, P loop, Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z redo. A code's hotkey codes
 * the marked range (markers drop a point event); Alt + a participant's key toggles them on the
 * selected segment. Keys typed into fields are left alone.
 */
import { useEffect } from 'react';
import { actionFor, chordOf } from '../../shared/keymap';
import { participantLayerKey } from '../features/participants/layer';
import { runAction } from '../features/workstation/actions';
import { useApp } from '../store';

/** Actions that change or select segments of the coding screen. */
const CODING_ONLY = new Set(['deleteSelection', 'prevSegment', 'nextSegment', 'markIn', 'markOut']);

/** Keys typed into fields, or into a widget that handles its own keys (a slider, a theme's code), are left alone. */
function typingInField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || !!el.closest?.('[role="slider"], [data-own-keys]');
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingInField(e.target)) return;
      const s = useApp.getState();
      const chord = chordOf(e);
      if (!chord) return;
      // a modal (code editor, coder picker, key-map capture) owns the keyboard, except Esc/? for the help overlay
      if (document.querySelector('.modal-backdrop:not(.keymap-overlay)')) return;
      if (s.helpOpen) {
        if (document.querySelector('[data-capturing="true"]')) return; // the overlay is reading a new key
        if (chord === 'Escape' || actionFor(s.keymap, chord) === 'help') {
          s.setHelpOpen(false);
          e.preventDefault();
        }
        return;
      }
      const action = actionFor(s.keymap, chord);
      if (!action && participantLayerKey(e)) {
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      // transport and undo keys work on every screen with a video; keys that code or delete
      // segments only on the coding screen, where the segments they touch are in view
      const codingScreen = s.view === 'code';
      let handled = false;
      if (action && (codingScreen || !CODING_ONLY.has(action))) {
        runAction(action);
        handled = true;
      } else if (codingScreen && !action && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
        const code = s.project?.codes.find((c) => c.hotkey !== null && c.hotkey === chord);
        if (code) {
          void s.applyCode(code.id).catch(() => undefined);
          handled = true;
        }
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
