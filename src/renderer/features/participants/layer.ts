/**
 * The participant hotkey layer on the coding screen: Alt + a participant's key toggles them on the
 * selected segment(s). Called by the keyboard hook; true when the key was the layer's.
 */
import { layerKeyOf } from '../../../shared/keymap/participantLayer';
import { useApp } from '../../store';

export function participantLayerKey(e: KeyboardEvent): boolean {
  const key = layerKeyOf(e);
  if (!key) return false;
  const s = useApp.getState();
  if (s.view !== 'code') return false;
  const p = s.people.participants.find((x) => x.key === key);
  if (!p) return false;
  void s.toggleParticipant(p.id);
  return true;
}
