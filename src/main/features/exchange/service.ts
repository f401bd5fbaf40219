/** Import / export service calls: uploads, preview with mapping, one-transaction import, exports. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ServiceOf } from '../../../shared/contract';
import type { exchangeContract } from '../../../shared/contract/exchange';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import { describeReport } from './apply';
import { buildExchangeExport } from './export';
import { importExchangeFile, previewExchangeFile, readImportSource, type ImportSource } from './import';
import { MAX_DOWNLOAD_BYTES, MAX_UPLOAD_BYTES } from './limits';
import { refuseOverwrite, writeFileAtomic } from '../../cli/io';

interface Upload {
  file: string;
  name: string;
  size: number;
}

/** Where uploads wait for their import (one folder per service, removed with the process' temp files). */
function uploadDir(): string {
  const dir = path.join(os.tmpdir(), `triangulate-uploads-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function exchangeService(store: ProjectStore): ServiceOf<typeof exchangeContract> {
  const uploads = new Map<string, Upload>();
  // parsed sources are cached per upload/path + mtime so the preview can be asked for again cheaply
  let cache: { key: string; src: ImportSource } | null = null;

  const sourceOf = (source: { path: string } | { uploadId: string }): { src: ImportSource; anchor: string | null } => {
    let file: string;
    let display: string | undefined;
    let anchor: string | null;
    if ('uploadId' in source) {
      const u = uploads.get(source.uploadId);
      if (!u) throw new UserError('not_found', 'The uploaded file is gone; choose it again');
      file = u.file;
      display = u.name;
      anchor = null; // a browser upload has no folder: relative media are looked for next to the project
    } else {
      file = path.resolve(source.path);
      anchor = file;
    }
    let key: string;
    try {
      const st = fs.statSync(file);
      key = `${file}:${st.size}:${st.mtimeMs}`;
    } catch {
      throw new UserError('not_found', `${source && 'path' in source ? source.path : display}: no such file`);
    }
    if (cache?.key !== key) cache = { key, src: readImportSource(file, display) };
    return { src: cache.src, anchor };
  };

  return {
    async exchangeUpload({ uploadId, name, offset, data }) {
      const bytes = Buffer.from(data, 'base64');
      let u: Upload;
      if (!uploadId) {
        if (offset !== 0) throw new UserError('invalid', 'An upload starts at offset 0');
        const id = randomUUID();
        const dir = path.join(uploadDir(), id);
        fs.mkdirSync(dir, { mode: 0o700 });
        // keep the extension (it tells the format); the name itself is never used as a path
        const ext = path.extname(name).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 8);
        u = { file: path.join(dir, `upload${ext}`), name: path.basename(name), size: 0 };
        fs.writeFileSync(u.file, new Uint8Array(0));
        uploads.set(id, u);
        uploadId = id;
      } else {
        const found = uploads.get(uploadId);
        if (!found) throw new UserError('not_found', 'Unknown upload; start again');
        u = found;
      }
      if (offset !== u.size) throw new UserError('invalid', `Upload chunk at ${offset} but ${u.size} bytes received so far`);
      if (u.size + bytes.length > MAX_UPLOAD_BYTES) {
        fs.rmSync(path.dirname(u.file), { recursive: true, force: true });
        uploads.delete(uploadId);
        throw new UserError('too_large', `${u.name} is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MB; import it by its path instead`);
      }
      fs.appendFileSync(u.file, bytes);
      u.size += bytes.length;
      return { uploadId, size: u.size };
    },

    async exchangePreview({ source, choices }) {
      const { src, anchor } = sourceOf(source);
      return previewExchangeFile(store, src, choices ?? {}, anchor);
    },

    async exchangeImport({ source, choices }) {
      const { src, anchor } = sourceOf(source);
      const report = importExchangeFile(store, src, choices ?? {}, anchor);
      if ('uploadId' in source) {
        const u = uploads.get(source.uploadId);
        if (u) fs.rmSync(path.dirname(u.file), { recursive: true, force: true });
        uploads.delete(source.uploadId);
        cache = null;
      }
      return { report, summary: describeReport(report, src.fileName) };
    },

    async exchangeExport({ kind, mediaId, embedMedia, savePath, download }) {
      const built = buildExchangeExport(store, kind, { media: mediaId, embedMedia });
      let savedTo: string | null = null;
      if (savePath) {
        const abs = path.resolve(savePath);
        const dir = path.dirname(abs);
        if (!fs.existsSync(dir)) throw new UserError('not_found', `${savePath}: the folder ${dir} does not exist`);
        if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new UserError('invalid', `${savePath}: is a folder; name a file`);
        refuseOverwrite(abs, [store.file]);
        writeFileAtomic(abs, built.bytes);
        savedTo = abs;
      }
      const wantDownload = download ?? !savePath;
      if (wantDownload && built.bytes.length > MAX_DOWNLOAD_BYTES) {
        throw new UserError('too_large', `The export is ${Math.round(built.bytes.length / 2 ** 20)} MB; save it to a path instead of downloading it`);
      }
      return {
        fileName: built.fileName,
        size: built.bytes.length,
        base64: wantDownload ? Buffer.from(built.bytes).toString('base64') : null,
        savedTo,
        summary: savedTo ? `Saved ${savedTo}: ${built.summary}` : built.summary,
      };
    },
  };
}
