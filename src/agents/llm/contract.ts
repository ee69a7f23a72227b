// The output contract of a recipe, checked when the model says it is done: every required format
// delivered as an emitted output (a deck recipe needs a pptx file, not a PDF or a text answer), and
// every required section present as a heading of a Markdown body. What is missing is named in
// words a person reads: the repair turn the model gets, and the ticket's error if it stays missing.
import { requiredFormats, type OutputFormat, type Recipe } from "../../domain/recipe.js";

/** One thing the run delivered: an emitted output (its file's format, or null) or the model's final text. */
export interface Delivered {
  format: OutputFormat | null;
  body: string;
  /** The model's final answer, not an emitted output. */
  textAnswer?: boolean;
}

export interface Missing {
  formats: OutputFormat[];
  sections: string[];
}

const FORMAT_NAMES: Record<OutputFormat, { what: string; article: string; tool: string }> = {
  pptx: { what: "PowerPoint deck", article: "a PowerPoint deck", tool: "create_pptx" },
  pdf: { what: "PDF document", article: "a PDF", tool: "create_pdf" },
  xlsx: { what: "Excel workbook", article: "an Excel workbook", tool: "create_xlsx" },
  markdown: { what: "Markdown document", article: "a Markdown document", tool: "emit_work_output" },
};

export function missingFromContract(recipe: Recipe, delivered: readonly Delivered[]): Missing {
  const formats = requiredFormats(recipe).filter((format) =>
    // Markdown is the body of any output (or a text answer); a file format needs that file attached.
    format === "markdown" ? delivered.length === 0 : !delivered.some((d) => d.format === format),
  );
  const headings = delivered.flatMap((d) => headingsOf(d.body));
  const sections = recipe.output_contract.sections.filter((section) => {
    const wanted = normalise(section);
    return !headings.some((h) => h === wanted || h.includes(wanted));
  });
  return { formats, sections };
}

export function isComplete(missing: Missing): boolean {
  return missing.formats.length === 0 && missing.sections.length === 0;
}

/** "the required PowerPoint deck (pptx) and the required sections "Risks", "Next steps"". */
export function describeMissing(missing: Missing): string {
  const parts: string[] = [];
  for (const format of missing.formats) parts.push(`the required ${FORMAT_NAMES[format].what} (${format})`);
  if (missing.sections.length > 0) {
    const list = missing.sections.map((s) => `"${s}"`).join(", ");
    parts.push(`the required ${missing.sections.length === 1 ? "section" : "sections"} ${list} as headings in the Markdown`);
  }
  return parts.join(" and ");
}

/** What came out instead, for the error: "a PDF was produced instead", "it answered with text only". */
export function describeInstead(delivered: readonly Delivered[], missing: Missing): string {
  if (delivered.length === 0) return "it produced no output";
  if (delivered.every((d) => d.textAnswer)) return "it answered with text only";
  if (missing.formats.length === 0) return "its outputs lack them";
  const files = [...new Set(delivered.flatMap((d) => (d.format ? [d.format] : [])))];
  if (files.length === 0) return "only Markdown text was produced";
  const list = files.map((f) => FORMAT_NAMES[f].article);
  return `${list.join(" and ")} ${list.length === 1 ? "was" : "were"} produced instead`;
}

/** The repair turn: exactly what is missing and how to deliver it with the tools. */
export function repairPrompt(missing: Missing): string {
  const lines = [`The work is not complete: the recipe requires ${describeMissing(missing)}, and the run has not delivered it.`];
  for (const format of missing.formats) {
    const { what, tool } = FORMAT_NAMES[format];
    lines.push(
      format === "markdown"
        ? `- Save the ${what} with emit_work_output (the Markdown goes in its body).`
        : `- Build the ${what} with ${tool}, then attach it with emit_work_output (file_key).`,
    );
  }
  if (missing.sections.length > 0) {
    lines.push(
      `- The Markdown body of an emitted output must contain these headings: ${missing.sections.map((s) => `## ${s}`).join(", ")}.`,
    );
  }
  lines.push("Do it now with the tools; a text answer alone does not count.");
  return lines.join("\n");
}

function headingsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => normalise(m[1] ?? ""));
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
