// The span a report covers when the items state it as a run of months or days ("six-month report
// (April–September 2026)", "March–August 2026", "from 1 April to 30 September 2026"), and the length
// the author calls it ("six-month", "eight-week"). Such a report is not a "Monthly status report —
// September 2026": its title and its Period line say the span the items state, and no adjective
// unless the author used one.
import type { SourceRef } from "../context.js";
import { findDates } from "../facts/dates.js";
import type { Insights } from "./insights.js";

/** The span a text states, as written ("April–September 2026"), or undefined: the fact model's reading of dates. */
export function spanIn(text: string): string | undefined {
  return findDates(text).find((d) => d.kind === "span")?.text;
}

/** A period that is a run of months rather than one month, quarter or year. */
export function isSpan(period: string): boolean {
  return spanIn(period) !== undefined;
}

// "six-month report", "12-week pilot", "eight-month review": the length the author gives the period
// their document covers. Only before a word naming a report, a trial or a period, so "a 9-month
// lead time" is no report's length.
const LENGTH =
  /\b((?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|\d{1,2})[- ](?:month|week))\s+(?:report|review|update|pilot|trial|programme|program|period|summary|results|evaluation|retrospective)\b/i;

/** The length a heading or title calls the period ("Six-month"), capitalised for a title. */
export function lengthIn(text: string): string | undefined {
  const m = LENGTH.exec(text)?.[1];
  return m ? m.charAt(0).toUpperCase() + m.slice(1).toLowerCase().replace(" ", "-") : undefined;
}

type Where = Pick<Insights, "sentences" | "periods">;

/** The headings and titles of the focused items, best item first: where an author names what a document covers. */
function headings(insights: Where): { text: string; source: SourceRef }[] {
  const out: { text: string; source: SourceRef }[] = [];
  const seen = new Set<string>();
  for (const s of [...insights.sentences].sort((a, b) => a.sourceRank - b.sourceRank || a.id - b.id)) {
    if (!s.focused) continue;
    for (const text of [s.source.title, s.section ?? ""]) {
      const key = `${s.source.id}\u0000${text}`;
      if (!text || seen.has(key)) continue;
      seen.add(key);
      out.push({ text, source: s.source });
    }
  }
  return out;
}

/**
 * The span the items say they cover: a span among the periods the fact model records for a title or
 * heading, else one a focused item's title or heading states (a heading "…report (April–September
 * 2026)" says what the whole document covers; a span in the body may be a comparison's base).
 */
export function statedSpan(insights: Where): { period: string; source: SourceRef } | undefined {
  const recorded = insights.periods.find((p) => (p.weight ?? 3) >= 2 && isSpan(p.period));
  if (recorded) return { period: recorded.period, source: recorded.source };
  for (const h of headings(insights)) {
    const span = spanIn(h.text);
    if (span) return { period: span, source: h.source };
  }
  return undefined;
}

/** The length the items' titles or headings give their period ("Six-month"), if any. */
export function statedLength(insights: Where): string | undefined {
  for (const h of headings(insights)) {
    const length = lengthIn(h.text);
    if (length) return length;
  }
  return undefined;
}

/** The author's whole phrase for the document ("Six-month report", "Twelve-week pilot"), if a title or heading has one. */
export function statedLengthPhrase(insights: Where): string | undefined {
  for (const h of headings(insights)) {
    const m = LENGTH.exec(h.text)?.[0];
    if (m) return m.charAt(0).toUpperCase() + m.slice(1).toLowerCase();
  }
  return undefined;
}
