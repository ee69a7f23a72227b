// Tokens and their cost, one record per model call. The price table is the operator's
// (WORKSMITH_LLM_PRICES); a model it does not list has no cost, never a guessed one.
import type { LanguageModelMiddleware } from "ai";
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

/**
 * Middleware that reports a call's tokens as soon as the model's own stream finishes. The SDK's
 * finish-step comes only after the step's tools have run: a cancel during a slow tool would lose
 * the tokens of a call that was already paid for.
 */
export function tapUsage(onUsage: (inputTokens: number, outputTokens: number) => void): LanguageModelMiddleware {
  return {
    specificationVersion: "v3",
    async wrapStream({ doStream }) {
      const result = await doStream();
      type Part = typeof result.stream extends ReadableStream<infer P> ? P : never;
      const stream = result.stream.pipeThrough(
        new TransformStream<Part, Part>({
          transform(part, controller) {
            if (part.type === "finish") onUsage(part.usage.inputTokens.total ?? 0, part.usage.outputTokens.total ?? 0);
            controller.enqueue(part);
          },
        }),
      );
      return { ...result, stream };
    },
  };
}

/** What one call cost, or undefined when the provider reported no tokens. */
export function usageOfCall(
  inputTokens: number,
  outputTokens: number,
  who: { provider: string; model: string },
  prices: PriceTable | undefined,
): Usage | undefined {
  if (inputTokens === 0 && outputTokens === 0) return undefined;
  return {
    inputTokens,
    outputTokens,
    model: who.model,
    provider: who.provider,
    costUsd: costOf(prices, who.model, inputTokens, outputTokens),
  };
}
