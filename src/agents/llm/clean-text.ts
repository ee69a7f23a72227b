// Model text is cleaned before it is stored, like context is at ingest: HTML tags (their text
// kept), scripts, images, hidden elements and invisible characters never reach a body, a slide or
// a document; Markdown itself (headings, lists, tables, links) is kept as written.
import { sanitizeMarkdown } from "../ingest/clean/index.js";

/** Cleans one piece of model-written Markdown. */
export function cleanModelText(text: string): string {
  return sanitizeMarkdown(text);
}

/** Every string of a tool's input, cleaned (ids and numbers pass through unchanged). */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanModelText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanStrings(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  }
  return value;
}
