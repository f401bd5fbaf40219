/** A free-text value edited in place (may be emptied): saved on Enter or leaving the field, reverted on Escape. */
import { useEffect, useState } from 'react';

export function TextField(props: { value: string; label: string; onSave: (text: string) => void; type?: 'text' | 'number'; className?: string; placeholder?: string }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text.trim() !== props.value) props.onSave(text.trim());
  };
  return (
    <input
      className={props.className ?? 'st-name'} type={props.type ?? 'text'} value={text} aria-label={props.label} placeholder={props.placeholder}
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') { setText(props.value); (e.target as HTMLInputElement).blur(); }
      }}
    />
  );
}
