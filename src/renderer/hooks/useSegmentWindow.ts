/** The held window of segments follows the playhead (seek, playback): a fetch only when it leaves the window. */
import { useEffect } from 'react';
import { useApp } from '../store';

export function useSegmentWindow(): void {
  useEffect(
    () =>
      useApp.subscribe((s, prev) => {
        if (s.currentMs !== prev.currentMs) void s.followWindow().catch(() => undefined);
      }),
    [],
  );
}
