/**
 * Where the workstation features plug into the coding screen: what sits under the video
 * (the timeline and the key-map overlay) and the tabs of the right-hand panel beside "Segments".
 */
import type { ComponentType } from 'react';
import './workstation.css';
import { ContradictionsPanel } from './ContradictionsPanel';
import { HelpOverlay } from './HelpOverlay';
import { MemosPanel } from './MemosPanel';
import { Timeline } from './Timeline';
import { TranscriptPanel } from './TranscriptPanel';
import { useWorkstationEffects } from './useWorkstationEffects';
import { useApp } from '../../store';
import { AnglesPanel } from '../sync/AnglesPanel';
import { useParticipantsLoaded } from '../participants/useParticipantsLoaded';

export function BelowVideo() {
  useWorkstationEffects();
  useParticipantsLoaded();
  const hasMedia = useApp((s) => !!s.mediaId);
  return (
    <>
      {hasMedia && <Timeline />}
      <HelpOverlay />
    </>
  );
}

export const sidePanels: { id: string; label: string; component: ComponentType }[] = [
  { id: 'transcript', label: 'Transcript', component: TranscriptPanel },
  { id: 'memos', label: 'Memos', component: MemosPanel },
  { id: 'contradictions', label: 'Contradictions', component: ContradictionsPanel },
  { id: 'angles', label: 'Angles', component: AnglesPanel },
];
