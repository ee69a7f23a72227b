// The periods an item is about: from its title first ("q3-board-update.md" → "Q3"), then its
// headings ("Customer interviews, September 2026" → "September 2026"), then periods the body
// states (quarters, halves, fiscal years, months with a year). Also sprints, weeks and iterations
// by number ("Sprint 14", "Week 45"). A single day is never a period: "Risks (updated 20 October
// 2026)" or "standup-2026-10-20.txt" dates the document, it does not say what span it covers.
import type { Block } from "../../domain/context-analysis.js";
import { findDates } from "./dates.js";

const NUMBERED_SPAN = /\b(sprint|week|iteration|cycle|increment|pi)[\s-]+(\d{1,3})\b(?![.,]\d|\s*%)/gi;

function numberedSpans(text: string): string[] {
  return [...text.matchAll(NUMBERED_SPAN)].map((m) => {
    const word = m[1] ?? "";
    const name = word.length <= 2 ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
    return `${name} ${m[2] ?? ""}`;
  });
}

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
  // A document dated to a day is a snapshot: months its body mentions are events, not its period.
  let dated = titleDates.some((d) => d.kind === "day") || findDates(title).some((d) => d.kind === "day");
  for (const d of titleDates) if (d.kind !== "day") add(d.text);
  for (const span of numberedSpans(titleWords)) add(span);
  if (titleDates.every((d) => d.kind === "day")) {
    // A month alone in a title ("customer-interviews-september") names the period too.
    const month = MONTH_WORD.exec(titleWords)?.[1];
    if (month) add(month.charAt(0).toUpperCase() + month.slice(1).toLowerCase());
  }
  for (const block of blocks) {
    if (block.kind !== "heading") continue;
    for (const d of findDates(block.text)) {
      if (d.kind === "day") dated = true;
      else add(d.text);
    }
    for (const span of numberedSpans(block.text)) add(span);
  }
  // From the body: quarters, halves and fiscal years by name; months with a year only when nothing
  // coarser names the item's period (a Q3 report mentions July in passing).
  const named = bodyDates.filter((d) => /\d/.test(d.text));
  const coarse = named.filter(
    (d) => d.kind === "span" || d.kind === "quarter" || d.kind === "half" || (d.kind === "year" && /^FY/i.test(d.text)),
  );
  for (const d of coarse) add(d.text);
  if (out.length === 0 && !dated) for (const d of named.filter((d) => d.kind === "month")) add(d.text);
  return out;
}
