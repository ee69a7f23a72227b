// The HTTP contract of a project's outputs library, of comparing two outputs of one lineage, and of
// read-only share links (issue 15 items 3–5). Kept beside contract.ts so the web app imports the types
// of these pages without the rest; the diff itself is computed by src/domain/text-diff.ts.
import { z } from "zod";
import { OutputView, Uuid } from "./contract.js";
import { OutputFormat } from "./recipe.js";
import { TicketStatus } from "./ticket-status.js";

/** A format filter: one of the file formats, or `text` for outputs with a body and no file. */
export const LibraryFormat = z.enum([...OutputFormat.options, "text"]);
export type LibraryFormat = z.infer<typeof LibraryFormat>;

export const LibraryQuery = z.object({
  recipe: z.string().min(1).max(100).optional(),
  format: LibraryFormat.optional(),
  /** Words of the title (full text, English stemming) or any part of it. */
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;

/**
 * A lineage is a chain of regenerations: the original ticket and every ticket made from it by retry or
 * regenerate (`retry_of`), transitively. `id` is the original ticket's id; `version` counts the
 * lineage's tickets in the order they were created (1 = the original).
 */
export const Lineage = z.object({ id: Uuid, version: z.number().int().min(1), versions: z.number().int().min(1) });
export type Lineage = z.infer<typeof Lineage>;

export const LibraryTicket = z.object({
  id: Uuid,
  recipe_slug: z.string(),
  recipe_name: z.string(),
  status: TicketStatus,
  created_at: z.string(),
  retry_of: Uuid.nullable(),
});
export type LibraryTicket = z.infer<typeof LibraryTicket>;

/** One output as the library lists it (no body: open the ticket or compare for that). */
export const LibraryOutput = OutputView.pick({
  id: true,
  title: true,
  file_format: true,
  mime: true,
  bytes: true,
  filename: true,
  output_type: true,
  created_at: true,
}).extend({ ticket: LibraryTicket, lineage: Lineage });
export type LibraryOutput = z.infer<typeof LibraryOutput>;

export const LibraryPage = z.object({ items: z.array(LibraryOutput), next_cursor: z.string().nullable() });
export type LibraryPage = z.infer<typeof LibraryPage>;

// ── Compare ─────────────────────────────────────────────────────────────────────────────────────

export const CompareQuery = z.object({ base: z.string().min(1).max(200), head: z.string().min(1).max(200) });

/** A run of words inside a changed line: unchanged, or only on this side. */
export const DiffPart = z.object({ text: z.string(), changed: z.boolean() });
export type DiffPart = z.infer<typeof DiffPart>;

export const DiffSide = z.object({ line: z.number().int().min(1), text: z.string(), parts: z.array(DiffPart) });
export type DiffSide = z.infer<typeof DiffSide>;

/**
 * One row of a side-by-side diff: `same` (both sides), `changed` (a line replaced; the parts mark
 * the words that differ), `removed` (base only) or `added` (head only).
 */
export const DiffRow = z.object({
  kind: z.enum(["same", "changed", "removed", "added"]),
  base: DiffSide.nullable(),
  head: DiffSide.nullable(),
});
export type DiffRow = z.infer<typeof DiffRow>;

export const DiffStats = z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() });
export type DiffStats = z.infer<typeof DiffStats>;

/** A slide, a sheet, or the whole text; paired by position across the two outputs. */
export const DiffSection = z.object({
  label: z.string(),
  changed: z.boolean(),
  rows: z.array(DiffRow),
  stats: DiffStats,
});
export type DiffSection = z.infer<typeof DiffSection>;

export const CompareKind = z.enum(["markdown", "slides", "pdf", "sheets"]);
export type CompareKind = z.infer<typeof CompareKind>;

export const CompareSide = LibraryOutput.extend({
  /** The text that was compared: the markdown, or the file's extracted text (slides / sheets separated by a heading line). */
  text: z.string(),
});
export type CompareSide = z.infer<typeof CompareSide>;

export const Comparison = z.object({
  kind: CompareKind,
  base: CompareSide,
  head: CompareSide,
  sections: z.array(DiffSection),
  stats: DiffStats,
  /** True when the texts were too large or too different to diff within the time bound: sections then hold whole-side rows. */
  truncated: z.boolean(),
});
export type Comparison = z.infer<typeof Comparison>;

export const LineageOutputs = z.object({ items: z.array(LibraryOutput) });
export type LineageOutputs = z.infer<typeof LineageOutputs>;

// ── Shares ──────────────────────────────────────────────────────────────────────────────────────

export const SHARE_DAYS = [1, 7, 30] as const;

export const ShareCreate = z.object({
  expires_in_days: z.union([z.literal(1), z.literal(7), z.literal(30)], { message: "choose 1, 7 or 30 days" }),
});
export type ShareCreate = z.infer<typeof ShareCreate>;

export const ShareView = z.object({
  id: Uuid,
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  created_by: z.object({ id: Uuid, name: z.string(), email: z.string() }),
  state: z.enum(["active", "expired", "revoked"]),
});
export type ShareView = z.infer<typeof ShareView>;

/** Answered once, at creation: only the hash of the token is kept. */
export const ShareCreated = ShareView.extend({ token: z.string(), url: z.string() });
export type ShareCreated = z.infer<typeof ShareCreated>;

/**
 * What a share link shows to anybody who has it: the recipe and the outputs, nothing else of the
 * project — no project or ticket id, no parameters, no sources (context titles), no people.
 */
export const SharedOutput = OutputView.pick({
  id: true,
  title: true,
  body: true,
  file_format: true,
  mime: true,
  bytes: true,
  filename: true,
  output_type: true,
  created_at: true,
}).extend({ download_url: z.string().nullable(), download_expires_at: z.string().nullable() });
export type SharedOutput = z.infer<typeof SharedOutput>;

export const SharedTicket = z.object({
  recipe: z.object({ name: z.string(), icon: z.string(), description: z.string() }),
  finished_at: z.string().nullable(),
  expires_at: z.string(),
  outputs: z.array(SharedOutput),
});
export type SharedTicket = z.infer<typeof SharedTicket>;
