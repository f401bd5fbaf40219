/** Reads the study's participants once per opened study (the chips, the Alt layer and the lanes need them). */
import { useEffect } from 'react';
import { useApp } from '../../store';

export function useParticipantsLoaded(): void {
  const projectId = useApp((s) => s.project?.projectId);
  const loadedFor = useApp((s) => s.peopleFor);
  useEffect(() => {
    if (projectId && loadedFor !== projectId) void useApp.getState().loadParticipants().catch(() => undefined);
  }, [projectId, loadedFor]);
}
