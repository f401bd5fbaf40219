/** What the import will do (the dry run): counts, new codes and coders, notes. */
import type { ImportPreview } from '../../../shared/contract/exchange';
import { displayPath } from '../../../shared/codebook';
import { plural } from '../../../shared/plural';

export function ImportPlan({ preview }: { preview: ImportPreview }) {
  const r = preview.report;
  const c = preview.contents;
  return (
    <div className="ex-block ex-plan" data-testid="import-plan">
      <h3>What will happen</h3>
      {c && (
        <p className="muted">
          The project holds {plural(c.codes, 'code')}, {plural(c.coders.length, 'user')} ({c.coders.join(', ') || 'none'}), {c.media.length} media, {plural(c.segments, 'coded selection')}
          {c.memos ? `, ${c.memos} notes` : ''}{c.contradictions ? `, ${c.contradictions} contradictions` : ''}{c.transcripts ? `, ${c.transcripts} transcripts` : ''}.
        </p>
      )}
      <ul className="ex-list">
        <li><strong data-testid="plan-segments">{r.segmentsCreated}</strong> new segment{r.segmentsCreated === 1 ? '' : 's'}{r.segmentsUpdated ? `, ${r.segmentsUpdated} updated` : ''}{r.segmentsUnchanged ? `, ${r.segmentsUnchanged} already in the project` : ''}</li>
        <li>
          {r.codesCreated.length} new codes{r.codesCreated.length ? ': ' : ''}
          {r.codesCreated.map((p) => <span key={p} className="chip ex-chip">{displayPath(p)}</span>)}
          {r.codesMatched ? <span className="muted"> ({r.codesMatched} matched to codes of this project)</span> : null}
        </li>
        <li>
          {r.codersCreated.length ? `New coders: ${r.codersCreated.join(', ')}` : 'No new coders'}
          {r.codersMatched.length ? <span className="muted"> (existing: {[...new Set(r.codersMatched)].join(', ')})</span> : null}
        </li>
        {r.memos + r.contradictions + r.themes + r.transcriptCues > 0 && (
          <li>{[r.memos && plural(r.memos, 'memo'), r.contradictions && plural(r.contradictions, 'contradiction'), r.themes && plural(r.themes, 'theme'), r.transcriptCues && plural(r.transcriptCues, 'transcript cue')].filter(Boolean).join(', ')}</li>
        )}
      </ul>
      {r.warnings.length > 0 && (
        <ul className="ex-list ex-notes">
          {r.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
    </div>
  );
}
