// Model text is cleaned before it is stored, like context is at ingest: no HTML, scripts or control
// characters reach a body, a slide or a document. The shared cleaner (sanitizeMarkdown, in
// src/agents/ingest/clean/) replaces the fallback below once it lands; this is the one call site.

/** Cleans one piece of model-written Markdown. */
export function cleanModelText(text: string): string {
  return fallbackSanitize(text);
}

/** Every string of a tool's input, cleaned (ids and numbers pass through unchanged). */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanModelText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanStrings(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  }
  return value;
}

function fallbackSanitize(text: string): string {
  return (
    text
      // Elements whose content is never visible text.
      .replace(/<(script|style|iframe|object|template)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<(script|style|iframe|object|template)\b[^>]*>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      // Any other tag is reduced to its text ("<b>18%</b>" → "18%"); "a < b" is not a tag.
      .replace(/<\/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?\/?>/g, "")
      // Control and zero-width characters (keep tab and newline).
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u2060\uFEFF]/g, "")
      .replace(/[ \t]+$/gm, "")
  );
}
