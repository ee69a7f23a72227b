// How the CLI words what a ticket cost and whether an output's figures were found in its sources:
// one line each, the same in `tickets`, `follow` and `outputs` (the web app words them alike).
import type { TicketUsage } from "../../domain/contract.js";
import type { Grounding } from "../../domain/grounding.js";
import { formatCost, formatTokens } from "../../domain/usage-format.js";

/** "gpt-4o-mini (openai)"; the model alone when the provider is unknown. */
export function modelLabel(usage: Pick<TicketUsage, "model" | "provider">): string | null {
  if (!usage.model) return null;
  return usage.provider ? `${usage.model} (${usage.provider})` : usage.model;
}

/** "gpt-4o-mini (openai) · 2,000 in / 500 out tokens · $0.0020" — only the parts that are known. */
export function usageLine(usage: TicketUsage): string {
  const parts = [
    modelLabel(usage),
    `${formatTokens(usage.input_tokens)} in / ${formatTokens(usage.output_tokens)} out tokens`,
    usage.cost_usd !== null ? formatCost(usage.cost_usd) : null,
  ];
  return parts.filter((p): p is string => p !== null).join(" · ");
}

/** "All 7 figures found in sources", or "2 of 9 figures not found in the cited sources: 7%, Q4". */
export function groundingLine(g: Grounding): string {
  if (g.figures === 0) return "No figures to check";
  if (g.unverified.length === 0) return `All ${g.figures} figure${g.figures === 1 ? "" : "s"} found in sources`;
  return `${g.unverified.length} of ${g.figures} figure${g.figures === 1 ? "" : "s"} not found in the cited sources: ${g.unverified.join(", ")}`;
}

/** Compact, for a table cell: "7/7 ✓", "7/9 ⚠", "-" when unchecked. */
export function groundingCell(g: Grounding | null): string {
  if (!g) return "-";
  if (g.figures === 0) return "none";
  return `${g.verified}/${g.figures} ${g.unverified.length === 0 ? "✓" : "⚠"}`;
}
