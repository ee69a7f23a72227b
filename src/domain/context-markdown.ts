// A context item's clean structure (its analysis blocks) written back as Markdown, for people to read
// it rendered. Every piece of text is escaped, so the only markup is the structure the analysis kept:
// nothing the original said — links, images, HTML, injected instructions (already removed) — can
// become markup again.
import type { Block } from "./context-analysis.js";

/** Backslash-escapes everything CommonMark/GFM could read as inline markup or a block marker. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, "\\$&");
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function fence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  return `${ticks}\n${code}\n${ticks}`;
}

function table(rows: readonly (readonly string[])[]): string {
  const width = Math.max(...rows.map((r) => r.length));
  if (rows.length === 0 || width === 0) return "";
  const line = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => escapeMarkdown(oneLine(cells[i] ?? ""))).join(" | ")} |`;
  const [head, ...body] = rows;
  return [line(head!), `|${" --- |".repeat(width)}`, ...body.map(line)].join("\n");
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level ?? 2)} ${escapeMarkdown(oneLine(block.text))}`;
    case "list_item":
      return `- ${escapeMarkdown(oneLine(block.text))}`;
    case "quote":
      return `> ${escapeMarkdown(oneLine(block.text))}`;
    case "code":
      return fence(block.text);
    case "table":
      return block.rows && block.rows.length > 0 ? table(block.rows) : escapeMarkdown(block.text);
    case "paragraph":
      return escapeMarkdown(oneLine(block.text));
  }
}

/** The blocks as one Markdown document; consecutive list items stay one list. */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  let out = "";
  let previous: Block["kind"] | null = null;
  for (const block of blocks) {
    const text = blockMarkdown(block);
    if (text === "") continue;
    if (previous !== null) out += previous === "list_item" && block.kind === "list_item" ? "\n" : "\n\n";
    out += text;
    previous = block.kind;
  }
  return out;
}
