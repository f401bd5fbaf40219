/** What a file choice asks for, the same for Electron's native dialogs and web mode's in-app file browser. Pure. */
export interface PickRequest {
  mode: 'open' | 'save' | 'folder';
  title: string;
  /** Extensions accepted, like ".mp4" (empty: any file). */
  accept: string[];
  multiple?: boolean;
  /** Save: the proposed file name. */
  defaultName?: string;
}

export const STUDY_TYPES = ['.triangulate'];
export const RECORDING_TYPES = ['.mp4', '.mov', '.m4v', '.webm', '.mkv', '.mp3', '.m4a', '.wav', '.ogg'];
export const CODEBOOK_TYPES = ['.qdc'];

/** The Electron preload's shell calls (absent in web mode). */
export interface ShellBridge {
  choose(req: PickRequest): Promise<string[] | null>;
  onCommand(fn: (id: string, arg?: string) => void): void;
  studyChanged(title: string | null, studyOpen: boolean): void;
}

/** Does a file name end with one of the accepted extensions? */
export function accepts(name: string, accept: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return accept.length === 0 || accept.some((ext) => lower.endsWith(ext));
}
