/**
 * The agreement screen: choose media, coders, codes, unit and uncoded time; read the table per
 * code and overall, the pairwise heatmap, the disagreements on a timeline (click one to play it)
 * and what each number means.
 */
import { useEffect, useMemo } from 'react';
import { TransportBar } from '../../components/TransportBar';
import { VideoPlayer } from '../../components/VideoPlayer';
import { useApp } from '../../store';
import { aboutOptions } from './AgreementAbout';
import { DisagreementTimeline } from './DisagreementTimeline';
import { GammaPanel } from './GammaPanel';
import { ContradictionAgreement } from './ContradictionAgreement';
import { MeasureGuide } from './MeasureGuide';
import { PairHeatmap } from './PairHeatmap';
import { ReliabilityButton } from './ReliabilityButton';
import { ResultsTable } from './ResultsTable';
import { PointsTable } from './PointsTable';
import { SelectionPanel } from './SelectionPanel';
import { SettingsBar } from './SettingsBar';
import './agreement.css';

const quote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);

export function AgreementView() {
  const mediaId = useApp((s) => s.mediaId);
  const project = useApp((s) => s.project)!;
  const result = useApp((s) => s.agreementResult);
  const error = useApp((s) => s.agreementError);
  const choices = useApp((s) => s.agreementChoices);

  useEffect(() => {
    void useApp.getState().loadAgreement();
  }, [mediaId]);

  const colorOf = useMemo(() => new Map((choices?.codes ?? []).map((c) => [c.path, c.color])), [choices]);
  const about = useApp((s) => s.agreementSelection.about);
  const people = useApp((s) => s.people);
  const command = useMemo(() => {
    if (!result) return '';
    const r = result.agreement;
    const parts = ['triangulate agreement', quote(project.file)];
    if (project.media.length > 1) parts.push('--media', quote(result.mediaName));
    parts.push('--coders', quote(r.coders.join(',')), '--codes', quote(r.codes.map((c) => c.code).join(',')));
    parts.push(r.exact ? '--exact' : `--unit ${r.unit}`);
    if (r.excludeUncoded) parts.push('--exclude-uncoded');
    parts.push(...aboutOptions(about, people, quote));
    return parts.join(' ');
  }, [result, project, about, people]);

  return (
    <div className="agreement-view" data-testid="agreement-view">
      <SettingsBar />
      <div className="ag-body">
        <aside className="panel ag-side" aria-label="Selection">
          <SelectionPanel />
        </aside>
        <section className="ag-center" aria-label="Agreement" tabIndex={0}>
          {error && <p className="ag-error" role="alert">{error}</p>}
          {result && (
            <>
              <p className="ag-summary" data-testid="ag-summary">
                {result.agreement.coders.length} coders ({result.agreement.coders.join(', ')}) · {result.agreement.codes.length} codes ·{' '}
                {result.agreement.exact ? 'exact' : `${result.agreement.unit} s units`} · {result.agreement.duration} s · uncoded time {result.agreement.excludeUncoded ? 'excluded' : 'included'}
              </p>
              <div className="ag-table-wrap">
                <ResultsTable result={result} />
              </div>
              <PointsTable points={result.agreement.points} />
              <h3 className="ag-tl-title">Disagreements <span className="muted">({result.segments.disagreements.length}; click one to play it)</span></h3>
              <DisagreementTimeline
                disagreements={result.segments.disagreements}
                codes={[...result.agreement.codes, ...result.agreement.points.codes].map((c) => c.code)}
                durationMs={result.agreement.duration * 1000}
                colorOf={colorOf}
              />
              <GammaPanel result={result} command={command} colorOf={colorOf} />
              <ContradictionAgreement result={result} />
              <ReliabilityButton />
              <MeasureGuide result={result} command={command} />
            </>
          )}
        </section>
        <aside className="ag-right" aria-label="Video and pairs">
          <div className="ag-video">
            <VideoPlayer />
            <TransportBar />
          </div>
          {result && <PairHeatmap result={result.agreement} />}
        </aside>
      </div>
    </div>
  );
}
