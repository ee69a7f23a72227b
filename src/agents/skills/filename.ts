// Download names for generated files. The name comes from an agent (possibly an LLM), so it is
// reduced to a safe, readable ASCII slug with the right extension; it is only ever used in a
// Content-Disposition header, never as a path (files are stored under keys we mint).
const MAX_STEM = 80;

export function safeFilename(requested: string, ext: string): string {
  const stem = requested
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._ -]+/g, " ")
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "")
    .slice(0, MAX_STEM)
    .replace(/[.-]+$/, "");
  return `${stem || "output"}.${ext}`;
}

/** Turn a title into a filename stem: "Q3 Review: Sales" → "q3-review-sales". */
export function slugify(title: string): string {
  return safeFilename(title.toLowerCase(), "x").replace(/\.x$/, "");
}
