/**
 * Background behaviour of the workstation: load its data for the media, loop the marked range,
 * remember the playhead per media (also when paused and scrubbing). Undo labels are kept fresh by
 * the top bar's UndoButtons. (The player itself names the codec of a file it cannot decode.)
 */
import { useEffect } from 'react';
import { useApp } from '../../store';
import { client } from '../../store/client';

export function useWorkstationEffects(): void {
  const mediaId = useApp((s) => s.mediaId);

  useEffect(() => {
    if (mediaId) void useApp.getState().loadWorkstation().catch(() => undefined);
  }, [mediaId]);

  // loop, position memory
  useEffect(() => {
    let saveTimer: ReturnType<typeof setTimeout> | null = null;
    const unsub = useApp.subscribe((s, prev) => {
      if (s.loop && s.playing && s.inMs !== null && s.outMs !== null && s.outMs > s.inMs && s.currentMs >= s.outMs && prev.currentMs < s.outMs + 500) {
        s.seek(s.inMs);
      }
      if (s.loop && (s.inMs === null || s.outMs === null)) s.setLoop(false);
      if (s.mediaId && !s.playing && s.currentMs !== prev.currentMs && s.durationMs > 0) {
        if (saveTimer) clearTimeout(saveTimer);
        const id = s.mediaId;
        const pos = Math.round(s.currentMs);
        saveTimer = setTimeout(() => void client().api.savePosition({ mediaId: id, positionMs: pos }).catch(() => undefined), 800);
      }
    });
    return () => {
      unsub();
      if (saveTimer) clearTimeout(saveTimer);
    };
  }, []);
}
