/**
 * The transcript of the current media: follows playback and highlights the current cue; click a
 * cue to seek; Shift/Ctrl+click to select several, which marks their time range (in/out) so a
 * code's hotkey, a click in the codebook or "Code as…" codes them (the segment is about the cues'
 * speakers who are participants); search filters the cues.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { CodeSelect } from './CodeSelect';
import { TranscriptImport } from './TranscriptImport';

/** Codes the selected cues (a segment about their speakers), then shows it selected. */
async function codeSelected(codeId: string): Promise<void> {
  const s = useApp.getState();
  const seg = await s.codeCues([codeId]);
  if (!seg) return;
  await s.loadSegments(seg.mediaId);
  s.setSelection([seg.id]);
}

const SPEAKER_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];

export function TranscriptPanel() {
  const transcripts = useApp((s) => s.transcripts);
  const currentMs = useApp((s) => s.currentMs);
  const coderId = useApp((s) => s.coderId);
  const [tid, setTid] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [followOn, setFollowOn] = useState(true);
  const [sel, setSel] = useState<{ ids: string[]; anchor: number | null }>({ ids: [], anchor: null });
  const t = transcripts.find((x) => x.id === tid) ?? transcripts[0];
  const cues = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = t?.cues ?? [];
    return q ? all.filter((c) => c.text.toLowerCase().includes(q) || c.speaker.toLowerCase().includes(q)) : all;
  }, [t, query]);
  const speakers = useMemo(() => [...new Set((t?.cues ?? []).map((c) => c.speaker).filter(Boolean))], [t]);
  const current = useMemo(() => cues.findIndex((c) => currentMs >= c.startMs && currentMs < c.endMs), [cues, currentMs]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: cues.length, getScrollElement: () => scroller.current, estimateSize: () => 52, overscan: 6, getItemKey: (i) => cues[i]!.id });
  useEffect(() => {
    if (followOn && current >= 0) virtual.scrollToIndex(current, { align: 'auto' });
  }, [current, followOn]); // eslint-disable-line react-hooks/exhaustive-deps

  const selected = cues.filter((c) => sel.ids.includes(c.id));
  const range = selected.length ? { startMs: Math.min(...selected.map((c) => c.startMs)), endMs: Math.max(...selected.map((c) => c.endMs)) } : null;
  const click = (i: number, e: React.MouseEvent) => {
    const cue = cues[i]!;
    let ids: string[];
    if (e.shiftKey && sel.anchor !== null) {
      const [a, b] = [Math.min(sel.anchor, i), Math.max(sel.anchor, i)];
      ids = cues.slice(a, b + 1).map((c) => c.id);
    } else if (e.ctrlKey || e.metaKey) ids = sel.ids.includes(cue.id) ? sel.ids.filter((x) => x !== cue.id) : [...sel.ids, cue.id];
    else ids = [cue.id];
    setSel({ ids, anchor: e.shiftKey ? sel.anchor : i });
    const chosen = cues.filter((c) => ids.includes(c.id));
    if (chosen.length) {
      const [inMs, outMs] = [Math.min(...chosen.map((c) => c.startMs)), Math.max(...chosen.map((c) => c.endMs))];
      useApp.setState({ inMs, outMs });
      useApp.getState().setCueMarks({ mediaId: t!.mediaId, cueIds: chosen.map((c) => c.id), inMs, outMs });
    }
    useApp.getState().seek(cue.startMs);
  };

  return (
    <div className="ws-panel transcript-panel" data-testid="transcript-panel">
      <div className="panel-head">
        <h2>Transcript {t && <span className="count">{t.cues.length}</span>}</h2>
        <TranscriptImport />
      </div>
      {transcripts.length === 0 ? (
        <p className="empty-hint">No transcript for this media yet. Import a WebVTT (.vtt) or SRT (.srt) file.</p>
      ) : (
        <>
          <div className="ws-tools">
            {transcripts.length > 1 && (
              <select aria-label="Transcript" value={t?.id} onChange={(e) => setTid(e.target.value)}>
                {transcripts.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
            )}
            <input type="search" placeholder="Search the transcript" aria-label="Search the transcript" value={query} onChange={(e) => setQuery(e.target.value)} />
            <label className="toggle"><input type="checkbox" checked={followOn} onChange={(e) => setFollowOn(e.target.checked)} /> follow</label>
          </div>
          {speakers.length > 0 && (
            <div className="speakers">{speakers.map((s, i) => <span key={s} className="speaker" style={{ color: SPEAKER_COLORS[i % SPEAKER_COLORS.length] }}>{s}</span>)}</div>
          )}
          {range && (
            <div className="ws-tools cue-selection" data-testid="cue-selection">
              <span>{selected.length} cue{selected.length > 1 ? 's' : ''} · {formatTimecode(range.startMs)}–{formatTimecode(range.endMs)}</span>
              <CodeSelect
                label="Code the selected cues as"
                disabled={!coderId}
                onPick={(codeId) => void codeSelected(codeId).then(() => setSel({ ids: [], anchor: null }))}
              />
            </div>
          )}
          <div className="cue-scroller" ref={scroller} data-testid="cue-list">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((item) => {
                const c = cues[item.index]!;
                const cls = `cue${item.index === current ? ' current' : ''}${sel.ids.includes(c.id) ? ' selected' : ''}`;
                return (
                  <div key={item.key} data-index={item.index} ref={virtual.measureElement} className={cls} data-testid="cue" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }} onClick={(e) => click(item.index, e)}>
                    <span className="cue-time">{formatTimecode(c.startMs)}</span>
                    {c.speaker && <span className="speaker" style={{ color: SPEAKER_COLORS[speakers.indexOf(c.speaker) % SPEAKER_COLORS.length] }}>{c.speaker}</span>}
                    <span className="cue-text">{c.text}</span>
                  </div>
                );
              })}
            </div>
            {cues.length === 0 && <p className="empty-hint">No cue matches “{query}”.</p>}
          </div>
        </>
      )}
    </div>
  );
}
