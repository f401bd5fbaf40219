import { computeAgreement, computeUnitizingAgreement, findDisagreements, type UnitizingResult } from '../../shared/agreement';
import type { ServiceOf } from '../../shared/contract';
import type { AgreementChoices, agreementContract } from '../../shared/contract/agreement';
import { codePath } from '../../shared/domain';
import type { ProjectStore } from '../db/store';
import { codebookOrder, projectAgreementInput } from '../ops/agreement';

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
        coders: coders.map((c) => ({ id: c.id, name: c.name, color: c.color, isConsensus: c.isConsensus, segments: perCoder.get(c.id) ?? 0 })),
        codes: ordered.map((c) => ({ id: c.id, path: codePath(c, byId), color: c.color, uses: uses.get(c.id) ?? 0 })),
        defaultCoderIds: coders.filter((c) => !c.isConsensus).map((c) => c.id),
        defaultCodeIds: ordered.filter((c) => (uses.get(c.id) ?? 0) > 0).map((c) => c.id),
      };
      return result;
    },

    async agreementCompute(sel) {
      const input = projectAgreementInput(store, { mediaId: sel.mediaId, coderIds: sel.coderIds, codeIds: sel.codeIds });
      const durationMs = sel.durationMs ?? input.durationMs;
      const common = { coders: input.coders, codes: input.codes, durationMs };
      const agreement = computeAgreement(input.segments, {
        ...common, unitMs: sel.unitMs, exact: sel.exact, excludeUncoded: sel.excludeUncoded,
        pointCodes: input.pointCodes, pointToleranceMs: sel.pointToleranceMs,
      });
      const segments = findDisagreements(input.segments, { ...common, minOverlapShare: sel.minOverlapShare, pointToleranceMs: sel.pointToleranceMs });
      let unitizing: UnitizingResult | null = null;
      let unitizingNote: string | undefined;
      try {
        // point codes have no extent: they are not units (they are in agreement.points)
        unitizing = computeUnitizingAgreement(input.segments, { ...common, codes: input.codes.filter((c) => !input.pointCodes.includes(c)) });
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
      };
    },
  };
}
