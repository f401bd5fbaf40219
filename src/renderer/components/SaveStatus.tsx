import { useApp } from '../store';

/** Shows "Saved" only after the service reported the edit committed to the project file. */
export function SaveStatus() {
  const save = useApp((s) => s.save);
  const text =
    save.state === 'saving' ? 'Saving…' :
    save.state === 'saved' ? `Saved ${new Date(save.at).toLocaleTimeString()}` :
    save.state === 'error' ? 'Not saved' : 'All changes saved';
  return (
    <span className={`save-status save-${save.state}`} data-testid="save-status" role="status" aria-live="polite">
      {text}
    </span>
  );
}
