/**
 * Where the workstation features plug into the coding screen: what sits under the video
 * (the timeline) and the tabs of the right-hand panel beside "Segments".
 */
import type { ComponentType } from 'react';

export function BelowVideo() {
  return null;
}

export const sidePanels: { id: string; label: string; component: ComponentType }[] = [];
