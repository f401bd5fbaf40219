/** Which media the imported segments belong to: as the file says (resolved), or a project media. */
import type { ImportPreview } from '../../../shared/contract/exchange';
import { MEDIA_HOW_LABEL } from '../../../shared/contract/exchange';
import { useApp } from '../../store';
import { selectMedia } from '../../store/selectors';

export function MediaChoice({ preview }: { preview: ImportPreview }) {
  const media = useApp(selectMedia);
  const choices = useApp((s) => s.exChoices);
  const { exchangeSetChoices } = useApp.getState();
  const single = preview.kind !== 'qdpx' || preview.report.media.length <= 1;
  return (
    <div className="ex-block" data-testid="media-choice">
      <h3>Media</h3>
      {preview.report.media.length > 0 && (
        <ul className="ex-list">
          {preview.report.media.map((m) => (
            <li key={m.mediaId}>
              <strong>{m.name}</strong>: <span className={m.how === 'placeholder' ? 'ex-warn' : ''}>{MEDIA_HOW_LABEL[m.how]}</span>
              {m.path && m.how !== 'existing' && <span className="muted"> ({m.path})</span>}
            </li>
          ))}
        </ul>
      )}
      {preview.needsMedia && !choices.media && <p className="ex-warn" role="alert">The file does not say which video it codes: choose the media.</p>}
      {single && media.length > 0 && (
        <label className="ex-inline">
          Attach the segments to
          <select aria-label="Media for the segments" value={choices.media ?? ''} onChange={(e) => void exchangeSetChoices({ media: e.target.value || undefined })}>
            {!preview.needsMedia && <option value="">{preview.kind === 'qdpx' || preview.kind === 'eaf' || preview.report.media.length ? 'the media named in the file' : 'the only media'}</option>}
            {preview.needsMedia && !choices.media && <option value="">Choose…</option>}
            {media.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}
