// The quality checks, pure: text in, findings out. What each check means is in bench/RESULTS.md
// (section "Quality").
import type { Expect } from "./corpus.js";

/** Markdown escapes undone and spaces made plain, so a fact matches however the composer escaped it. */
export function plain(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()<>#+\-.!|~&$])/g, "$1")
    .replace(/[\u00a0\u2009\u202f]/g, " ")
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"');
}

function norm(text: string): string {
  return plain(text).toLowerCase().replace(/\s+/g, " ");
}

export function contains(haystack: string, needle: string): boolean {
  return norm(haystack).includes(norm(needle));
}

function found(haystack: string, e: Expect): boolean {
  return typeof e === "string" ? contains(haystack, e) : e.some((alt) => contains(haystack, alt));
}

export function label(e: Expect): string {
  return typeof e === "string" ? e : e.join(" | ");
}

export interface Recall {
  found: number;
  total: number;
  missing: string[];
}

export function recall(text: string, expected: readonly Expect[]): Recall {
  const missing = expected.filter((e) => !found(text, e)).map(label);
  return { found: expected.length - missing.length, total: expected.length, missing };
}

// Residue a reader must never see: tags, event handlers, script URLs, alert calls, injected orders.
const RESIDUE: { name: string; re: RegExp }[] = [
  { name: "<tag", re: /<\/?[a-z][a-z0-9-]*(?=[\s>/])/gi },
  { name: "onerror", re: /\bon(?:error|load|click|mouseover)\s*=/gi },
  { name: "onerror-word", re: /\bonerror\b/gi },
  { name: "javascript:", re: /javascript:/gi },
  { name: "alert(", re: /\balert\s*\(/gi },
  { name: "display:none", re: /display\s*:\s*none/gi },
  {
    name: "injection",
    re: /ignore (?:all )?(?:the )?previous instructions|disregard (?:all )?(?:prior|previous) instructions|system prompt|developer mode/gi,
  },
];

export function markupResidue(text: string): string[] {
  const t = plain(text);
  const hits: string[] = [];
  for (const { name, re } of RESIDUE) for (const m of t.matchAll(re)) hits.push(`${name}: ${excerpt(t, m.index ?? 0)}`);
  return hits;
}

function excerpt(text: string, at: number): string {
  return text
    .slice(Math.max(0, at - 15), at + 35)
    .replace(/\s+/g, " ")
    .trim();
}

export function forbiddenFound(text: string, forbidden: readonly string[]): string[] {
  return forbidden.filter((f) => contains(text, f));
}

// Section names a report or a deck may well use as one word.
const STANDARD_SECTIONS = new Set(
  [
    "summary",
    "sources",
    "references",
    "risks",
    "progress",
    "timeline",
    "findings",
    "evidence",
    "introduction",
    "conclusion",
    "agenda",
    "recommendation",
    "recommendations",
    "comparison",
    "figures",
    "linkedin",
    "x",
    "bluesky",
    "mastodon",
    "twitter",
    "overview",
    "background",
    "methodology",
    "decisions",
    "questions",
    "actions",
    "themes",
  ].map((s) => s.toLowerCase()),
);
const FILLER =
  /^(?:more from\b|also in\b|other (?:points|notes|items)\b|miscellaneous\b|additional (?:points|notes|context)\b|more\b|further (?:points|notes)\b|misc\b|various\b)/i;

export interface TitleFindings {
  duplicates: string[];
  filler: string[];
}

export function titleFindings(titles: readonly string[]): TitleFindings {
  const seen = new Map<string, number>();
  for (const t of titles) seen.set(norm(t).replace(/\s*\(continued\)$/, " (continued)"), (seen.get(norm(t)) ?? 0) + 1);
  const duplicates = [...seen.entries()].filter(([t, n]) => n > 1 && !t.endsWith("(continued)")).map(([t]) => t);
  const filler = titles.filter((t) => {
    const words = plain(t)
      .replace(/[^\p{L}\p{N}\s'&.-]/gu, " ")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (FILLER.test(plain(t).trim())) return true;
    return words.length === 1 && !STANDARD_SECTIONS.has(words[0]!.toLowerCase());
  });
  return { duplicates, filler };
}

/** Markdown headings of a body (level ≥ 2: the H1 is the document's title). */
export function markdownHeadings(md: string): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  let fenced = false;
  for (const line of md.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: m[1]!.length, text: m[2]! });
  }
  return out;
}

/** The text under the first heading matching `re`, up to the next heading of the same or a higher level. */
export function sectionText(md: string, re: RegExp): string | null {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && re.test(l));
  if (start < 0) return null;
  const level = /^(#+)/.exec(lines[start]!)![1]!.length;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const h = /^(#+)\s/.exec(line);
    if (h && h[1]!.length <= level) break;
    body.push(line);
  }
  return body.join("\n").trim();
}

/** Markdown tables: header + rows, cells trimmed. */
export function markdownTables(md: string): { header: string[]; rows: string[][] }[] {
  const tables: { header: string[]; rows: string[][] }[] = [];
  const lines = md.split("\n");
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\|/, "")
      .replace(/(?<!\\)\|$/, "")
      .split(/(?<!\\)\|/)
      .map((c) => plain(c).trim());
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\s*\|/.test(lines[i]!) || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1]!)) continue;
    const header = cells(lines[i]!);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && /^\s*\|/.test(lines[j]!); j++) rows.push(cells(lines[j]!));
    tables.push({ header, rows });
    i = j;
  }
  return tables;
}

/** How many of the options head a row (first cell names it), and how many rows there are. */
export function optionRows(rows: readonly string[][], options: readonly string[]) {
  const heads = rows.map((r) => r[0] ?? "");
  const covered = options.filter((o) => heads.some((h) => contains(h, o)));
  return { rows: rows.length, covered: covered.length, missing: options.filter((o) => !covered.includes(o)) };
}

export function wordCount(md: string): number {
  const text = plain(md)
    .replace(/^#{1,6}\s.*$/gm, " ")
    .replace(/\[\d+\]/g, " ")
    .replace(/[*_`>|#-]/g, " ");
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export interface SocialPost {
  platform: string;
  text: string;
}

/** Posts under platform headings: blockquote groups if the body uses them, else paragraphs (source lines dropped). */
export function socialPosts(md: string): SocialPost[] {
  const posts: SocialPost[] = [];
  const blocks = md.split(/^(?=#{2,3}\s)/m);
  for (const block of blocks) {
    const head = /^#{2,3}\s+(.+)$/m.exec(block)?.[1]?.trim() ?? "";
    const platform = /linkedin/i.test(head)
      ? "linkedin"
      : /bluesky/i.test(head)
        ? "bluesky"
        : /mastodon/i.test(head)
          ? "mastodon"
          : /^(x|twitter|x \(twitter\))\b/i.test(head)
            ? "x"
            : null;
    if (!platform) continue;
    const body = block.replace(/^#{2,3}\s+.+$/m, "");
    const groups: string[] = [];
    if (/^>/m.test(body)) {
      // Consecutive quoted lines are one post; anything else (a source line, a blank) ends it.
      let current: string[] | null = null;
      for (const line of body.split("\n")) {
        if (line.startsWith(">")) (current ??= []).push(line.replace(/^>\s?/, ""));
        else if (current) {
          groups.push(current.join("\n").trim());
          current = null;
        }
      }
      if (current) groups.push(current.join("\n").trim());
    } else {
      for (const g of body.split(/\n\s*\n/)) {
        const t = g.trim();
        if (t !== "" && !/^\*?(?:source|sources)\b/i.test(t) && !/^#{1,6}\s/.test(t)) groups.push(t);
      }
    }
    for (const g of groups.filter(Boolean))
      posts.push({
        platform,
        text: plain(g)
          .replace(/\[\d+\]/g, "")
          .trim(),
      });
  }
  return posts;
}

const STOP_WORDS = new Set(
  "the a an and or but of in on at to for from by with about as is are was were be been it its this that these those we our you your they their he she his her not no yes up down out over under more most less least percent per plan cell price dollars million thousand one two three four five six seven eight nine ten q1 q2 q3 q4 new update news script img div alert".split(
    " ",
  ),
);

export function badHashtags(text: string): string[] {
  return [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!).filter((t) => STOP_WORDS.has(t.toLowerCase()) || t.length < 3);
}

export const PLATFORM_LIMITS: Record<string, number> = { x: 280, bluesky: 300, mastodon: 500, linkedin: 3000 };

/** Claims that nothing mentions X, where the corpus does mention X. */
export function falseAbsenceClaims(text: string, corpusText: string): string[] {
  const out: string[] = [];
  for (const m of plain(text).matchAll(
    /\bno (?:source|item|context item|note)s?\s+(?:mentions?|covers?|says?|states?)\s+["'“‘]?([^"'”’.\n]{1,60})/gi,
  )) {
    const what = m[1]!.trim();
    if (contains(corpusText, what)) out.push(what);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Round 3 (reader findings): headings that summarise, corrections said, labels that say what is
// counted, charts that say what to see, summaries of statements. Written apart from the composers'
// own rules, so a regression in either shows.

const words = (text: string) =>
  plain(text)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** A heading that is the sentence after it again: its first six or more words, or most of it in one run. */
export function headingEchoes(heading: string, sentence: string): boolean {
  const h = words(heading);
  const s = words(sentence);
  if (h.length === 0 || s.length === 0) return false;
  if (h.length >= 6 && h.every((w, i) => s[i] === w)) return true;
  let run = 0;
  for (let i = 0; i < h.length; i++)
    for (let j = 0; j < s.length; j++) {
      let k = 0;
      while (i + k < h.length && j + k < s.length && h[i + k] === s[j + k]) k++;
      run = Math.max(run, k);
    }
  return run >= 0.8 * h.length && h.length >= 0.6 * s.length;
}

/** Markdown headings (level 2+) followed by a paragraph or list whose first sentence they repeat. */
export function echoingHeadings(md: string): string[] {
  const lines = md.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    const m = /^#{2,6}\s+(.+)$/.exec(line);
    if (!m?.[1]) return;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    if (!next || /^#|^\|/.test(next)) return;
    const first = next.replace(/^\s*(?:[-*>]|\d+\.)\s+/, "").split(/(?<=[.!?])\s+/)[0] ?? "";
    if (headingEchoes(m[1], first)) out.push(m[1]);
  });
  return out;
}

/** A value a source replaces, stated in an output without the value that replaces it. */
export function staleValues(text: string, corrections: readonly { wrong: string; right: string }[]): string[] {
  const has = (value: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}.,-])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{N}]|[.,]\\d)`, "u").test(plain(text));
  return corrections.filter((c) => has(c.wrong) && !has(c.right)).map((c) => `${c.wrong} (corrected to ${c.right})`);
}

const VAGUE = new Set("up down from to total only remaining rest other week month year sync status update".split(" "));

/**
 * Key-figure labels that do not say what is counted: ending on a verb or participle ("Children
 * aged", "volunteers gave"), a lone vague word ("Remaining"), or a percentage labelled by a bare
 * plural noun ("Sessions | 78%": 78% of sessions what?).
 */
export function weakFigureLabels(rows: readonly string[][]): string[] {
  return rows
    .filter((r) => {
      const label = (r[0] ?? "").replace(/\s*\([^)]*\)$/, "").trim();
      const value = r[1] ?? "";
      const w = words(label);
      const last = w.at(-1) ?? "";
      if (w.length === 0) return true;
      // "Children aged", "volunteers gave": the label stops on a verb ("Share of sessions attended" names its share).
      const verbEnd = /(?:gave|got|ran|spent|took|made)$/.test(last) || (/ed$/.test(last) && !/(?:need|speed|hundred)$/.test(last));
      // … but "New sellers onboarded", "tickets resolved": things, then what was done to them, is complete —
      // and so is a sum, then what was done with it ("Grant spent", "Budget spent"; round 18).
      const doneTo =
        (/ed$/.test(last) && /\p{L}{3,}s$/u.test(w.at(-2) ?? "")) ||
        (/^(?:spent|sold|paid)$/.test(last) && /^(?:grant|budget|fund|funding|money|cash|capital|award|allocation)$/.test(w.at(-2) ?? ""));
      if (verbEnd && !doneTo && !/^(?:share|number|percentage|proportion|rate|count)$/.test(w[0] ?? "")) return true;
      if (w.length === 1 && VAGUE.has(last)) return true;
      return w.length === 1 && /%/.test(value) && /s$/.test(last);
    })
    .map((r) => `${r[0]} | ${r[1]}`);
}

/** A chart's side text says what to see (highest, lowest, a change), not only its values again. */
export function saysWhatToSee(text: string): boolean {
  return /\b(?:highest|lowest|most|least|largest|smallest|ahead|behind|rose|fell|up|down|above|below|than)\b/i.test(plain(text));
}

const GREETING = /^(?:hi|hello|hey|dear|greetings|thanks|thank you|many thanks|best regards|kind regards|cheers)\b/i;
const ORDER =
  /^(?:add|ask|book|call|check|send|run|recruit|page|approve|schedule|prepare|review|fix|update|write|make|move|hire|buy|sign|submit|start|stop)\s/i;
const LABEL_NOTE = /^[^\s:.!?]+(?:\s+[^\s:.!?]+){0,3}:\s/;

/** Sentences of a summary that are a greeting, an order or a "Label: value" note. */
export function nonStatements(summary: string): string[] {
  return plain(summary)
    .replace(/\[\d+\]/g, "")
    .split(/(?<=[.!?])\s+(?=[A-Z"“])/)
    .map((s) => s.trim())
    .filter((s) => s !== "" && (GREETING.test(s) || ORDER.test(s) || LABEL_NOTE.test(s)));
}
