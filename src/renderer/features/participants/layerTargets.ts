/** The segments the Alt+key layer acts on: the timeline's multi-selection, else the one selected segment (the one just coded included). Pure. */
export function layerTargets(s: { selectedIds: readonly string[]; selectedSegmentId: string | null }): string[] {
  if (s.selectedIds.length > 1) return [...s.selectedIds];
  return s.selectedSegmentId ? [s.selectedSegmentId] : [...s.selectedIds];
}
