import { agreementFromTallies, findDisagreements, talliesOf, unitizingOf, withoutPointCodes, type UnitizingResult } from '../../../shared/agreement';
import { selectSegments } from '../../../shared/agreement/select';
import type { ServiceOf } from '../../../shared/contract';
import type { AgreementChoices, AgreementComputation, agreementContract } from '../../../shared/contract/agreement';
import { defaultComparedCoders } from '../../../shared/defaultCoders';
import { codePath, isCoding } from '../../../shared/domain';
import type { ProjectStore } from '../../db/store';
import { codebookOrder } from '../../../shared/codebook';
import { gammaFigures, projectAgreementInput, selectionGamma } from './agreement';
import { projectContradictionAgreement } from './contradictions';
import { reliabilityReport } from './reliabilityReport';
import { UserError } from '../../../shared/errors';
import { segmentsAbout } from '../participants/agreement';

export function agreementService(store: ProjectStore): ServiceOf<typeof agreementContract> {
  return {
    async agreementChoices({ mediaId }) {
      const media = store.listMedia();
      const chosen = mediaId ? store.getMedia(mediaId) : media[0];
      const coders = store.listCoders();
      const codes = store.listCodes();
      const byId = new Map(codes.map((c) => [c.id, c]));
      const segments = chosen ? store.listSegments(chosen.id) : [];
      const perCoder = new Map<string, number>();
      const uses = new Map<string, number>();
      const consensus = new Set(coders.filter((c) => c.isConsensus).map((c) => c.id));
      for (const s of segments) {
        perCoder.set(s.coderId, (perCoder.get(s.coderId) ?? 0) + 1);
        if (consensus.has(s.coderId)) continue;
        for (const c of s.codeIds) uses.set(c, (uses.get(c) ?? 0) + 1);
      }
      const ordered = codebookOrder(codes);
      const result: AgreementChoices = {
        media: media.map((m) => ({ id: m.id, name: m.name, durationMs: m.durationMs })),
        mediaId: chosen?.id ?? null,
        coders: coders.map((c) => ({ id: c.id, name: c.name, color: c.color, isConsensus: c.isConsensus, active: isCoding(c), segments: perCoder.get(c.id) ?? 0 })),
        codes: ordered.map((c) => ({ id: c.id, path: codePath(c, byId), color: c.color, uses: uses.get(c.id) ?? 0 })),
        // coders not coding any more and coders with no segments in this media are left out by default (they can still be ticked)
        defaultCoderIds: defaultComparedCoders(coders, perCoder),
        defaultCodeIds: ordered.filter((c) => (uses.get(c.id) ?? 0) > 0).map((c) => c.id),
      };
      return result;
    },

    async agreementCompute(sel) {
      const input = projectAgreementInput(store, { mediaId: sel.mediaId, coderIds: sel.coderIds, codeIds: sel.codeIds, onlySegments: segmentsAbout(store, sel) });
      const durationMs = sel.durationMs ?? input.durationMs;
      const common = { coders: input.coders, codes: input.codes, durationMs };
      const options = { ...common, unitMs: sel.unitMs, exact: sel.exact, excludeUncoded: sel.excludeUncoded, pointCodes: input.pointCodes, pointToleranceMs: sel.pointToleranceMs };
      // one selection for the statistics and the unitizing alphas, as the CLI's agreementBundle
      const selection = selectSegments(input.segments, options);
      const agreement = agreementFromTallies(talliesOf(selection, options));
      const segments = findDisagreements(input.segments, { ...common, minOverlapShare: sel.minOverlapShare, pointToleranceMs: sel.pointToleranceMs });
      let unitizing: UnitizingResult | null = null;
      let unitizingNote: string | undefined;
      try {
        // point codes have no extent: they are not units (they are in agreement.points)
        unitizing = unitizingOf(withoutPointCodes(selection, input.pointCodes, durationMs !== undefined));
      } catch (e) {
        unitizingNote = `unitizing alphas not computed: ${(e as Error).message}`;
      }
      const coders = store.listCoders();
      const coderIds = sel.coderIds ?? input.coders.map((n) => coders.find((c) => c.name === n)!.id);
      const codes = store.listCodes();
      const byId = new Map(codes.map((c) => [c.id, c]));
      const idByPath = new Map(codes.map((c) => [codePath(c, byId), c.id]));
      const codeIds = sel.codeIds ?? input.codes.map((p) => idByPath.get(p)!);
      return {
        mediaId: sel.mediaId,
        mediaName: input.media ?? '',
        coderIds,
        codeIds,
        agreement,
        segments,
        unitizing,
        ...(unitizingNote ? { unitizingNote } : {}),
        ...contradictionsOf(store, input.coders, sel.minOverlapShare),
      };
    },

    async agreementReliabilityReport(sel) {
      if (sel.participantIds?.length || sel.groupIds?.length) {
        throw new UserError('invalid', 'The reliability report covers every segment; for agreement per participant or group use the Agreement screen or `triangulate agreement --participants/--groups`');
      }
      const media = store.getMedia(sel.mediaId);
      const coders = new Map(store.listCoders().map((c) => [c.id, c.name]));
      const codes = store.listCodes();
      const byId = new Map(codes.map((c) => [c.id, c]));
      const r = await reliabilityReport(store, store.file, {
        media: media.name,
        coders: sel.coderIds?.map((c) => coders.get(c) ?? c),
        codes: sel.codeIds?.map((c) => (byId.has(c) ? codePath(byId.get(c)!, byId) : c)),
        unitMs: sel.unitMs,
        exact: sel.exact,
        excludeUncoded: sel.excludeUncoded,
        ci: { samples: sel.bootstrap, seed: sel.seed },
      });
      const base = `reliability-${media.name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}`;
      return {
        files: [
          { fileName: `${base}.md`, text: r.markdown, type: 'text/markdown;charset=utf-8' },
          { fileName: `${base}.html`, text: r.html, type: 'text/html;charset=utf-8' },
          { fileName: `${base}.csv`, text: r.csv, type: 'text/csv;charset=utf-8' },
        ],
        numbers: r.numbers.length,
      };
    },

    async agreementGamma(sel) {
      const input = projectAgreementInput(store, { mediaId: sel.mediaId, coderIds: sel.coderIds, codeIds: sel.codeIds, onlySegments: segmentsAbout(store, sel) });
      const { sampler, seed, precision, alpha, beta, deltaEmpty } = sel;
      const { result, continuum, pointEvents } = await selectionGamma(input, store.file, { sampler, seed, precision, alpha, beta, deltaEmpty });
      return {
        figures: gammaFigures(result),
        coders: continuum.annotators,
        units: continuum.units.map((us) => us.map((u) => ({ ...(u.id ? { segmentId: u.id } : {}), code: u.category, startMs: Math.round(u.start * 1000), endMs: Math.round(u.end * 1000) }))),
        alignment: result.alignment.unitary,
        pointEvents,
      };
    },
  };
}

/** The contradiction agreement of the screen's coders, or why it is missing. */
function contradictionsOf(store: ProjectStore, coders: string[], minOverlap: number | undefined): Pick<AgreementComputation, 'contradictions' | 'contradictionsNote'> {
  try {
    return { contradictions: projectContradictionAgreement(store, coders, minOverlap ?? 0.5) };
  } catch (e) {
    return { contradictions: null, contradictionsNote: `agreement on contradictions not computed: ${(e as Error).message}` };
  }
}
