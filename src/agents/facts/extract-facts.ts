// Clean blocks → the facts stated in them. Placeholder until the extractors land.
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import type { CleanItem } from "../ingest/clean/clean-item.js";

export type Facts = Pick<ContextAnalysis, "figures" | "entities" | "events" | "statements" | "periods">;

export function extractFacts(_item: CleanItem): Facts {
  return { figures: [], entities: [], events: [], statements: [], periods: [] };
}
