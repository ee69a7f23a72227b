// The figure an item's author put first: the headline of a deck's takeaway and of a report's summary.
import { isSummaryLabel } from "../../domain/summary-labels.js";
import { changeText, hasProperLabel } from "./compose-kit.js";
import type { Figure, Insights } from "./insights.js";
import { statedTarget } from "./key-figure-rows.js";

/**
 * A figure with a stated move and a proper label where an author puts the headline: the first
 * sentence (or second) of the most relevant item that states figures, or the first sentence under
 * an item's own summary heading — there, a figure said against its target or objective leads too.
 */
export function isOpening(f: Figure, insights: Pick<Insights, "sentences" | "figures">): boolean {
  // A move ("up 6.4%") or a stated target ("below our 99.95% SLO") makes it a headline.
  const moved = !!f.change && changeText(f) !== "";
  if (!hasProperLabel(f) || f.entity || !f.focused) return false;
  const targeted = !moved && statedTarget(f, insights.figures) !== undefined;
  if (!moved && !targeted) return false;
  const text = f.sentence.replace(/\s+/g, " ").trim();
  const at = insights.sentences.find((s) => s.source.id === f.source.id && s.text === text);
  if (!at) return false;
  // (A value against its target leads only from under the author's own summary heading: an
  // e-mail's opening "The restated figure is 87.1%, still below the 90% target" is a correction's.)
  if (moved && at.position <= 1 && f.sourceRank === leadRank(insights)) return true;
  // The first sentence under the author's own "Summary" ("Highlights", "At a glance") of any item.
  if (!isSummaryLabel(at.section ?? "")) return false;
  return !insights.sentences.some((s) => s.source.id === at.source.id && s.section === at.section && s.position < at.position);
}

/** The rank of the most relevant item stating a focused figure in a sentence. */
const ranks = new WeakMap<object, number>();
function leadRank(insights: Pick<Insights, "figures">): number {
  const known = ranks.get(insights.figures);
  if (known !== undefined) return known;
  let best = Number.POSITIVE_INFINITY;
  for (const f of insights.figures) if (f.focused && !f.sentence.includes(" | ")) best = Math.min(best, f.sourceRank);
  ranks.set(insights.figures, best);
  return best;
}
