// A context item's title and body → clean blocks with sentences, and the flags of what was removed.
// Order matters: invisible characters go first (they can split a word an injection filter looks
// for: "ign\u200bore"), then markup (by the item's format), then sentences, then the injection
// filter sentence by sentence, then list titles become headings and every block learns its section.
import type { Block, ContextFlag } from "../../../domain/context-analysis.js";
import type { RawBlock } from "./blocks.js";
import { FlagCollector } from "./flags.js";
import { mayContainHtml, reduceHtml } from "./html.js";
import { promptInjectionReason } from "./injection.js";
import { stripInvisible } from "./invisible.js";
import { markdownToBlocks } from "./markdown.js";
import { plainToBlocks } from "./plain.js";
import { removeTagResidue } from "./residue.js";
import { splitSentences } from "./sentences.js";

export interface CleanItem {
  title: string;
  blocks: Block[];
  /** Blocks' text separated by blank lines: every sentence and fact value is a slice of it. */
  text: string;
  flags: ContextFlag[];
}

const PLAIN_MIMES = new Set(["text/plain", "application/pdf"]);
/** A title line above a list or a paragraph: at most this many words. */
const TITLE_WORDS = 8;

export function cleanContextItem(item: { title: string; body: string; mime?: string | null | undefined }): CleanItem {
  const flags = new FlagCollector();
  const title = cleanTitle(item.title, flags);
  const body = stripInvisible(item.body, flags);
  const parsed = PLAIN_MIMES.has(item.mime ?? "") ? plainToBlocks(body, flags) : markdownToBlocks(body, flags);
  const raw = parsed.map((b) => withoutResidue(b, flags)).filter((b) => b.text.trim() !== "");
  const blocks = structure(raw, flags);
  return { title, blocks, text: blocks.map((b) => b.text).join("\n\n"), flags: flags.list() };
}

/** Code keeps its text (an unterminated tag there is code); everything else loses tag fragments. */
function withoutResidue(block: RawBlock, flags: FlagCollector): RawBlock {
  if (block.kind === "code") return block;
  const text = removeTagResidue(block.text, flags).replace(/[ \t]{2,}/g, " ");
  const rows = block.rows?.map((r) => r.map((c) => removeTagResidue(c, flags).trim()));
  return rows ? { ...block, text, rows } : { ...block, text };
}

function cleanTitle(title: string, flags: FlagCollector): string {
  let t = stripInvisible(title, flags);
  if (mayContainHtml(t)) t = removeTagResidue(reduceHtml(t, { decodeEntities: true, flags }), flags);
  t = t.replace(/\s+/g, " ").trim();
  const kept = splitSentences(t).filter((s) => !injected(s, flags));
  return kept.join(" ") || "Untitled";
}

function injected(sentence: string, flags: FlagCollector): boolean {
  const why = promptInjectionReason(sentence);
  if (why) flags.add("prompt_injection", `text that ${why} removed`, sentence);
  return why !== null;
}

function structure(raw: readonly RawBlock[], flags: FlagCollector): Block[] {
  const out: Block[] = [];
  let section: string | null = null;
  let level = 0;
  const heading = (text: string, depth: number) => {
    out.push({ kind: "heading", text, level: depth, section, sentences: [] });
    section = text;
    level = depth;
  };
  raw.forEach((block, i) => {
    const next = raw[i + 1];
    switch (block.kind) {
      case "heading":
        if (!injected(block.text, flags)) heading(block.text, block.level ?? 1);
        return;
      case "code":
        out.push({ kind: "code", text: block.text, section, sentences: [] });
        return;
      case "table": {
        const rows = (block.rows ?? []).map((r) => r.map((cell) => (cell && injected(cell, flags) ? "" : cell)));
        out.push({ kind: "table", text: rows.map((r) => r.join(" | ")).join("\n"), section, sentences: [], rows });
        return;
      }
      default: {
        let text = block.text;
        // "Risks:" or "**Next steps**" over a list, or a short first line over the rest: a title.
        const listTitle = block.kind === "paragraph" && next?.kind === "list_item" && isTitle(text, block.emphasisOnly === true);
        if (listTitle || (block.kind === "paragraph" && block.emphasisOnly && isTitle(text, true))) {
          if (!injected(text, flags)) heading(stripTitle(text), Math.min(6, level + 1));
          return;
        }
        const lineBreak = text.indexOf("\n");
        if (block.kind === "paragraph" && lineBreak > 0 && isTitle(text.slice(0, lineBreak), false)) {
          const first = text.slice(0, lineBreak);
          if (!injected(first, flags)) heading(stripTitle(first), Math.min(6, level + 1));
          text = text.slice(lineBreak + 1);
        }
        const sentences = splitSentences(text).filter((s) => !injected(s, flags));
        if (sentences.length === 0) return;
        out.push({ kind: block.kind, text: sentences.join(" "), section, sentences });
      }
    }
  });
  return out;
}

function isTitle(text: string, emphasised: boolean): boolean {
  const t = text.trim();
  if (t.includes("\n") || t.split(/\s+/).length > TITLE_WORDS) return false;
  if (t.endsWith(":")) return true;
  return (emphasised || !/[.!?…;,]["'”’)]*$/.test(t)) && /^[\p{Lu}\p{N}]/u.test(t);
}

function stripTitle(text: string): string {
  return text.trim().replace(/:$/, "").trim();
}
