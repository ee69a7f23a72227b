// Markdown (notes, .md uploads, CSV turned into a table) → RawBlocks, by the CommonMark + GFM
// parser that also renders notes in the web app (mdast), so structure is read the way a reader
// sees it. Inline and raw HTML go through reduceHtml; links keep their text, images go.
import type { Html, List, Nodes, Parent, PhrasingContent, RootContent, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { joinSoftLines, type RawBlock } from "./blocks.js";
import type { FlagCollector } from "./flags.js";
import { escapeHtmlText, reduceHtml, type HtmlState } from "./html.js";

const SCRIPT_URL = /^\s*(?:javascript|vbscript|data|livescript)\s*:/i;
const RISKY_CODE = /<\s*(?:script|iframe|object|embed|svg)\b|\bon[a-z]+\s*=\s*["']?[^\s"'>]|javascript\s*:/i;

interface Walk {
  source: string;
  flags: FlagCollector;
  html: HtmlState;
  out: RawBlock[];
}

export function markdownToBlocks(markdown: string, flags: FlagCollector): RawBlock[] {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const walk: Walk = { source: markdown, flags, html: { skipping: [] }, out: [] };
  for (const node of tree.children) flow(node, walk, "paragraph");
  return walk.out;
}

function flow(node: RootContent, walk: Walk, paragraphKind: "paragraph" | "quote" | "list_item"): void {
  if (node.type === "html") {
    rawHtml(node, walk);
    return;
  }
  // Inside a hidden element a raw-HTML block left open (<div hidden> … </div> around Markdown).
  if (walk.html.skipping.length > 0) {
    walk.flags.add("hidden_text", "content inside a hidden HTML element removed", slice(walk.source, node));
    return;
  }
  switch (node.type) {
    case "heading": {
      const text = oneLine(inline(node.children, walk));
      if (text) walk.out.push({ kind: "heading", text, level: node.depth });
      return;
    }
    case "paragraph": {
      const text = joinSoftLines(inline(node.children, walk).split("\n"));
      if (!text) return;
      const visible = node.children.filter((c) => !(c.type === "text" && !c.value.trim()));
      const emphasisOnly = visible.length === 1 && (visible[0]?.type === "strong" || visible[0]?.type === "emphasis");
      walk.out.push(emphasisOnly ? { kind: paragraphKind, text, emphasisOnly } : { kind: paragraphKind, text });
      return;
    }
    case "list":
      list(node, walk);
      return;
    case "blockquote":
      for (const child of node.children) flow(child, walk, "quote");
      return;
    case "code": {
      let text = node.value;
      if (RISKY_CODE.test(text)) text = reduceHtml(text, { decodeEntities: false, flags: walk.flags });
      if (text.trim()) walk.out.push({ kind: "code", text: text.trimEnd() });
      return;
    }
    case "table":
      table(node, walk);
      return;
    case "footnoteDefinition":
      for (const child of node.children) flow(child, walk, paragraphKind);
      return;
    default:
      // thematicBreak, definition, yaml: nothing a reader reads as content.
      return;
  }
}

function list(node: List, walk: Walk): void {
  for (const item of node.children) {
    const texts: string[] = [];
    for (const child of item.children) {
      if (child.type === "paragraph") {
        const text = joinSoftLines(inline(child.children, walk).split("\n"));
        if (text) texts.push(text);
      } else {
        if (texts.length > 0) walk.out.push({ kind: "list_item", text: texts.splice(0).join("\n") });
        flow(child, walk, "list_item");
      }
    }
    if (texts.length > 0) walk.out.push({ kind: "list_item", text: texts.join("\n") });
  }
}

function table(node: Table, walk: Walk): void {
  const rows = node.children.map((row) => row.children.map((cell) => oneLine(inline(cell.children, walk))));
  if (rows.every((r) => r.every((c) => !c))) return;
  walk.out.push({ kind: "table", text: rows.map((r) => r.join(" | ")).join("\n"), rows });
}

function rawHtml(node: Html, walk: Walk): void {
  const text = reduceHtml(node.value, { decodeEntities: true, flags: walk.flags, state: walk.html });
  for (const part of text.split(/\n\s*\n|\n/)) {
    const line = oneLine(part);
    if (line) walk.out.push({ kind: "paragraph", text: line });
  }
}

/**
 * Visible text of phrasing content. With no HTML in it, the text nodes as they are; with HTML, the
 * whole run is re-assembled (text escaped, tags raw) and reduced at once, because an element's
 * opening and closing tags are separate nodes (`<script>`, text, `</script>`).
 */
function inline(nodes: readonly PhrasingContent[], walk: Walk): string {
  const hasHtml = nodes.some(function containsHtml(n: Nodes): boolean {
    return n.type === "html" || ("children" in n && (n as Parent).children.some((c) => containsHtml(c)));
  });
  let out = "";
  const visit = (n: PhrasingContent): void => {
    switch (n.type) {
      case "text":
      case "inlineCode":
        out += hasHtml ? escapeHtmlText(n.value) : n.value;
        return;
      case "html":
        out += n.value;
        return;
      case "break":
        out += "\n";
        return;
      case "image":
      case "imageReference":
        walk.flags.add("markup", "image removed", slice(walk.source, n));
        return;
      case "link":
        if (SCRIPT_URL.test(n.url)) walk.flags.add("link", "script link removed, text kept", slice(walk.source, n));
        for (const c of n.children) visit(c);
        return;
      case "footnoteReference":
        return;
      default:
        if ("children" in n) for (const c of n.children) visit(c);
    }
  };
  for (const n of nodes) visit(n);
  return hasHtml ? reduceHtml(out, { decodeEntities: true, flags: walk.flags }) : out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function slice(source: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? "" : source.slice(start, end);
}
