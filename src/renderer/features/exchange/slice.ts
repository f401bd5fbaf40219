/**
 * Import / export state: the chosen file (uploaded or by path), the mapping choices, the preview
 * (a dry run on the service, asked again whenever a choice changes), the import summary, and
 * exports (download as a Blob URL or save to a path).
 */
import type { StateCreator } from 'zustand';
import type { ExportResult, ImportChoices, ImportPreview, ImportReport } from '../../../shared/contract/exchange';
import { client } from '../../store/client';
import type { AppState } from '../../store';

type Source = { path: string } | { uploadId: string };

/** Bytes per upload call: base64 of it stays well under the web transport's 16 MiB bodies. */
const CHUNK = 6 * 1024 * 1024;
export const MAX_UPLOAD = 200 * 1024 * 1024;

export interface ExchangeExportRequest {
  kind: 'qdpx' | 'eaf';
  mediaId?: string;
  embedMedia?: boolean;
  savePath?: string;
  download: boolean;
}

export interface ExchangeSlice {
  exSource: Source | null;
  exFileName: string;
  exChoices: ImportChoices;
  exPreview: ImportPreview | null;
  exBusy: 'upload' | 'preview' | 'import' | 'export' | null;
  /** 0..1 while uploading. */
  exProgress: number | null;
  exError: string | null;
  exImported: { summary: string; report: ImportReport } | null;
  exExported: (ExportResult & { url: string | null }) | null;
  exchangeUpload(file: File): Promise<void>;
  exchangeUsePath(path: string): Promise<void>;
  exchangeSetChoices(patch: Partial<ImportChoices>): Promise<void>;
  exchangeImport(): Promise<void>;
  exchangeReset(): void;
  exchangeExport(req: ExchangeExportRequest): Promise<void>;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createExchangeSlice: StateCreator<AppState, [], [], ExchangeSlice> = (set, get) => {
  const preview = async () => {
    const { exSource, exChoices } = get();
    if (!exSource) return;
    set({ exBusy: 'preview', exError: null });
    try {
      const p = await client().api.exchangePreview({ source: exSource, choices: exChoices });
      if (get().exSource === exSource) set({ exPreview: p });
    } catch (e) {
      set({ exError: message(e) });
    } finally {
      set({ exBusy: null });
    }
  };

  return {
    exSource: null,
    exFileName: '',
    exChoices: {},
    exPreview: null,
    exBusy: null,
    exProgress: null,
    exError: null,
    exImported: null,
    exExported: null,

    async exchangeUpload(file) {
      set({ exSource: null, exPreview: null, exImported: null, exChoices: {}, exError: null, exFileName: file.name });
      if (file.size > MAX_UPLOAD) {
        set({ exError: `${file.name} is larger than ${MAX_UPLOAD / 2 ** 20} MB: type its path instead.` });
        return;
      }
      if (file.size === 0) {
        set({ exError: `${file.name} is empty.` });
        return;
      }
      set({ exBusy: 'upload', exProgress: 0 });
      try {
        let uploadId: string | undefined;
        for (let offset = 0; offset < file.size; offset += CHUNK) {
          const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
          const r = await client().api.exchangeUpload({ uploadId, name: file.name, offset, data: toBase64(bytes) });
          uploadId = r.uploadId;
          set({ exProgress: r.size / file.size });
        }
        set({ exSource: { uploadId: uploadId! }, exBusy: null, exProgress: null });
        await preview();
      } catch (e) {
        set({ exError: message(e), exBusy: null, exProgress: null });
      }
    },

    async exchangeUsePath(path) {
      const p = path.trim();
      if (!p) return;
      set({ exSource: { path: p }, exFileName: p.split(/[\\/]/).pop() ?? p, exPreview: null, exImported: null, exChoices: {}, exError: null });
      await preview();
    },

    async exchangeSetChoices(patch) {
      const next: ImportChoices = { ...get().exChoices, ...patch };
      for (const k of Object.keys(next) as (keyof ImportChoices)[]) if (next[k] === undefined) delete next[k];
      set({ exChoices: next });
      await preview();
    },

    async exchangeImport() {
      const { exSource, exChoices } = get();
      if (!exSource) return;
      set({ exBusy: 'import', exError: null });
      try {
        const r = await get().track(client().api.exchangeImport({ source: exSource, choices: exChoices }));
        set({ exImported: r, exPreview: null, exSource: null, exChoices: {} });
        await get().loadProject();
        const s = get();
        const mediaId = s.mediaId ?? s.project?.media[0]?.id;
        if (mediaId) await (s.mediaId ? s.loadSegments(mediaId) : s.selectMedia(mediaId));
      } catch (e) {
        set({ exError: message(e) });
      } finally {
        set({ exBusy: null });
      }
    },

    exchangeReset() {
      set({ exSource: null, exPreview: null, exChoices: {}, exError: null, exImported: null, exFileName: '' });
    },

    async exchangeExport(req) {
      const old = get().exExported?.url;
      if (old) URL.revokeObjectURL(old);
      set({ exBusy: 'export', exError: null, exExported: null });
      try {
        const r = await client().api.exchangeExport({ kind: req.kind, mediaId: req.mediaId, embedMedia: req.embedMedia, savePath: req.savePath, download: req.download });
        let url: string | null = null;
        if (r.base64 !== null) {
          const type = req.kind === 'qdpx' ? 'application/zip' : 'application/xml';
          url = URL.createObjectURL(new Blob([fromBase64(r.base64)], { type }));
          const a = document.createElement('a');
          a.href = url;
          a.download = r.fileName;
          a.style.display = 'none';
          document.body.appendChild(a);
          a.click();
          a.remove();
        }
        set({ exExported: { ...r, base64: null, url } });
      } catch (e) {
        set({ exError: message(e) });
      } finally {
        set({ exBusy: null });
      }
    },
  };
};
