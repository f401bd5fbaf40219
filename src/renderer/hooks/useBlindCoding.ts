/**
 * Blind coding on the Code screen: while the study's setting is on and the current coder has not
 * turned it off for themselves, only the current coder's segments, notes, memos, contradictions
 * and lanes are shown (none at all before "Who is coding?" is answered).
 */
import { useMemo } from 'react';
import type { ProjectInfo } from '../../shared/contract';
import type { SegmentMarks } from '../../shared/domain';
import { useApp } from '../store';

/** True when other coders' work is hidden from `coderId`. */
export function blindFor(project: ProjectInfo | null, coderId: string | null): boolean {
  if (!project?.blindCoding) return false;
  return !(coderId && project.blindRevealedFor.includes(coderId));
}

export function useBlind(): boolean {
  return useApp((s) => blindFor(s.project, s.coderId));
}

/** Keeps only the current coder's records while blind (records without a coder stay). */
export function useVisible<T extends { coderId: string | null }>(records: T[]): T[] {
  const blind = useBlind();
  const coderId = useApp((s) => s.coderId);
  return useMemo(() => (blind ? records.filter((r) => r.coderId === null || r.coderId === coderId) : records), [blind, records, coderId]);
}

/** The project as the Code screen's lanes see it: other coders left out while blind. */
export function useVisibleProject(): ProjectInfo | null {
  const project = useApp((s) => s.project);
  const blind = useBlind();
  const coderId = useApp((s) => s.coderId);
  return useMemo(() => (project && blind ? { ...project, coders: project.coders.filter((c) => c.id === coderId) } : project), [project, blind, coderId]);
}

/** The whole media's marks as the seek bar and timeline may show them: only the current coder's while blind. */
export function useVisibleMarks(marks: SegmentMarks | null): SegmentMarks | null {
  const blind = useBlind();
  const coderId = useApp((s) => s.coderId);
  return useMemo(() => {
    if (!marks || !blind) return marks;
    const own = marks.coderIds.indexOf(coderId ?? '');
    const kept: number[] = [];
    for (let k = 0; k < marks.marks.length; k += 4) if (marks.marks[k + 2] === own) kept.push(marks.marks[k]!, marks.marks[k + 1]!, own, marks.marks[k + 3]!);
    return { ...marks, marks: kept };
  }, [marks, blind, coderId]);
}
