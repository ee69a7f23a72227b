// The periods an item is about: from its title first ("q3-board-update.md" → "Q3"), then its
// headings ("Customer interviews, September 2026" → "September 2026"), then periods the body
// states (quarters, halves, fiscal years, months with a year).
import type { Block } from "../../domain/context-analysis.js";
import { findDates } from "./dates.js";

const MONTH_WORD = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

export function periodsOf(title: string, blocks: readonly Block[], bodyDates: readonly { text: string; kind: string }[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = p.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  // A file name reads as words: "q3-board-update.md" → "q3 board update".
  const titleWords = title.replace(/\.[a-z0-9]{1,5}$/i, "").replace(/[-_]+/g, " ");
  const titleDates = findDates(
    titleWords
      .replace(/\bq([1-4])\b/g, "Q$1")
      .replace(/\bh([12])\b/g, "H$1")
      .replace(/\bfy(\d)/gi, "FY$1"),
  );
  for (const d of titleDates) add(d.text);
  if (titleDates.length === 0) {
    // A month alone in a title ("customer-interviews-september") names the period too.
    const month = MONTH_WORD.exec(titleWords)?.[1];
    if (month) add(month.charAt(0).toUpperCase() + month.slice(1).toLowerCase());
  }
  for (const block of blocks) {
    if (block.kind !== "heading") continue;
    for (const d of findDates(block.text)) add(d.text);
  }
  // From the body: quarters, halves and fiscal years by name; months with a year only when nothing
  // coarser names the item's period (a Q3 report mentions July in passing).
  const named = bodyDates.filter((d) => /\d/.test(d.text));
  const coarse = named.filter((d) => d.kind === "quarter" || d.kind === "half" || (d.kind === "year" && /^FY/i.test(d.text)));
  for (const d of coarse) add(d.text);
  if (out.length === 0) for (const d of named.filter((d) => d.kind === "month")) add(d.text);
  return out;
}
