// HTML (inline or raw, inside Markdown or plain text) → what a reader would see. Built on
// htmlparser2's tokenizer, which already treats <script>/<style> bodies as raw text and closes
// implied tags. Elements that show nothing (scripts, styles, frames, SVG, templates) and hidden
// elements (hidden, aria-hidden, display:none, …) are dropped with their content; images are
// dropped (their alt text is not content either); links keep their text; other tags vanish and
// leave their text. Every removal is recorded on the FlagCollector.
import { Parser } from "htmlparser2";
import { HTML_MARK, LINK_CLOSE, LINK_OPEN } from "./blocks.js";
import type { FlagCollector } from "./flags.js";
import { promptInjectionReason } from "./injection.js";

/** Elements dropped with everything inside them. */
const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "head",
  "title",
  "canvas",
  "audio",
  "video",
  "select",
  "textarea",
  "button",
  "form",
  "meta",
  "link",
  "base",
]);
const SCRIPTING = new Set(["script", "noscript", "iframe", "frame", "object", "embed", "applet", "svg", "math", "base", "form"]);
/** Elements after which a reader sees a line break. */
const BREAKING = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);
const HIDING_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])|(?:max-)?(?:height|width)\s*:\s*0(?:px)?\s*(?:;|$)|clip(?:-path)?\s*:|color\s*:\s*(?:transparent|#fff(?:fff)?\b|white\b))/i;
const CARRIED = "data-worksmith-carried";
const SCRIPT_URL = /^\s*(?:javascript|vbscript|data\s*:\s*text\/html|livescript)\s*:/i;

export interface HtmlState {
  /** Depth inside a dropped or hidden element that a previous fragment left open. */
  skipping: string[];
}

export interface ReduceOptions {
  /** Decode entities in text (true when reading content; false when keeping Markdown source as written). */
  decodeEntities: boolean;
  flags?: FlagCollector | undefined;
  /** Carries an unclosed hidden element across fragments (raw HTML blocks of one document). */
  state?: HtmlState | undefined;
  /** Puts LINK_OPEN/LINK_CLOSE around a link's text (the cleaner tells link-only lines apart by them). */
  markLinks?: boolean | undefined;
  /** Writes HTML_MARK characters where headings, list items and table rows/cells open and close. */
  markStructure?: boolean | undefined;
}

interface Open {
  name: string;
  skip: boolean;
  /** For an outermost dropped element: the flag to record once its end (and so its content) is known. */
  pending?: { kind: "script" | "markup" | "hidden_text"; detail: string; start: number };
  /** A link whose text is marked (ReduceOptions.markLinks). */
  link?: boolean;
}

/** Visible text of an HTML fragment. Line breaks where block elements were; whitespace otherwise as written. */
export function reduceHtml(fragment: string, options: ReduceOptions): string {
  const first = reduce(fragment, options, new Set(), undefined, true);
  // An <svg onload=…> or <iframe …> never closed would hide everything after it; a reader of the
  // note sees that text (the renderer shows the tag as text), so only the tag goes.
  return reduce(fragment, options, first.unclosed, options.flags, false).text;
}

/**
 * A macro's parameters and resource references in an exported wiki page (Confluence's
 * `<ac:parameter ac:name="maxLevel">2</ac:parameter>`, `<ri:page …/>`): configuration, not text.
 */
const EXPORT_CONFIG = /^[a-z][\w-]*:(?:parameter|placeholder|plain-text-link-body)$|^ri:/;

/** Structure marks written on open (markStructure): headings, list items, rows and cells. */
function openMark(name: string): string {
  const h = /^h([1-6])$/.exec(name);
  if (h) return String.fromCharCode(HTML_MARK.heading + Number(h[1]) - 1);
  if (name === "li") return HTML_MARK.item;
  if (name === "tr") return HTML_MARK.row;
  if (name === "td" || name === "th") return HTML_MARK.cell;
  return "";
}

function closeMark(name: string): string {
  if (/^h[1-6]$/.test(name) || name === "li" || name === "td" || name === "th") return HTML_MARK.close;
  return name === "table" ? HTML_MARK.tableEnd : "";
}

/** Dropped elements whose content is markup, not raw text: when left unclosed, only the tag is removed. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "noscript", "template"]);

function reduce(
  fragment: string,
  options: ReduceOptions,
  tagOnly: ReadonlySet<string>,
  flags: FlagCollector | undefined,
  probe: boolean,
): { text: string; unclosed: Set<string> } {
  // An element a previous fragment left open is re-opened in front, so the parser knows what its
  // closing tag closes (htmlparser2 ignores a close tag it has no open element for).
  const carried = (options.state?.skipping ?? []).map((name) => `<${name} ${CARRIED}="">`).join("");
  const html = carried + fragment;
  const stack: Open[] = [];
  let skipDepth = 0;
  let out = "";
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const source = html.slice(parser.startIndex, parser.endIndex + 1);
        let skip = false;
        let pending: Open["pending"];
        if (CARRIED in attribs) skip = true;
        else if (tagOnly.has(name)) flags?.add("script", `<${name}> tag removed`, source);
        else if (DROPPED.has(name) || EXPORT_CONFIG.test(name)) {
          skip = true;
          const kind = SCRIPTING.has(name) ? "script" : "markup";
          if (skipDepth === 0) pending = { kind, detail: `<${name}> element removed`, start: parser.startIndex };
        } else if (isHidden(name, attribs)) {
          skip = true;
          if (skipDepth === 0) pending = { kind: "hidden_text", detail: `hidden <${name}> element removed`, start: parser.startIndex };
        } else if (skipDepth === 0) {
          const handlers = Object.keys(attribs).filter((a) => /^on/i.test(a));
          const href = attribs.href ?? attribs.src ?? attribs.action ?? attribs.formaction ?? "";
          if (handlers.length > 0) flags?.add("script", `event handler (${handlers.join(", ")}) removed`, source);
          else if (SCRIPT_URL.test(href)) flags?.add("link", "script link removed, text kept", source);
          else if (name === "img" || name === "picture" || name === "image") flags?.add("markup", "image removed", source);
          else flags?.add("markup", "HTML tags removed, text kept", source);
        }
        const link = options.markLinks === true && !skip && skipDepth === 0 && name === "a" && "href" in attribs;
        stack.push(pending ? { name, skip, pending } : link ? { name, skip, link } : { name, skip });
        if (link) out += LINK_OPEN;
        if (skip) skipDepth++;
        if (skipDepth === 0 && BREAKING.has(name)) out += "\n";
        if (skipDepth === 0 && options.markStructure) out += openMark(name);
      },
      onclosetag(name) {
        // htmlparser2 reports every open tag closed (implied or not) in order, so a matching pop suffices.
        for (let i = stack.length - 1; i >= 0; i--) {
          const open = stack[i];
          if (open?.name !== name) continue;
          for (const popped of stack.splice(i)) {
            if (popped.skip) skipDepth--;
            if (popped.link && skipDepth === 0) out += LINK_CLOSE;
            if (skipDepth === 0 && options.markStructure && popped.name !== name) out += closeMark(popped.name);
            if (popped.pending) removed(flags, popped.pending, html.slice(popped.pending.start, parser.endIndex + 1));
          }
          break;
        }
        if (skipDepth === 0 && options.markStructure) out += closeMark(name);
        if (skipDepth === 0 && BREAKING.has(name)) out += "\n";
      },
      ontext(text) {
        if (skipDepth === 0) out += text;
      },
      oncomment(data) {
        if (skipDepth === 0 && /\p{L}/u.test(data)) removed(flags, { kind: "hidden_text", detail: "HTML comment removed" }, data);
      },
      onprocessinginstruction(_name, data) {
        if (skipDepth === 0) flags?.add("markup", "markup declaration removed", data);
      },
    },
    { decodeEntities: options.decodeEntities, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  const unclosed = new Set(stack.filter((o) => o.pending && o.pending.kind !== "hidden_text" && !RAW_TEXT.has(o.name)).map((o) => o.name));
  if (probe) return { text: "", unclosed };
  if (options.state) options.state.skipping = stack.filter((o) => o.skip).map((o) => o.name);
  // Still open at the end (an unclosed <script>, a hidden <div> a later fragment closes): record it now.
  for (const open of stack) if (open.pending) removed(flags, open.pending, html.slice(open.pending.start));
  for (const open of stack) delete open.pending;
  parser.end();
  // What removed tags leave behind: "service <svg …>, scheduled" → "service , scheduled".
  return { text: out.replace(/[ \t]+(?=[,.;:!?)](?:\s|$))/g, "").replace(/[ \t]{2,}/g, " "), unclosed };
}

/** Records a removal, and hidden text that talks to a model as prompt injection as well. */
function removed(
  flags: FlagCollector | undefined,
  what: { kind: "script" | "markup" | "hidden_text"; detail: string },
  source: string,
): void {
  flags?.add(what.kind, what.detail, source);
  if (what.kind === "hidden_text" || what.kind === "markup") {
    const visible = source.replace(/<[^>]*>/g, " ").trim();
    const why = promptInjectionReason(visible);
    if (why) flags?.add("prompt_injection", `hidden text that ${why} removed`, visible);
  }
}

function isHidden(name: string, attribs: Record<string, string>): boolean {
  if ("hidden" in attribs) return true;
  if (attribs["aria-hidden"]?.toLowerCase() === "true") return true;
  if (name === "input" && attribs.type?.toLowerCase() === "hidden") return true;
  const style = attribs.style;
  return style !== undefined && HIDING_STYLE.test(style);
}

/** Quick test: is there anything that looks like a tag, comment or entity worth parsing? */
export function mayContainHtml(text: string): boolean {
  return /<[a-z!/?]/i.test(text);
}

/** Escapes text so reduceHtml(…, {decodeEntities: true}) gives it back unchanged. */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
