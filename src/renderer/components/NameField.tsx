/** A name edited in place: saved on Enter or when the field loses focus, reverted on Escape. */
import { useEffect, useState } from 'react';

export function NameField(props: { value: string; label: string; onSave: (name: string) => void; testId?: string }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    const clean = text.trim();
    if (clean && clean !== props.value) props.onSave(clean);
    else setText(props.value);
  };
  return (
    <input
      className="st-name" value={text} aria-label={props.label} data-testid={props.testId}
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') { setText(props.value); (e.target as HTMLInputElement).blur(); }
      }}
    />
  );
}
