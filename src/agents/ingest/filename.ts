// What we take from a client's filename: its extension and a display title, nothing else. Path
// components, control and bidi-format characters are dropped ("../../etc/passwd.md" → "passwd.md").

export interface SafeName {
  /** The last path segment, cleaned; safe to show and to use as a download name. */
  filename: string;
  /** Lower-case extension without the dot ("" when there is none). */
  extension: string;
  /** The filename without its extension, or "Untitled upload". */
  title: string;
}

const MAX_NAME_CHARS = 200;

export function sanitizeFilename(raw: string): SafeName {
  const lastSegment = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(/\s+/g, " ")
    // C0/C1 controls and format characters (U+202E right-to-left override can disguise "exe.md" as "dm.exe").
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/ {2,}/g, " ")
    .trim()
    .slice(0, MAX_NAME_CHARS);
  const dot = cleaned.lastIndexOf(".");
  const extension = dot >= 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  const stem = (dot >= 0 ? cleaned.slice(0, dot) : cleaned).replace(/^[.\s]+/, "").trim();
  const title = stem || "Untitled upload";
  return { filename: stem ? cleaned.replace(/^[.\s]+/, "") : `upload${extension ? `.${extension}` : ""}`, extension, title };
}
