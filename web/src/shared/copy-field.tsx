// A secret shown once: a read-only field that selects itself on focus, and a Copy button. The
// clipboard API needs a secure context (https or localhost); elsewhere we fall back to the selection
// and execCommand, and failing that ask the person to copy by hand.
import { useRef, useState } from "react";

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    // Deprecated but still the only way on plain http; nothing replaces it there.
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <input
          ref={input}
          id={id}
          className="mono"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="button"
          onClick={() => void copyText(value, input.current).then((ok) => setCopied(ok ? "yes" : "no"))}
        >
          {copied === "yes" ? "Copied ✓" : "Copy"}
        </button>
      </div>
      <p className="help" role="status">
        {copied === "no" ? "Could not copy automatically: the token is selected, press Ctrl+C (⌘C on a Mac)." : ""}
      </p>
    </div>
  );
}
