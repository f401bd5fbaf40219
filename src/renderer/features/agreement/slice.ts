/**
 * Agreement state and actions (one slice of the app store): the selection (coders, codes, unit,
 * uncoded time), the choices offered for the current media, and the last result. Every change of
 * the selection recomputes; answers to superseded requests are dropped. `agreementBusy` turns on
 * only when a request has been running for 200 ms, so quick answers never flash a spinner. The
 * selection is remembered per study and media (store/persist), so a reload or a new coder does not
 * reset it.
 */
import type { StateCreator } from 'zustand';
import type { AgreementChoices, AgreementComputation, AgreementGammaResult } from '../../../shared/contract/agreement';
import type { AppState } from '../../store';
import { client } from '../../store/client';
import { recall, remember } from '../../store/persist';

/** Slice length in ms, or continuous time. */
export type AgreementUnit = number | 'exact';
export const AGREEMENT_UNITS: { value: AgreementUnit; label: string }[] = [
  { value: 100, label: '0.1 s' },
  { value: 500, label: '0.5 s' },
  { value: 1000, label: '1 s' },
  { value: 2000, label: '2 s' },
  { value: 5000, label: '5 s' },
  { value: 'exact', label: 'exact (continuous)' },
];
export const POINT_TOLERANCES_MS = [250, 500, 1000, 2000, 5000];
export const BUSY_AFTER_MS = 200;

export interface AgreementSelection {
  /** null = the defaults of the media (the coders who coded something there / the codes they applied). */
  coderIds: string[] | null;
  codeIds: string[] | null;
  unit: AgreementUnit;
  excludeUncoded: boolean;
  /** Largest distance at which two coders' point events (markers) match, in ms. */
  pointToleranceMs: number;
  /** What the pairwise heatmap shows. */
  heatmap: 'cohensKappa' | 'krippendorffAlpha';
  /** Only segments about this participant or a member of this group (agreement per dyad); absent = all. */
  about?: AgreementAbout | null;
}

export interface AgreementAbout {
  kind: 'participant' | 'group';
  id: string;
}

/** The calls' restriction to segments about a participant or a group. */
export function aboutPayload(a: AgreementAbout | null | undefined): { participantIds?: string[]; groupIds?: string[] } {
  if (!a) return {};
  return a.kind === 'participant' ? { participantIds: [a.id] } : { groupIds: [a.id] };
}

export interface AgreementSlice {
  agreementSelection: AgreementSelection;
  agreementChoices: AgreementChoices | null;
  agreementResult: AgreementComputation | null;
  agreementBusy: boolean;
  agreementError: string | null;
  /** Loads the choices of the current media (resetting coders/codes to its defaults) and computes. */
  loadAgreement(): Promise<void>;
  setAgreementSelection(patch: Partial<AgreementSelection>): void;
  computeAgreement(): Promise<void>;
  // Mathet's gamma (issue 15): computed on request (it samples random continua: seconds).
  agreementGamma: AgreementGammaResult | null;
  agreementGammaSampler: 'statistical' | 'shuffle';
  agreementGammaBusy: boolean;
  agreementGammaError: string | null;
  computeGamma(): Promise<void>;
}

let gammaSeq = 0;

let requestSeq = 0;

/**
 * The selection for a media: the one the user last made there in this study (coders and codes
 * that no longer exist dropped), else the defaults (coders who coded something there, the codes
 * they applied).
 */
function restoredSelection(projectId: string | undefined, choices: AgreementChoices, current: AgreementSelection): AgreementSelection {
  const defaults = { ...current, coderIds: choices.defaultCoderIds, codeIds: choices.defaultCodeIds };
  const saved = choices.mediaId ? recall<Partial<AgreementSelection>>(projectId, `agreement.${choices.mediaId}`) : null;
  if (!saved) return defaults;
  const coders = new Set(choices.coders.map((c) => c.id));
  const codes = new Set(choices.codes.map((c) => c.id));
  return {
    ...defaults,
    ...saved,
    coderIds: saved.coderIds ? saved.coderIds.filter((id) => coders.has(id)) : defaults.coderIds,
    codeIds: saved.codeIds ? saved.codeIds.filter((id) => codes.has(id)) : defaults.codeIds,
  };
}

export const createAgreementSlice: StateCreator<AppState, [], [], AgreementSlice> = (set, get) => ({
  agreementSelection: { coderIds: null, codeIds: null, unit: 1000, excludeUncoded: false, pointToleranceMs: 1000, heatmap: 'cohensKappa' },
  agreementChoices: null,
  agreementResult: null,
  agreementBusy: false,
  agreementError: null,
  agreementGamma: null,
  agreementGammaSampler: 'statistical',
  agreementGammaBusy: false,
  agreementGammaError: null,

  async computeGamma() {
    const mediaId = get().mediaId;
    const result = get().agreementResult;
    if (!mediaId || !result) return;
    const id = ++gammaSeq;
    set({ agreementGammaBusy: true, agreementGammaError: null });
    try {
      const g = await client().api.agreementGamma({ mediaId, coderIds: result.coderIds, codeIds: result.codeIds, sampler: get().agreementGammaSampler, ...aboutPayload(get().agreementSelection.about) });
      if (id === gammaSeq) set({ agreementGamma: g });
    } catch (e) {
      if (id === gammaSeq) set({ agreementGamma: null, agreementGammaError: (e as Error).message });
    } finally {
      if (id === gammaSeq) set({ agreementGammaBusy: false });
    }
  },

  async loadAgreement() {
    const mediaId = get().mediaId;
    if (!mediaId) return;
    try {
      const choices = await client().api.agreementChoices({ mediaId });
      if (get().mediaId !== mediaId) return;
      set({ agreementChoices: choices, agreementSelection: restoredSelection(get().project?.projectId, choices, get().agreementSelection) });
    } catch (e) {
      set({ agreementError: (e as Error).message });
      return;
    }
    await get().computeAgreement();
  },

  setAgreementSelection(patch) {
    set({ agreementSelection: { ...get().agreementSelection, ...patch } });
    const mediaId = get().mediaId;
    if (mediaId) remember(get().project?.projectId, `agreement.${mediaId}`, get().agreementSelection);
    const needsCompute = Object.keys(patch).some((k) => k !== 'heatmap');
    if (needsCompute) void get().computeAgreement();
  },

  async computeAgreement() {
    const mediaId = get().mediaId;
    const sel = get().agreementSelection;
    if (!mediaId) return;
    const id = ++requestSeq;
    gammaSeq++; // a new selection: the last γ no longer describes it
    set({ agreementGamma: null, agreementGammaBusy: false, agreementGammaError: null });
    if ((sel.coderIds && sel.coderIds.length < 2) || (sel.codeIds && sel.codeIds.length === 0)) {
      set({
        agreementResult: null,
        agreementBusy: false,
        agreementError: sel.coderIds && sel.coderIds.length < 2 ? 'Choose at least two coders to compare.' : 'Choose at least one code.',
      });
      return;
    }
    const timer = setTimeout(() => {
      if (id === requestSeq) set({ agreementBusy: true });
    }, BUSY_AFTER_MS);
    try {
      const result = await client().api.agreementCompute({
        mediaId,
        ...(sel.coderIds ? { coderIds: sel.coderIds } : {}),
        ...(sel.codeIds ? { codeIds: sel.codeIds } : {}),
        ...(sel.unit === 'exact' ? { exact: true } : { unitMs: sel.unit }),
        excludeUncoded: sel.excludeUncoded,
        pointToleranceMs: sel.pointToleranceMs,
        ...aboutPayload(sel.about),
      });
      if (id === requestSeq) set({ agreementResult: result, agreementError: null });
    } catch (e) {
      if (id === requestSeq) set({ agreementResult: null, agreementError: (e as Error).message });
    } finally {
      clearTimeout(timer);
      if (id === requestSeq) set({ agreementBusy: false });
    }
  },
});
