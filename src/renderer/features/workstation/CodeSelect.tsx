/** A drop-down of the codebook's codes (paths), calling onPick with the chosen code. */
import { codeLabel } from '../../../shared/codebook';
import { useApp } from '../../store';

export function CodeSelect({ label, onPick, disabled }: { label: string; onPick: (codeId: string) => void; disabled?: boolean }) {
  const codes = useApp((s) => s.project?.codes) ?? [];
  const byId = new Map(codes.map((c) => [c.id, c]));
  return (
    <select aria-label={label} value="" disabled={disabled} onChange={(e) => e.target.value && onPick(e.target.value)}>
      <option value="">Code as…</option>
      {codes.filter((c) => c.kind !== 'group').map((c) => (
        <option key={c.id} value={c.id}>{codeLabel(c, byId)}</option>
      ))}
    </select>
  );
}
