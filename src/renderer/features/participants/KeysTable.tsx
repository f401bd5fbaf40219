/** The participant layer in the key map overlay: Alt + each participant's key, and how to give one a key. */
import { displayChord } from '../../../shared/keymap';
import { useApp } from '../../store';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function ParticipantKeysTable() {
  const participants = useApp((s) => s.people.participants);
  const keyed = participants.filter((p) => p.key);
  return (
    <table className="keymap-table" data-testid="keymap-participants">
      <caption>Participants (hold Alt: toggles them on the selected segment)</caption>
      <tbody>
        {keyed.map((p) => (
          <tr key={p.id}>
            <td>{p.name}{p.role ? <span className="muted"> · {p.role}</span> : null}</td>
            <td className="keys"><kbd>{displayChord(`Alt+${p.key}`, MAC)}</kbd></td>
            <td />
          </tr>
        ))}
        {keyed.length === 0 && (
          <tr><td colSpan={3} className="muted">No participant has a key yet: give them one in Study settings › Participants.</td></tr>
        )}
      </tbody>
    </table>
  );
}
