// A context item's title and body → clean blocks with sentences, and the flags of what was removed.
// Order matters: invisible characters go first (they can split a word an injection filter looks
// for: "ign\u200bore"), then markup (by the item's format), then sentences, then the injection
// filter sentence by sentence, then list titles become headings and every block learns its section.
// Before sentences, lines that are not content (e-mail headers, signatures, footers, link-only and
// call-to-action lines: boilerplate.ts) are set aside: they stay in the text, never in a block.
import type { Block, ContextFlag } from "../../../domain/context-analysis.js";
import { LEAD_LABEL } from "../../../domain/summary-labels.js";
import { HTML_MARKS, LINK_MARKS, type RawBlock } from "./blocks.js";
import { senderOrganisation, setAside } from "./boilerplate.js";
import { markClaims, markForwarded } from "./claims.js";
import { withIrcSpeakers, withoutShortcodes } from "./chat.js";
import { FlagCollector } from "./flags.js";
import { blocksFromMarkedHtml } from "./html-blocks.js";
import { mayContainHtml, reduceHtml } from "./html.js";
import { promptInjectionReason } from "./injection.js";
import { stripInvisible } from "./invisible.js";
import { markdownToBlocks } from "./markdown.js";
import { withoutFootnoteMarks, withoutFootnoteReferences } from "./footnotes.js";
import { withoutHesitations } from "./hesitations.js";
import { withoutTaskBox } from "./task-marks.js";
import { plainToBlocks } from "./plain.js";
import { captionsAsTranscript, isCaptionFile } from "./captions.js";
import { removeTagResidue } from "./residue.js";
import { splitSentences } from "./sentences.js";

export interface CleanItem {
  title: string;
  blocks: Block[];
  /**
   * Blocks' text separated by blank lines, with the lines set aside as not content (an e-mail
   * header, a signature, a "Read more" link) where they were: every sentence and fact value is a slice of it.
   */
  text: string;
  flags: ContextFlag[];
  /** The date in the e-mail header at the top of the item, verbatim ("12 Nov 2026"). */
  date?: string;
  /** A chat's or transcript's speakers ("Priya Shah"): set aside from the text, kept as its people. */
  speakers?: string[];
  /** A chat or transcript (two or more speaker lines), speakers named or not. */
  chat?: boolean;
  /** The organisation an e-mail from outside is written by ("HelpHarbor"): who "we" are in it. */
  sender?: string;
  /** An HTML page whose visible text was longer than `maxChars`: how much of it was read. */
  cut?: { analysed_chars: number; total_chars: number };
}

const PLAIN_MIMES = new Set(["text/plain", "application/pdf"]);
/** An uploaded web page (ingest/html.ts): its source, read as HTML from the first byte. */
const HTML_MIME = "text/html";
/** A title line above a list or a paragraph: at most this many words. */
const TITLE_WORDS = 8;

export function cleanContextItem(item: {
  title: string;
  body: string;
  mime?: string | null | undefined;
  /** For an HTML page: read at most this many characters of its visible text (its source may be mostly script). */
  maxChars?: number | undefined;
}): CleanItem {
  const flags = new FlagCollector();
  let title = cleanTitle(item.title, flags);
  const page = item.mime === HTML_MIME ? visiblePage(item.body, flags, item.maxChars) : null;
  // The link marks are private-use characters: any in the item itself go before markup is read.
  const body = page ? page.text : withIrcSpeakers(stripInvisible(item.body, flags).replace(LINK_MARKS, "").replace(HTML_MARKS, ""));
  // A JSON export pasted as a note or uploaded as text is data, not prose: it is kept as a code
  // block (shown, searchable) and no sentence, figure or event is read from its punctuation.
  // A caption file (WebVTT, SubRip) is a recorded call: its cues are read as turns (captions.ts).
  const captions = !page && isCaptionFile(body);
  const parsed = page
    ? blocksFromMarkedHtml(page.marked)
    : captions
      ? plainToBlocks(captionsAsTranscript(body), flags)
      : isJsonDocument(body)
        ? markdownToBlocks(`\`\`\`json\n${body.trim()}\n\`\`\``, flags)
        : PLAIN_MIMES.has(item.mime ?? "")
          ? plainToBlocks(body, flags)
          : markdownToBlocks(body, flags);
  const { blocks: marked, envelope } = setAside(parsed);
  const cleaned = marked.map((b) => withoutResidue(b, flags)).filter((b) => b.text.trim() !== "");
  // A message forwarded into a chat, a line pasted from a brochure: kept, marked as an outsider's claim.
  const raw = markForwarded(cleaned, envelope.chat === true);
  const structured = structure(raw, flags);
  const { shown } = structured;
  const blocks = markClaims(structured.blocks);
  // An item with no title of its own (a pasted e-mail) is called by its subject.
  if (title === UNTITLED && envelope.subject) title = cleanTitle(envelope.subject, flags);
  const clean: CleanItem = { title, blocks, text: shown.join("\n\n"), flags: flags.list() };
  if (envelope.date) clean.date = envelope.date;
  if (envelope.speakers) clean.speakers = envelope.speakers;
  if (envelope.chat || captions) clean.chat = true;
  if (page?.cut) clean.cut = page.cut;
  // Plain text reads "<sales@x.example>" as a tag and drops it: the address comes from the raw header.
  const addresses = { ...envelope, from: rawField(body, "from") ?? envelope.from, to: rawField(body, "to") ?? envelope.to };
  const sender = senderOrganisation(
    addresses,
    shown.concat(title).flatMap((t) => t.split("\n")),
  );
  if (sender) clean.sender = sender;
  return clean;
}

const UNTITLED = "Untitled";

/**
 * A whole web page → its visible text with structure marks (html-blocks.ts), by the reducer a note's
 * raw HTML goes through. Read as HTML from the start, not as Markdown with HTML blocks in it: a saved
 * page is indented and has blank lines, which Markdown would take for code blocks and block ends.
 * Invisible characters go after the markup, so entity-written ones (`&#8203;`) go too. The cap is
 * on the visible text: a saved page's first 200,000 characters can be all inline script and style.
 */
function visiblePage(
  source: string,
  flags: FlagCollector,
  maxChars: number | undefined,
): { marked: string; text: string; cut?: { analysed_chars: number; total_chars: number } } {
  const reduced = reduceHtml(source.replace(LINK_MARKS, "").replace(HTML_MARKS, ""), {
    decodeEntities: true,
    flags,
    markLinks: true,
    markStructure: true,
  });
  let marked = stripInvisible(reduced, flags);
  let cut: { analysed_chars: number; total_chars: number } | undefined;
  if (maxChars !== undefined && marked.length > maxChars) {
    const at = marked.lastIndexOf("\n", maxChars);
    cut = { analysed_chars: at > maxChars / 2 ? at : maxChars, total_chars: marked.length };
    marked = marked.slice(0, cut.analysed_chars);
  }
  return { marked, text: marked.replace(LINK_MARKS, "").replace(HTML_MARKS, ""), ...(cut ? { cut } : {}) };
}

/** A header field of an e-mail at the top of the raw item ("From: Sales <sales@x.example>"), if it holds an address. */
function rawField(body: string, name: "from" | "to"): string | undefined {
  const head = body.slice(0, 2000).split("\n").slice(0, 12);
  const line = head.find((l) => new RegExp(`^\\s*${name}\\s*:`, "i").test(l));
  return line && line.includes("@") ? line.replace(/^[^:]*:\s*/, "") : undefined;
}

/** Code keeps its text (an unterminated tag there is code); everything else loses tag fragments. */
function withoutResidue(block: RawBlock, flags: FlagCollector): RawBlock {
  if (block.kind === "code") return block;
  // Emoji shortcodes (":tada:") are a chat client's markup: gone like a tag's.
  const marked = withoutFootnoteReferences(withoutFootnoteMarks(withoutShortcodes(removeTagResidue(block.text, flags))));
  const text = withoutHesitations(block.kind === "list_item" || block.kind === "paragraph" ? withoutTaskBox(marked) : marked).replace(
    /[ \t]{2,}/g,
    " ",
  );
  const rows = block.rows?.map((r) =>
    r.map((c) => withoutFootnoteReferences(withoutFootnoteMarks(withoutShortcodes(removeTagResidue(c, flags)))).trim()),
  );
  return rows ? { ...block, text, rows } : { ...block, text };
}

function cleanTitle(title: string, flags: FlagCollector): string {
  let t = stripInvisible(title, flags);
  if (mayContainHtml(t)) t = removeTagResidue(reduceHtml(t, { decodeEntities: true, flags }), flags);
  t = t.replace(/\s+/g, " ").trim();
  const kept = splitSentences(t).filter((s) => !injected(s, flags));
  return kept.join(" ") || UNTITLED;
}

function injected(sentence: string, flags: FlagCollector): boolean {
  const why = promptInjectionReason(sentence);
  if (why) flags.add("prompt_injection", `text that ${why} removed`, sentence);
  return why !== null;
}

function structure(raw: readonly RawBlock[], flags: FlagCollector): { blocks: Block[]; shown: string[] } {
  const out: Block[] = [];
  /** What a person sees, in order: every block's text and the lines set aside. */
  const shown: string[] = [];
  const content = raw.filter((b) => !b.aside);
  const after = new Map(content.map((b, i) => [b, content[i + 1]]));
  let section: string | null = null;
  let level = 0;
  const heading = (title: string, depth: number) => {
    const text = withoutNumbering(title);
    out.push({ kind: "heading", text, level: depth, section, sentences: [] });
    shown.push(text);
    section = text;
    level = depth;
  };
  const emit = (block: Block) => {
    out.push(block);
    shown.push(block.text);
  };
  raw.forEach((block) => {
    if (block.aside) {
      // Not read for facts, but still a model's input (the clean text): injected lines go here too.
      const lines = block.text.split("\n").map((line) =>
        splitSentences(line)
          .filter((s) => !injected(s, flags))
          .join(" "),
      );
      const text = lines.filter((line) => line !== "").join("\n");
      if (text) shown.push(text);
      return;
    }
    const next = after.get(block);
    switch (block.kind) {
      case "heading":
        if (!injected(block.text, flags)) heading(block.text, block.level ?? 1);
        return;
      case "code":
        emit({ kind: "code", text: block.text, section, sentences: [] });
        return;
      case "table": {
        const rows = (block.rows ?? []).map((r) => r.map((cell) => (cell && injected(cell, flags) ? "" : cell)));
        emit({ kind: "table", text: rows.map((r) => r.join(" | ")).join("\n"), section, sentences: [], rows });
        return;
      }
      default: {
        let text = block.text;
        // "Risks:" or "**Next steps**" over a list, or a short first line over the rest: a title.
        const listTitle = block.kind === "paragraph" && next?.kind === "list_item" && isTitle(text, block.emphasisOnly === true);
        if (listTitle || (block.kind === "paragraph" && block.emphasisOnly && isTitle(text, true))) {
          // "We need 34 chargers across the two depots. Quotes:" — a sentence, then the list's title.
          const parts = listTitle ? splitSentences(text) : [];
          const said = parts.slice(0, -1).filter((s) => !injected(s, flags));
          if (said.length > 0) emit({ kind: "paragraph", text: said.join(" "), section, sentences: said });
          const title = said.length > 0 ? (parts.at(-1) ?? text) : text;
          if (!injected(title, flags)) heading(stripTitle(title), Math.min(6, level + 1));
          return;
        }
        const lineBreak = text.indexOf("\n");
        if (block.kind === "paragraph" && lineBreak > 0 && isTitle(text.slice(0, lineBreak), false)) {
          const first = text.slice(0, lineBreak);
          if (!injected(first, flags)) heading(stripTitle(first), Math.min(6, level + 1));
          text = text.slice(lineBreak + 1);
        }
        // A quotation with its speaker ("“Our dashboard was blank. Second time this quarter.” — Head of BI")
        // is one unit: split, its last sentence would carry the attribution and the first would lose it.
        const quotation = ATTRIBUTED_QUOTE.test(text) && text.length <= 400 && !text.includes("\n");
        const labelled = block.kind === "paragraph" ? leadLabel(text) : null;
        if (labelled) text = labelled.rest;
        const sentences = (quotation ? [text.trim()] : splitSentences(text)).filter((s) => !injected(s, flags));
        if (sentences.length === 0) return;
        emit({
          kind: block.kind,
          text: sentences.join(" "),
          section,
          sentences,
          ...(labelled ? { lead: labelled.lead } : {}),
          ...(block.claimOf !== undefined ? { claimOf: block.claimOf } : {}),
        });
      }
    }
  });
  return { blocks: out, shown };
}

// (A review's rating may come first: "★★★★★ “Found the exact lamp … Brilliant.” — verified buyer, Leeds".)
const ATTRIBUTED_QUOTE = /^\s*(?:[★☆⭐✩]{1,5}\s*)?["“][^"“”]+["”]\s*[—–-]{1,2}\s*\p{L}[^"“”]{0,120}$/u;

function isTitle(text: string, emphasised: boolean): boolean {
  const t = text.trim();
  if (t.includes("\n") || t.split(/\s+/).length > TITLE_WORDS) return false;
  if (t.endsWith(":")) return true;
  return (emphasised || !/[.!?…;,]["'”’)]*$/.test(t)) && /^[\p{Lu}\p{N}]/u.test(t);
}

/**
 * A heading's section number is the document's navigation, not its name: "5. Actions" and "2.1 Fleet"
 * are "Actions" and "Fleet" (a slide titled "5. Actions" reads as a fragment). A number that is the
 * name ("2026 results", "100 days in") has no dot or bracket after it and stays.
 */
export function withoutNumbering(heading: string): string {
  const stripped = heading.replace(/^(?:\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+|[IVX]{1,4}\.)\s+(?=\p{L})/u, "");
  return stripped || heading;
}

/**
 * "TL;DR — the 12 electric vans …" → lead "TL;DR", rest "The 12 electric vans …": the label is
 * taken off (quoted, "Electric vans are 31%" was what a composer made of it) and the first letter
 * of what follows is capitalised, as the sentence it now is. Emphasis is already gone here.
 */
export function leadLabel(text: string): { lead: string; rest: string } | null {
  const m = LEAD_LABEL.exec(text);
  if (!m?.[1]) return null;
  const rest = text.slice(m[0].length);
  // "Summary: 3 of 5" or a label over a few words is a field, not a lead: a lead opens a sentence.
  if (rest.split(/\s+/).length < 5) return null;
  return { lead: m[1], rest: rest.charAt(0).toUpperCase() + rest.slice(1) };
}

function stripTitle(text: string): string {
  return text.trim().replace(/:$/, "").trim();
}

/** The whole text is one JSON object or array (an API export), not a document that quotes some JSON. */
export function isJsonDocument(text: string): boolean {
  const t = text.trim();
  if (!/^[[{]/.test(t) || !/[\]}]$/.test(t)) return false;
  try {
    const value: unknown = JSON.parse(t);
    return typeof value === "object" && value !== null;
  } catch {
    return false;
  }
}
