// A destructive action that asks first, in place: the button turns into "question? [Keep] [Do it]".
// (Inline rather than window.confirm: it keeps the page's look, and tests need no dialog handler.)
// `busy` means this action's own request is out. While another action on the same row is pending, pass
// `disabled`, not `busy`: busy shows the question and "Deleting…", a delete nobody asked for.
import { useState } from "react";

export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busyLabel,
  busy,
  disabled = false,
  onConfirm,
  accessibleName,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  busyLabel: string;
  /** This action's own request is out: the question stays up with the busy label. */
  busy: boolean;
  /** Another action on the same thing is pending: offer nothing to confirm, and claim no busy state. */
  disabled?: boolean;
  onConfirm: () => void;
  /** The button's name for screen readers when `label` alone is ambiguous in a list ("Revoke CI token"). */
  accessibleName?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking && !busy) {
    return (
      <button
        type="button"
        className="button button-quiet button-small"
        aria-label={accessibleName}
        onClick={() => setAsking(true)}
        disabled={disabled}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="button button-small" onClick={() => setAsking(false)} disabled={busy}>
        Keep
      </button>
      <button type="button" className="button button-danger button-small" onClick={onConfirm} disabled={busy || disabled} autoFocus>
        {busy ? busyLabel : confirmLabel}
      </button>
    </span>
  );
}
