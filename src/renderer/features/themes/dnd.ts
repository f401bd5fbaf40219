/** HTML5 drag and drop payloads of the theme board. */
import type { DragEvent } from 'react';

/** A code dragged from the codebook list or from a theme card. */
export const CODE_MIME = 'application/x-triangulate-code';

export interface CodeDrag {
  codeId: string;
  /** The theme card it comes from (a drop on the same card reorders). */
  fromTheme: string | null;
}

export function startCodeDrag(e: DragEvent, drag: CodeDrag, label: string): void {
  e.dataTransfer.setData(CODE_MIME, JSON.stringify(drag));
  e.dataTransfer.setData('text/plain', label);
  e.dataTransfer.effectAllowed = 'copyMove';
}

export function isCodeDrag(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(CODE_MIME);
}

export function readCodeDrag(e: DragEvent): CodeDrag | null {
  try {
    const v = JSON.parse(e.dataTransfer.getData(CODE_MIME)) as CodeDrag;
    return typeof v.codeId === 'string' ? v : null;
  } catch {
    return null;
  }
}
