/**
 * One modal dialog for the whole app: role="dialog", aria-modal and an accessible name; it takes
 * focus when it opens (the first [data-autofocus] or focusable element), keeps Tab and Shift+Tab
 * inside, closes with Escape when it can be closed, and gives focus back to where it was.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/** Focus in on open, a Tab trap, Escape (when onClose is given), focus back on close. */
export function useDialogFocus(ref: { current: HTMLElement | null }, onClose?: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const before = document.activeElement as HTMLElement | null;
    const first = root.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(root)[0] ?? root;
    first.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && close.current) {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      } else if (e.key === 'Tab') {
        const items = focusableIn(root);
        if (items.length === 0) return e.preventDefault();
        const i = items.indexOf(document.activeElement as HTMLElement);
        const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i === -1 || i === items.length - 1 ? 0 : i + 1);
        e.preventDefault();
        items[next]!.focus();
      }
    };
    // focus that leaves by a click outside comes back in
    const onFocusIn = (e: FocusEvent) => {
      if (!root.contains(e.target as Node)) (focusableIn(root)[0] ?? root).focus();
    };
    root.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      root.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      if (before && document.contains(before)) before.focus();
    };
  }, [ref]);
}

export interface DialogProps {
  /** The accessible name, or the id of the element that names the dialog. */
  label?: string;
  labelledBy?: string;
  /** Escape and a click on the backdrop call it; without it the dialog cannot be dismissed. */
  onClose?: () => void;
  className?: string;
  backdropClassName?: string;
  testId?: string;
  /** Renders the dialog as a form. */
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  extra?: Record<string, string | undefined>;
  children: ReactNode;
}

export function Dialog({ label, labelledBy, onClose, className, backdropClassName, testId, onSubmit, extra, children }: DialogProps) {
  const ref = useRef<HTMLElement | null>(null);
  useDialogFocus(ref, onClose);
  const props = {
    className: `modal ${className ?? ''}`.trim(),
    role: 'dialog',
    'aria-modal': true,
    'aria-label': label,
    'aria-labelledby': labelledBy,
    tabIndex: -1,
    'data-testid': testId,
    ...extra,
  };
  return (
    <div className={`modal-backdrop ${backdropClassName ?? ''}`.trim()} role="presentation" onMouseDown={(e) => onClose && e.target === e.currentTarget && onClose()}>
      {onSubmit ? (
        <form {...props} ref={(el) => { ref.current = el; }} onSubmit={onSubmit}>{children}</form>
      ) : (
        <div {...props} ref={(el) => { ref.current = el; }}>{children}</div>
      )}
    </div>
  );
}
