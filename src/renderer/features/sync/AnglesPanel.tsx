/**
 * The "Angles" tab of the coding screen: the recordings linked to the current one. Link another
 * recording of the study, rename, reorder, unlink, choose whose audio is heard, and set the
 * offset: typed, nudged by frames while playing, or found by sound. Each change is one undo step.
 */
import { useState } from 'react';
import type { MediaLink } from '../../../shared/contract/sync';
import { useApp } from '../../store';
import { AngleMissing } from './AngleMissing';
import { FindOffset } from './FindOffset';
import { MAX_TILES, toggleShownAngle, useAngleName, useAngles, useShownAngles } from './hooks';
import { OffsetField } from './OffsetField';

export function AnglesPanel() {
  const mediaId = useApp((s) => s.mediaId);
  const angles = useAngles(mediaId);
  const shown = useShownAngles(mediaId);
  const layout = useApp((s) => s.syncLayout);
  if (!mediaId) return <p className="muted">No recording.</p>;
  const s = useApp.getState();
  return (
    <div className="angles-panel" data-testid="angles-panel">
      <p className="muted">Other recordings of this moment, played on this recording's clock (angle time = this time + offset). Coding stays on this recording.</p>
      <LinkPicker primaryId={mediaId} />
      {angles.length > 0 && (
        <div className="row">
          <label>Players <select aria-label="Players layout" value={layout} onChange={(e) => s.setSyncLayout(e.target.value as 'grid' | 'focus')}>
            <option value="grid">Grid</option>
            <option value="focus">One large</option>
          </select></label>
          <label className="row"><input type="radio" name="audio" checked={!angles.some((a) => a.audio)} onChange={() => void s.setAudioAngle(mediaId, null).catch(() => undefined)} /> Audio from this recording</label>
        </div>
      )}
      <ol className="angles">
        {angles.map((a, i) => <AngleRow key={a.id} link={a} first={i === 0} last={i === angles.length - 1} angles={angles} shown={shown} />)}
      </ol>
    </div>
  );
}

/** Recordings that can be linked here: not this one, not a primary with angles, not already an angle. */
function LinkPicker({ primaryId }: { primaryId: string }) {
  const media = useApp((s) => s.project?.media);
  const links = useApp((s) => s.links);
  const taken = new Set(links.flatMap((l) => [l.angleMediaId, l.primaryMediaId]));
  const free = (media ?? []).filter((m) => m.id !== primaryId && !taken.has(m.id));
  return (
    <select aria-label="Link a recording" value="" disabled={free.length === 0} onChange={(e) => e.target.value && void useApp.getState().linkAngle(primaryId, e.target.value).catch(() => undefined)}>
      <option value="">{free.length ? 'Link a recording as an angle…' : 'No other recording to link (add one: Study › Add Recordings…)'}</option>
      {free.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
    </select>
  );
}

function AngleRow({ link, first, last, angles, shown }: { link: MediaLink; first: boolean; last: boolean; angles: MediaLink[]; shown: MediaLink[] }) {
  const name = useAngleName(link);
  const [label, setLabel] = useState(link.label);
  const [finding, setFinding] = useState(false);
  const s = useApp.getState();
  const rename = () => label.trim() !== link.label && void s.renameAngle(link.id, label.trim()).catch(() => setLabel(link.label));
  return (
    <li className="angle-row" data-testid="angle-row">
      <div className="row">
        <input aria-label={`Label of ${name}`} placeholder={name} value={label} onChange={(e) => setLabel(e.target.value)} onBlur={rename} onKeyDown={(e) => e.key === 'Enter' && rename()} />
        <button onClick={() => void s.moveAngle(link.id, -1).catch(() => undefined)} disabled={first} aria-label={`Move ${name} up`}>↑</button>
        <button onClick={() => void s.moveAngle(link.id, 1).catch(() => undefined)} disabled={last} aria-label={`Move ${name} down`}>↓</button>
        <button onClick={() => void s.unlinkAngle(link.id).catch(() => undefined)} aria-label={`Unlink ${name}`}>Unlink</button>
      </div>
      <div className="row">
        <ShowToggle link={link} name={name} angles={angles} shown={shown} />
        <label className="row"><input type="radio" name="audio" checked={link.audio} onChange={() => void s.setAudioAngle(link.primaryMediaId, link.id).catch(() => undefined)} /> Audio</label>
        <OffsetField link={link} name={name} />
        <button onClick={() => setFinding(!finding)} aria-expanded={finding}>Find offset…</button>
      </div>
      <AngleMissing mediaId={link.angleMediaId} inline />
      {finding && <FindOffset link={link} name={name} onClose={() => setFinding(false)} />}
    </li>
  );
}

/** Whether the angle is one of the (at most four) videos shown; a fifth is refused with one line. */
function ShowToggle({ link, name, angles, shown }: { link: MediaLink; name: string; angles: MediaLink[]; shown: MediaLink[] }) {
  const on = shown.some((a) => a.id === link.id);
  const full = !on && shown.length >= MAX_TILES - 1;
  const toggle = () => {
    if (!toggleShownAngle(shown, link.id, !on)) {
      useApp.getState().showBanner({ kind: 'info', message: `Four videos are shown at once: hide another angle first to show ${name}.` });
    }
  };
  return (
    <label className="row" title={full ? 'Four videos at once: hide another angle first' : undefined}>
      <input type="checkbox" checked={on} onChange={toggle} aria-label={`Show ${name}`} /> Show
    </label>
  );
}
