/**
 * Keyboard-first coding (ELAN/BORIS style): I/O mark in and out at the playhead, a code's hotkey
 * codes the marked range (markers drop a point event), Space plays/pauses, ,/. step a frame,
 * ←/→ jump 1 s (Shift: 5 s), Esc clears the marks. Keys typed into fields are left alone.
 */
import { useEffect } from 'react';
import { useApp } from '../store';
import { player } from '../store/playerSlice';

function typingInField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingInField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('.modal-backdrop')) return;
      const s = useApp.getState();
      const key = e.key;
      const handled = (() => {
        switch (key) {
          case ' ':
            player()?.toggle();
            return true;
          case 'i':
          case 'I':
            s.markIn();
            return true;
          case 'o':
          case 'O':
            s.markOut();
            return true;
          case ',':
            s.stepFrames(-1);
            return true;
          case '.':
            s.stepFrames(1);
            return true;
          case 'ArrowLeft':
            s.jump(e.shiftKey ? -5000 : -1000);
            return true;
          case 'ArrowRight':
            s.jump(e.shiftKey ? 5000 : 1000);
            return true;
          case 'Escape':
            s.clearMarks();
            return true;
        }
        const code = s.project?.codes.find((c) => c.hotkey !== null && c.hotkey === key.toLowerCase() && !e.shiftKey);
        if (code) {
          void s.applyCode(code.id).catch(() => undefined);
          return true;
        }
        return false;
      })();
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
