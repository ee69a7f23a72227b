// A note's title and text with their inline errors: one form part for adding a note (project page)
// and editing one (context item page), so both check and label the same way.
import type { ReactNode } from "react";

/** What the browser checks before sending (the server checks the rest and names the field). */
export function checkNote(title: string, body: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!title.trim()) errors.title = "Title is required";
  if (!body.trim()) errors.body = "Text is required";
  return errors;
}

export function NoteFields({
  idPrefix,
  title,
  body,
  onTitle,
  onBody,
  errors,
  bodyHint,
  rows,
  autoFocus = false,
}: {
  idPrefix: string;
  title: string;
  body: string;
  onTitle: (value: string) => void;
  onBody: (value: string) => void;
  errors: Record<string, string>;
  bodyHint: ReactNode;
  rows: number;
  autoFocus?: boolean;
}) {
  const titleId = `${idPrefix}-title`;
  const bodyId = `${idPrefix}-body`;
  return (
    <>
      <div className="field">
        <label htmlFor={titleId}>Title *</label>
        <input
          id={titleId}
          autoFocus={autoFocus}
          value={title}
          maxLength={300}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${titleId}-error` : undefined}
          onChange={(e) => onTitle(e.target.value)}
        />
        {errors.title && (
          <p className="field-error" id={`${titleId}-error`}>
            ⚠ {errors.title}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={bodyId}>
          Text * <span className="hint">{bodyHint}</span>
        </label>
        <textarea
          id={bodyId}
          rows={rows}
          value={body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? `${bodyId}-error` : undefined}
          onChange={(e) => onBody(e.target.value)}
        />
        {errors.body && (
          <p className="field-error" id={`${bodyId}-error`}>
            ⚠ {errors.body}
          </p>
        )}
      </div>
    </>
  );
}
