/** Size limits of imports and exports (one place, so CLI, app and tests agree). */
import type { ZipLimits } from '../../../shared/interop';

/**
 * Archive limits for .qdpx imports: up to 2 GiB of (declared and actually inflated) content so
 * that archives with embedded video can be read, while the ratio limit (200:1 above 1 MiB) and the
 * streaming inflater still refuse zip bombs long before they grow.
 */
export const IMPORT_ZIP_LIMITS: Partial<ZipLimits> = { maxTotalBytes: 2 * 1024 * 1024 * 1024 };

/** Largest file the importer reads (archives with embedded media). */
export const MAX_IMPORT_FILE_BYTES = 2 * 1024 * 1024 * 1024;
/** Largest EAF or event table (text) read. */
export const MAX_IMPORT_TEXT_BYTES = 256 * 1024 * 1024;
/** Largest file the app uploads through the service (web mode has no file paths). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Embedded media in a .qdpx export, in total. */
export const MAX_EMBED_BYTES = 2 * 1024 * 1024 * 1024;
/** Largest export sent back to the app as base64 for a download (larger: save to a path). */
export const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;
