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
        <button className="icon" title="Remove the transcript (undoable)" aria-label="Remove transcript" onClick={() => void useApp.getState().deleteTranscript(transcripts[0]!.id).catch(() => undefined)}>🗑</button>
      )}
    </span>
  );
}
