/** Media, unit, uncoded time, marker tolerance, whose segments (about a participant or group); the computing indicator. */
import { useApp } from '../../store';
import { AgreementAbout } from './AgreementAbout';
import { AGREEMENT_UNITS, POINT_TOLERANCES_MS, type AgreementUnit } from './slice';

export function SettingsBar() {
  const project = useApp((s) => s.project)!;
  const mediaId = useApp((s) => s.mediaId);
  const selectMedia = useApp((s) => s.selectMedia);
  const sel = useApp((s) => s.agreementSelection);
  const setSel = useApp((s) => s.setAgreementSelection);
  const busy = useApp((s) => s.agreementBusy);
  return (
    <div className="ag-settings">
      <label>
        Media{' '}
        <select aria-label="Agreement media" data-testid="ag-media" value={mediaId ?? ''} onChange={(e) => void selectMedia(e.target.value)}>
          {project.media.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
        </select>
      </label>
      <label title="Length of the time slices compared; exact = continuous time, weighted by duration">
        Unit{' '}
        <select
          aria-label="Unit"
          data-testid="ag-unit"
          value={String(sel.unit)}
          onChange={(e) => setSel({ unit: (e.target.value === 'exact' ? 'exact' : Number(e.target.value)) as AgreementUnit })}
        >
          {AGREEMENT_UNITS.map((u) => (
            <option key={String(u.value)} value={String(u.value)}>{u.label}</option>
          ))}
        </select>
      </label>
      <label className="ag-check" title="Drop the time where no chosen coder applied any chosen code">
        <input type="checkbox" data-testid="ag-exclude-uncoded" checked={sel.excludeUncoded} onChange={(e) => setSel({ excludeUncoded: e.target.checked })} />
        Exclude uncoded time
      </label>
      <label title="Markers (point events) of two coders match when at most this far apart">
        Marker tolerance{' '}
        <select aria-label="Marker tolerance" data-testid="ag-point-tolerance" value={sel.pointToleranceMs} onChange={(e) => setSel({ pointToleranceMs: Number(e.target.value) })}>
          {POINT_TOLERANCES_MS.map((t) => (
            <option key={t} value={t}>{t / 1000} s</option>
          ))}
        </select>
      </label>
      <AgreementAbout />
      <span className="spacer" />
      {busy && (
        <span className="ag-busy" role="status" data-testid="ag-busy">
          <span className="ag-spinner" aria-hidden="true" /> Computing…
        </span>
      )}
    </div>
  );
}
