// One labelled input with its inline error (UI.md: "⚠ Topic is required", per field), wired for
// screen readers: aria-invalid on the input, the message tied to it by aria-describedby.
import type { InputHTMLAttributes, ReactNode } from "react";
import { CharCounter } from "./char-counter.js";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value" | "id"> {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  help?: ReactNode;
  /** The most characters the field takes: shows "n / limit" and flags a value over it (never cuts it). */
  limit?: number | undefined;
}

export function TextField({ id, label, value, onChange, error, help, limit, required, type = "text", ...input }: TextFieldProps) {
  const describedBy =
    [error ? `${id}-error` : null, help ? `${id}-help` : null, limit !== undefined ? `${id}-count` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      <input
        {...input}
        id={id}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {limit !== undefined && <CharCounter id={`${id}-count`} value={value} limit={limit} />}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          ⚠ {error}
        </p>
      )}
    </div>
  );
}
