// Markdown (notes, .md uploads, CSV turned into a table) → RawBlocks, by markdown-it (CommonMark
// with GFM tables and strikethrough). Chosen over micromark/mdast (what renders notes in the web
// app) for speed: 100 KB of messy Markdown parses in ~0.2 s here against ~2 s with the GFM
// extensions, and this runs on every upload. Inline and raw HTML go through reduceHtml; links keep
// their text, images go.
import MarkdownIt from "markdown-it";
import { splitQuestionLead, withoutAnswerMark } from "./faq.js";
import { joinSoftLines, LINK_CLOSE, LINK_OPEN, type RawBlock } from "./blocks.js";
import type { FlagCollector } from "./flags.js";
import { blocksFromMarkedHtml } from "./html-blocks.js";
import { escapeHtmlText, reduceHtml, type HtmlState } from "./html.js";

const SCRIPT_URL = /^\s*(?:javascript|vbscript|data|livescript)\s*:/i;
const RISKY_CODE = /<\s*(?:script|iframe|object|embed|svg)\b|\bon[a-z]+\s*=\s*["']?[^\s"'>]|javascript\s*:/i;

function createParser() {
  // linkify off: a bare URL stays the text it is; typographer off: quotes and dashes stay as written.
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // Every link is parsed (markdown-it leaves a javascript: link as literal text otherwise); only its
  // text is kept anyway, and a script URL is flagged.
  md.validateLink = () => true;
  return md;
}

type Token = ReturnType<ReturnType<typeof createParser>["parse"]>[number];
let parser: ReturnType<typeof createParser> | null = null;

function markdownIt(): ReturnType<typeof createParser> {
  parser ??= createParser();
  return parser;
}

/**
 * YAML front matter ("---\ntitle: …\nowner: Fleet Ops\n---" at the very top, as static-site and
 * notes tools write it): the file's metadata, not its content. Parsed as Markdown it became a
 * heading ("title: … owner: … status: final", the closing "---" underlining it).
 */
const FRONT_MATTER =
  /^\uFEFF?---[ \t]*\r?\n((?:[ \t]*[\w-]+[ \t]*:.*\r?\n|[ \t]+.*\r?\n|[ \t]*-[ \t].*\r?\n|[ \t]*\r?\n){1,40}?)---[ \t]*(?:\r?\n|$)/;

export function markdownToBlocks(markdown: string, flags: FlagCollector): RawBlock[] {
  const front = FRONT_MATTER.exec(markdown);
  const out: RawBlock[] = [];
  if (front) {
    // Kept in the clean text (a model may read who owns the file), never a block with facts.
    const fields = (front[1] ?? "").split(/\r?\n/).filter((l) => l.trim() !== "");
    if (fields.length > 0) out.push({ kind: "paragraph", text: fields.join("\n"), aside: "header" });
    markdown = markdown.slice(front[0].length);
  }
  const tokens = markdownIt().parse(withTypographicBullets(markdown), {});
  const html: HtmlState = { skipping: [] };
  let quoteDepth = 0;
  let listDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    switch (t.type) {
      case "blockquote_open":
        quoteDepth++;
        continue;
      case "blockquote_close":
        quoteDepth--;
        continue;
      case "list_item_open":
        listDepth++;
        continue;
      case "list_item_close":
        listDepth--;
        continue;
      case "html_block":
        // Headings, list items and tables written as HTML (a wiki export) stay structure.
        out.push(
          ...blocksFromMarkedHtml(
            reduceHtml(t.content, { decodeEntities: true, flags, state: html, markLinks: true, markStructure: true }),
          ),
        );
        continue;
      default:
        break;
    }
    // Inside a hidden element a raw-HTML block left open (<div hidden> … </div> around Markdown).
    if (html.skipping.length > 0) {
      if (t.type === "inline" || t.type === "fence" || t.type === "code_block") {
        flags.add("hidden_text", "content inside a hidden HTML element removed", t.content);
      }
      continue;
    }
    switch (t.type) {
      case "heading_open": {
        const text = oneLine(inline(tokens[i + 1], flags));
        if (text) out.push({ kind: "heading", text, level: Number(t.tag.slice(1)) || 1 });
        i += 2;
        break;
      }
      case "paragraph_open": {
        const content = tokens[i + 1];
        const text = joinSoftLines(inline(content, flags).split("\n"));
        i += 2;
        if (!text) break;
        const kind = quoteDepth > 0 ? "quote" : listDepth > 0 ? "list_item" : "paragraph";
        const faq = kind === "paragraph" ? splitQuestionLead(text, boldLead(content)) : null;
        if (faq) out.push(...faq);
        else if (kind === "paragraph" && out.at(-1)?.kind === "heading" && out.at(-1)?.level === 4)
          out.push({ kind, text: withoutAnswerMark(text) });
        else out.push(emphasisOnly(content) ? { kind, text, emphasisOnly: true } : { kind, text });
        break;
      }
      case "fence":
      case "code_block": {
        let text = t.content;
        if (RISKY_CODE.test(text)) text = reduceHtml(text, { decodeEntities: false, flags });
        if (text.trim()) out.push({ kind: "code", text: text.trimEnd() });
        break;
      }
      case "table_open": {
        const rows: string[][] = [];
        let row: string[] | null = null;
        for (i++; i < tokens.length && tokens[i]?.type !== "table_close"; i++) {
          const c = tokens[i];
          if (c?.type === "tr_open") row = [];
          else if (c?.type === "tr_close" && row) rows.push(row);
          else if (c?.type === "inline" && row) row.push(oneLine(inline(c, flags)));
        }
        if (rows.some((r) => r.some((cell) => cell))) out.push({ kind: "table", text: rows.map((r) => r.join(" | ")).join("\n"), rows });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** "**Next steps**": the paragraph is one bold or italic run. */
/** The text of a paragraph's opening bold run ("**When does it start?** Tuesday …"), if it opens with one. */
function boldLead(content: Token | undefined): string | undefined {
  const children = (content?.children ?? []).filter((c) => !(c.type === "text" && c.content === ""));
  if (children[0]?.type !== "strong_open") return undefined;
  const close = children.findIndex((c) => c.type === "strong_close");
  return close > 0
    ? children
        .slice(1, close)
        .map((c) => c.content)
        .join("")
    : undefined;
}

function emphasisOnly(content: Token | undefined): boolean {
  const children = (content?.children ?? []).filter((c) => !(c.type === "text" && !c.content.trim()));
  const first = children[0]?.type;
  const last = children.at(-1)?.type;
  return (first === "strong_open" && last === "strong_close") || (first === "em_open" && last === "em_close")
    ? children.filter((c) => c.type.endsWith("_open")).length === 1
    : false;
}

/**
 * Visible text of an inline token. With no HTML in it, the text as it is; with HTML, the whole run
 * is re-assembled (text escaped, tags raw) and reduced at once, because an element's opening and
 * closing tags are separate tokens (`<script>`, text, `</script>`).
 */
function inline(token: Token | undefined, flags: FlagCollector): string {
  const children = token?.children ?? [];
  const hasHtml = children.some((c) => c.type === "html_inline");
  let out = "";
  for (const c of children) {
    switch (c.type) {
      case "text":
      case "code_inline":
        out += hasHtml ? escapeHtmlText(c.content) : c.content;
        break;
      case "html_inline":
        out += c.content;
        break;
      case "softbreak":
      case "hardbreak":
        out += "\n";
        break;
      case "image":
        flags.add("markup", "image removed", `![${c.content}](${String(c.attrGet("src") ?? "")})`);
        break;
      case "link_open": {
        const href = String(c.attrGet("href") ?? "");
        if (SCRIPT_URL.test(href)) flags.add("link", "script link removed, text kept", `[…](${href})`);
        out += LINK_OPEN;
        break;
      }
      case "link_close":
        out += LINK_CLOSE;
        break;
      default:
        break;
    }
  }
  return hasHtml ? reduceHtml(out, { decodeEntities: true, flags, markLinks: true }) : out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "• item", "▪ item", "◦ item" at a line's start (pasted from a word processor or an e-mail). */
const TYPOGRAPHIC_BULLET = /^([ \t]*)[•▪◦‣●■][ \t]+(?=\S)/;

/**
 * A line opened by a typographic bullet is a list item to a person, but Markdown knows only "-",
 * "*", "+" and numbers: read as written, "• a new pool" stays a paragraph with its bullet glyph in the
 * text. Such lines become "- " items (outside fenced code, where the glyph is the code's own); a blank
 * line goes before the first of a run, which Markdown needs to start a list after a paragraph line.
 */
export function withTypographicBullets(markdown: string): string {
  const lines = markdown.split("\n");
  let fence: string | null = null;
  const out: string[] = [];
  for (const line of lines) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === null || f.startsWith(fence))) fence = fence === null ? f : null;
    if (fence === null && TYPOGRAPHIC_BULLET.test(line)) {
      const previous = out[out.length - 1];
      if (previous !== undefined && previous.trim() !== "" && !/^\s*[-*+][ \t]/.test(previous)) out.push("");
      out.push(line.replace(TYPOGRAPHIC_BULLET, "$1- "));
    } else out.push(line);
  }
  return out.join("\n");
}
