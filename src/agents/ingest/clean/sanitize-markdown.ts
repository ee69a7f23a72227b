// Model-written Markdown → the same Markdown without what a reader would not see or should not
// get: HTML tags (their text kept), scripts, styles and other active elements (with their
// content), images, hidden elements, HTML comments, script links (their text kept) and invisible
// characters. Everything else — headings, lists, tables, emphasis, ordinary links — is kept byte
// for byte: the edits are made on the source at the parser's node positions, not by re-printing
// a tree (a printer would escape and re-wrap the model's text).
import type { Nodes, Parent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { reduceHtml, type HtmlState } from "./html.js";
import { stripInvisible } from "./invisible.js";
import { removeTagResidue } from "./residue.js";

interface Edit {
  start: number;
  end: number;
  text: string;
}

const SAFE_URL = /^(?:https?:|mailto:|tel:|#|\/|\.{0,2}\/|[^:]*$)/i;
/** Each pass re-parses what the previous one produced; nesting (an image in a link in HTML) needs at most a few. */
const MAX_PASSES = 4;

export function sanitizeMarkdown(markdown: string): string {
  let text = stripInvisible(markdown.replace(/\r\n?/g, "\n"));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = collectEdits(text);
    if (edits.length === 0) break;
    text = applyEdits(text, edits);
  }
  return removeTagResidue(text)
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n");
}

function collectEdits(source: string): Edit[] {
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const edits: Edit[] = [];
  const state: HtmlState = { skipping: [] };
  visitFlow(tree, source, edits, state);
  return edits;
}

function visitFlow(parent: Parent, source: string, edits: Edit[], state: HtmlState): void {
  for (const child of parent.children) {
    const range = rangeOf(child);
    if (!range) continue;
    if (child.type === "html") {
      const text = reduceHtml(child.value, { decodeEntities: false, state })
        .replace(/\n\s*\n+/g, "\n\n")
        .trim();
      edits.push({ ...range, text });
      continue;
    }
    if (state.skipping.length > 0) {
      // Inside a hidden element an earlier raw-HTML block left open.
      edits.push({ ...range, text: "" });
      continue;
    }
    visitNode(child, source, edits, state);
  }
}

function visitNode(node: Nodes, source: string, edits: Edit[], state: HtmlState): void {
  const range = rangeOf(node);
  if (!range) return;
  switch (node.type) {
    case "image":
    case "imageReference":
      edits.push({ ...range, text: "" });
      return;
    case "link":
      if (!SAFE_URL.test(node.url.trim())) {
        edits.push({ ...range, text: childrenSource(node, source) });
        return;
      }
      break;
    case "definition":
      if (!SAFE_URL.test(node.url.trim())) edits.push({ ...range, text: "" });
      return;
    case "code":
    case "inlineCode":
      // Shown as code, never run; the model put it there on purpose.
      return;
    default:
      break;
  }
  if (!("children" in node)) return;
  const children = node.children as Nodes[];
  if (isFlowContainer(node)) {
    visitFlow(node, source, edits, state);
    return;
  }
  if (children.some((c) => c.type === "html")) {
    // Inline HTML: its opening and closing tags are separate nodes, so the run is reduced at once.
    const first = rangeOf(children[0]);
    const last = rangeOf(children[children.length - 1]);
    if (first && last) {
      const slice = source.slice(first.start, last.end);
      edits.push({ start: first.start, end: last.end, text: reduceHtml(slice, { decodeEntities: false }).replace(/\n\s*\n+/g, "\n") });
      return;
    }
  }
  for (const c of children) visitNode(c, source, edits, state);
}

function isFlowContainer(node: Nodes): node is Parent & Nodes {
  return node.type === "root" || node.type === "blockquote" || node.type === "listItem" || node.type === "footnoteDefinition";
}

function childrenSource(node: Parent, source: string): string {
  const first = rangeOf(node.children[0]);
  const last = rangeOf(node.children[node.children.length - 1]);
  return first && last ? source.slice(first.start, last.end) : "";
}

function rangeOf(node: Nodes | undefined): { start: number; end: number } | null {
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  return start === undefined || end === undefined ? null : { start, end };
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = source;
  let limit = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.end > limit) continue; // nested in an edit already made
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
