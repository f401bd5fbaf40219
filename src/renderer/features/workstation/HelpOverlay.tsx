/**
 * The key map (`?`): every action with its keys, the code and marker hotkeys from the codebook,
 * and remapping: click "Change", press the new key (Esc cancels). Saved in this browser profile.
 */
import { useEffect, useState } from 'react';
import { ACTION_DOCS, ACTIONS, DEFAULT_KEYMAP, chordOf, displayChord, rebind, type Action } from '../../../shared/keymap';
import { codeLabel } from '../../../shared/codebook';
import { useApp } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ParticipantKeysTable } from '../participants/KeysTable';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const GROUPS = ['Playback', 'Navigation', 'Marking', 'Editing'] as const;

export function HelpOverlay() {
  const open = useApp((s) => s.helpOpen);
  const keymap = useApp((s) => s.keymap);
  const codes = useApp((s) => s.project?.codes) ?? [];
  const [capturing, setCapturing] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const hotkeys = new Map(codes.filter((c) => c.hotkey).map((c) => [c.hotkey!, c.name]));

  useEffect(() => {
    if (!capturing) return;
    const onKey = (e: KeyboardEvent) => {
      const chord = chordOf(e);
      if (!chord) return;
      e.preventDefault();
      e.stopPropagation();
      if (chord === 'Escape') return setCapturing(null);
      try {
        useApp.getState().setKeymap(rebind(useApp.getState().keymap, capturing, chord, hotkeys));
        setError(null);
      } catch (err) {
        setError((err as Error).message);
      }
      setCapturing(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!open) return null;
  const close = () => useApp.getState().setHelpOpen(false);
  const codeKeys = codes.filter((c) => c.hotkey).sort((a, b) => Number(a.kind === 'marker') - Number(b.kind === 'marker'));
  return (
    <Dialog backdropClassName="keymap-overlay" className="keymap" label="Keyboard shortcuts" testId="keymap-overlay" onClose={close} extra={{ 'data-capturing': capturing ? 'true' : undefined }}>
        <div className="keymap-head">
          <h2>Keyboard shortcuts</h2>
          <button onClick={() => useApp.getState().setKeymap({ ...DEFAULT_KEYMAP })}>Reset to defaults</button>
          <button className="icon" aria-label="Close" onClick={close}>×</button>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="keymap-cols">
          {GROUPS.map((g) => (
            <table key={g} className="keymap-table">
              <caption>{g}</caption>
              <tbody>
                {ACTIONS.filter((a) => ACTION_DOCS[a].group === g).map((a) => (
                  <tr key={a} data-testid={`keymap-${a}`}>
                    <td>{ACTION_DOCS[a].label}</td>
                    <td className="keys">{keymap[a].map((k) => <kbd key={k}>{displayChord(k, MAC)}</kbd>)}</td>
                    <td>
                      <button className="icon" onClick={() => setCapturing(a)} aria-label={`Change the key for ${ACTION_DOCS[a].label}`}>
                        {capturing === a ? 'press a key…' : 'Change'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <table className="keymap-table">
            <caption>Codes and markers (set in the codebook)</caption>
            <tbody>
              {codeKeys.map((c) => (
                <tr key={c.id}>
                  <td><span className="swatch" style={{ background: c.color }} /> {codeLabel(c, byId)}{c.kind === 'marker' ? ' (marker: point event)' : ''}</td>
                  <td className="keys"><kbd>{c.hotkey}</kbd></td>
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
          <ParticipantKeysTable />
        </div>
        <p className="muted">Ctrl/Cmd + wheel zooms the timeline; drag its time axis or use a horizontal wheel to pan.</p>
    </Dialog>
  );
}
