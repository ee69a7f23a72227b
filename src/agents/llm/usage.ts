// Tokens and their cost, one record per model call. The price table is the operator's
// (WORKSMITH_LLM_PRICES); a model it does not list has no cost, never a guessed one.
import type { LanguageModelUsage } from "ai";
import type { Usage } from "../../domain/agent-runner.js";

export interface ModelPrice {
  input_per_mtok: number;
  output_per_mtok: number;
}
export type PriceTable = Record<string, ModelPrice>;

/** USD for one call, or undefined when the table has no price for the model. */
export function costOf(prices: PriceTable | undefined, model: string, inputTokens: number, outputTokens: number): number | undefined {
  const price = prices?.[model];
  if (!price) return undefined;
  return (inputTokens * price.input_per_mtok + outputTokens * price.output_per_mtok) / 1_000_000;
}

/** What one step cost, or undefined when the provider reported no tokens. */
export function usageOfStep(
  usage: LanguageModelUsage,
  who: { provider: string; model: string },
  prices: PriceTable | undefined,
): Usage | undefined {
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  if (inputTokens === 0 && outputTokens === 0) return undefined;
  return {
    inputTokens,
    outputTokens,
    model: who.model,
    provider: who.provider,
    costUsd: costOf(prices, who.model, inputTokens, outputTokens),
  };
}
