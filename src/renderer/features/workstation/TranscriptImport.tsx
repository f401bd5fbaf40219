/** "Import…": reads a .vtt/.srt file in the browser and sends its text to the service. */
import { useRef } from 'react';
import { useApp } from '../../store';

export function TranscriptImport() {
  const input = useRef<HTMLInputElement>(null);
  const transcripts = useApp((s) => s.transcripts);
  return (
    <span className="ws-tools">
      <input
        ref={input}
        type="file"
        accept=".vtt,.srt,text/vtt"
        hidden
        data-testid="transcript-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          const text = await f.text();
          await useApp.getState().importTranscript(f.name, text).catch(() => undefined);
        }}
      />
      <button onClick={() => input.current?.click()}>Import…</button>
      {transcripts.length > 0 && (
        <button className="icon" title="Remove the transcript (undoable)" aria-label="Remove transcript" data-testid="remove-transcript" onClick={() => void useApp.getState().deleteTranscript(transcripts[0]!.id).catch(() => undefined)}><TrashIcon /></button>
      )}
    </span>
  );
}

/** A waste-bin outline drawn inline, so it renders where no emoji font is installed. */
function TrashIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d="M2.5 4h11M6.5 4V2.5h3V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5" />
    </svg>
  );
}
