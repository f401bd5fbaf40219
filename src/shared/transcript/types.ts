/** Transcripts imported per media (WebVTT or SRT), as stored and as the renderer shows them. */
import type { Uuid } from '../domain';

export type TranscriptFormat = 'vtt' | 'srt';

export interface TranscriptCue {
  id: Uuid;
  startMs: number;
  endMs: number;
  /** Speaker from a VTT voice tag (<v Name>) or a "NAME:" prefix; '' when none. */
  speaker: string;
  /** Plain text, markup removed. */
  text: string;
}

export interface Transcript {
  id: Uuid;
  mediaId: Uuid;
  name: string;
  format: TranscriptFormat;
  createdAt: number;
  updatedAt: number;
  cues: TranscriptCue[];
}

/** A bad transcript file: the message names the line. */
export class TranscriptError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'TranscriptError';
  }
}
