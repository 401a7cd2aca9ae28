import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A second step before something that cannot be undone: the first button names the change; then what
 * it will do is spelled out beside "Confirm ..." and "Cancel". Cancel, or the change made, returns to
 * the first button. Focus follows, so it works from the keyboard alone. `question` is a short line
 * shown inline (in a table row, say); `consequence` a longer explanation shown as a block.
 */
export function ConfirmStep({
  label,
  accessibleLabel,
  question,
  consequence,
  confirmLabel,
  disabled = false,
  isBusy = false,
  onConfirm,
}: {
  label: string;
  /** The first button's name for assistive technology, when its label alone does not say what it acts on. */
  accessibleLabel?: string;
  question?: string;
  consequence?: ReactNode;
  confirmLabel: string;
  disabled?: boolean;
  isBusy?: boolean;
  onConfirm: () => void;
}) {
  const [isAsking, setAsking] = useState(false);
  const [hasAsked, setAsked] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (isAsking) confirm.current?.focus();
    else if (hasAsked) ask.current?.focus();
  }, [isAsking, hasAsked]);

  if (!isAsking)
    return (
      <button
        ref={ask}
        type="button"
        className="secondary"
        aria-label={accessibleLabel}
        disabled={disabled}
        onClick={() => {
          setAsked(true);
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  const buttons = (
    <>
      <button
        ref={confirm}
        type="button"
        className="danger"
        disabled={isBusy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </>
  );
  if (consequence !== undefined)
    return (
      <div className="confirm-step" role="group" aria-label={question ?? label}>
        <div>{consequence}</div>
        <div className="actions">{buttons}</div>
      </div>
    );
  return (
    <span className="confirm-step" role="group" aria-label={question ?? label}>
      <span>{question}</span>
      {buttons}
    </span>
  );
}
