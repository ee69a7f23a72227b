// The system and user prompts for one ticket, built from the recipe (its instructions, name and
// output formats) and the validated parameters. The rules are the same promises the builtin engine
// keeps: a visible plan, sources for every claim, no invented numbers.
import { requiredFormats, type Recipe } from "../../domain/recipe.js";

const FILE_TOOL: Record<string, string> = {
  pptx: "create_pptx (a slide deck)",
  pdf: "create_pdf (a PDF document)",
  xlsx: "create_xlsx (an Excel workbook)",
  markdown: "no file tool: the Markdown goes in the body of emit_work_output",
};

export function buildSystemPrompt(recipe: Recipe): string {
  const formats = [...new Set([...requiredFormats(recipe), recipe.output_format, ...recipe.extra_formats])];
  const deliverables = formats.map((f) => `- ${f}: ${FILE_TOOL[f] ?? f}`).join("\n");
  return [
    `You are a ${recipe.agent_type} agent in Worksmith, producing "${recipe.name}": ${recipe.description}`,
    "",
    "## Task",
    recipe.instructions.trim() || `Produce the ${recipe.name} described above for the given parameters.`,
    "",
    "## Deliverables",
    deliverables,
    "Save every deliverable with emit_work_output (attach files by their file_key). Nothing reaches the user otherwise.",
    ...contractLines(recipe),
    "",
    "## How to work",
    "1. First call todo_write with your plan (at least three steps); keep it current: one step in_progress at a time, mark steps completed as you finish them.",
    "2. Call search_context to find what the project knows about the topic; search again with other keywords, or list_context, if it finds little.",
    "3. Build the deliverables from what you found, then emit them, then mark the plan completed.",
    "",
    "## Rules",
    "- Use only facts from search_context and list_context results. Never invent numbers, dates, names or quotes; copy figures exactly as the source states them.",
    "- Cite sources: name the context item (its title) for each claim in Markdown, and pass source_id on deck bullets.",
    "- If the context does not cover the topic, say so plainly in the output instead of filling the gap.",
    "- Write for the audience and tone given in the parameters.",
  ].join("\n");
}

export function buildUserPrompt(recipe: Recipe, parameters: Record<string, unknown>): string {
  const lines = Object.entries(parameters).map(([name, value]) => {
    const title = (recipe.parameters.properties[name]?.title as string | undefined) ?? name;
    return `- ${title} (${name}): ${typeof value === "string" ? value : JSON.stringify(value)}`;
  });
  return [
    `Parameters for this ${recipe.name}:`,
    ...(lines.length ? lines : ["- (none)"]),
    "",
    "Begin by writing your plan with todo_write.",
  ].join("\n");
}

/** What the run must deliver to complete (the recipe's output contract), said up front. */
function contractLines(recipe: Recipe): string[] {
  const files = requiredFormats(recipe).filter((f) => f !== "markdown");
  const lines: string[] = [];
  if (files.length > 0)
    lines.push(
      `Required to complete: an emitted output with each of these files attached: ${files.join(", ")}. A text answer alone does not count.`,
    );
  const sections = recipe.output_contract.sections;
  if (sections.length > 0) {
    lines.push(`Required headings in the Markdown body of an emitted output: ${sections.map((s) => `"## ${s}"`).join(", ")}.`);
  }
  return lines;
}
