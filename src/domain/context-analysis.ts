// What a context item becomes once, when it is added: clean visible text with its structure, the
// facts stated in it, and the suspicious parts that were taken out. Stored on the item
// (`context_items.analysis`), read by every agent; composers only ever arrange these facts, and
// every value in them is a verbatim slice of the item's clean text.
//
// Bump ANALYSIS_VERSION whenever the cleaner or the extractor changes what they produce: items
// stored with an older version are analysed again the next time an agent reads them.
import { z } from "zod";

export const ANALYSIS_VERSION = 28;

/** One unit of structure, in reading order. Markup, scripts and images are already gone. */
export const Block = z.object({
  kind: z.enum(["heading", "paragraph", "list_item", "table", "quote", "code"]),
  /** Visible text (for a table: its rows joined, for search; use `rows` to lay it out). */
  text: z.string(),
  /** Heading level 1–6. */
  level: z.number().int().min(1).max(6).optional(),
  /** The nearest heading above this block, or null before the first heading. */
  section: z.string().nullable(),
  /** The block split into sentences (paragraphs, list items, quotes). Never split inside a number, URL, identifier or abbreviation. */
  sentences: z.array(z.string()).default([]),
  /** Tables: header row first. */
  rows: z.array(z.array(z.string())).optional(),
  /**
   * The label a paragraph opened with and that is taken off its text: "**TL;DR** — the 12 vans …",
   * "In short: …", "Bottom line — …" (lead "TL;DR", "In short", "Bottom line"). It says what the
   * paragraph is to its author (here: their summary); it is no part of any sentence to quote.
   */
  lead: z.string().optional(),
  /**
   * Set when the block passes on someone else's claim rather than stating the author's own: a message
   * forwarded into a chat, "Saw this on LinkedIn: …", a line pasted from a supplier's brochure. Says
   * whose claim it is as the text puts it ("forwarded", "LinkedIn", "their brochure"). The block stays
   * for the record; no figure, event or statement is read from it, and no composer states it as fact
   * (src/agents/ingest/clean/claims.ts).
   */
  claimOf: z.string().optional(),
});
export type Block = z.infer<typeof Block>;

export const FigureUnit = z.enum(["currency", "percent", "count", "duration", "ratio", "score", "other"]);
export type FigureUnit = z.infer<typeof FigureUnit>;

/** A number that quantifies something, labelled with what it measures. */
export const FigureFact = z.object({
  /** What is measured, as the source words it ("revenue", "gross margin", "repeat purchase rate"). */
  metric: z.string(),
  /** Verbatim from the clean text ("$4.2 million", "18%", "29 euros per month"). */
  value: z.string(),
  /** The value as a number where it parses (4200000, 18, 29), for charts and sorting; null otherwise. */
  number: z.number().nullable(),
  unit: FigureUnit,
  /** ISO 4217 code or the symbol as written, for currency figures. */
  currency: z.string().optional(),
  /** Verbatim period the figure belongs to ("Q3 2026", "September 2026", "per month"). */
  period: z.string().optional(),
  /** A change the sentence states, verbatim parts ("up", "18%", from "68%", to "under 55%"). */
  change: z
    .object({
      direction: z.enum(["up", "down", "flat"]).optional(),
      by: z.string().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
    })
    .optional(),
  /** Who or what the figure is about when the sentence names it ("Fjellform", "Nordvind"). */
  entity: z.string().optional(),
  /** The clean sentence it was read from. */
  sentence: z.string(),
  section: z.string().nullable(),
});
export type FigureFact = z.infer<typeof FigureFact>;

export const EntityFact = z.object({
  name: z.string(),
  kind: z.enum(["organization", "product", "place", "person", "other"]),
  mentions: z.number().int().min(1),
});
export type EntityFact = z.infer<typeof EntityFact>;

export const EventFact = z.object({
  /** Verbatim ("15 November 2026", "March 2027", "Q4 2026"). */
  date: z.string(),
  /** Normalised where it parses: "2026-11-15", "2027-03", "2026-Q4". */
  iso: z.string().optional(),
  /** What happens (the clean sentence). */
  sentence: z.string(),
  section: z.string().nullable(),
});
export type EventFact = z.infer<typeof EventFact>;

export const STATEMENT_KINDS = ["risk", "issue", "plan", "action", "decision", "customer_voice", "request", "achievement"] as const;
export const StatementFact = z.object({
  kind: z.enum(STATEMENT_KINDS),
  /** The clean sentence or list item, verbatim. */
  text: z.string(),
  section: z.string().nullable(),
  /** Verbatim date the statement carries, if any. */
  date: z.string().optional(),
  /** Who said, owns or is concerned, if the text names it. */
  who: z.string().optional(),
});
export type StatementFact = z.infer<typeof StatementFact>;

/** Something taken out of the item because it is not content a person would send. */
export const ContextFlag = z.object({
  kind: z.enum(["markup", "script", "hidden_text", "prompt_injection", "link"]),
  /** A short excerpt of what was removed (for the context list), never shown in outputs. */
  excerpt: z.string(),
  detail: z.string(),
});
export type ContextFlag = z.infer<typeof ContextFlag>;

export const ContextAnalysis = z.object({
  version: z.number().int(),
  /** The item's title cleaned (markup out, file extension kept). */
  title: z.string(),
  /** Clean visible text, block by block, separated by blank lines (with the lines kept out of blocks as not content: e-mail headers, signatures, link-only lines). */
  text: z.string(),
  /** The date in an e-mail header at the top of the item, verbatim ("12 Nov 2026"). */
  document_date: z.string().optional(),
  blocks: z.array(Block),
  figures: z.array(FigureFact),
  entities: z.array(EntityFact),
  events: z.array(EventFact),
  statements: z.array(StatementFact),
  /** Periods the item is about, from its title and headings first ("Q3 2026", "September 2026"). */
  periods: z.array(z.string()),
  flags: z.array(ContextFlag),
  /**
   * A chat export or a meeting transcript (its speaker lines set aside): the team's own talk, so such
   * an item added without an internal flag is internal (src/domain/audience.ts, internalByDefault).
   */
  conversation: z.boolean().optional(),
  /**
   * What the item asks to keep out of anything public ("do not mention the judicial review …", "keep
   * the City Region bid out of it"), as markers a sentence is matched by (src/agents/facts/withheld.ts).
   */
  withheld: z.array(z.string()).optional(),
  /** Set when the item was longer than the analyser reads (src/agents/ingest/analyse.ts: the first 200,000 characters). */
  truncated: z.object({ analysed_chars: z.number().int(), total_chars: z.number().int() }).optional(),
});
export type ContextAnalysis = z.infer<typeof ContextAnalysis>;
