// The "llm" agent provider: one streamed tool-calling loop (AI SDK streamText + stepCountIs) per
// ticket. The ticket's AbortSignal goes to every request, so a cancel closes the HTTP stream at once;
// tokens are recorded after each step, so a cancelled run still accounts for what it spent.
import { stepCountIs, streamText, type LanguageModel, type LanguageModelUsage } from "ai";
import { AgentError } from "../../domain/agent-runner.js";
import type { AgentContext, AgentProvider } from "../context.js";
import { toAgentError } from "./errors.js";
import { createLanguageModel } from "./model.js";
import { buildSystemPrompt, buildUserPrompt } from "./prompt.js";
import { requireLlmSettings, type LlmConfig } from "./settings.js";
import { createAgentToolSet, createRunState } from "./tools.js";

export interface LlmProviderOptions {
  /** Model calls per ticket (each may call several tools). Default 24: plan, 2–4 searches, files, emits, todo updates. */
  maxSteps?: number;
  /** Retries of a failed HTTP call inside one step (AI SDK backoff 2 s, 4 s …). Default 2. */
  maxRetries?: number;
  /** A ready model instead of one built from the settings (tests with `MockLanguageModelV3`). */
  model?: LanguageModel;
}

/**
 * Settings are checked when a ticket runs, not here: an incomplete configuration fails that ticket
 * with an AgentError naming the variable to set (start-up should already have warned via
 * checkLlmSettings).
 *
 * When the model stops without calling emit_work_output, its final text is emitted as a Markdown
 * output (generation "text", output type "summary") so the work is not lost; only a run that ends
 * with neither an output nor any text fails.
 */
export function createLlmProvider(config: LlmConfig, options: LlmProviderOptions = {}): AgentProvider {
  const maxSteps = options.maxSteps ?? 24;
  const maxRetries = options.maxRetries ?? 2;

  return {
    name: "llm",
    async run(ctx: AgentContext): Promise<void> {
      throwIfAborted(ctx.signal);
      const settings = requireLlmSettings(config);
      const model = options.model ?? createLanguageModel(settings);
      const state = createRunState();
      // Aborted by us when a tool fails for a reason the model cannot fix (state.fatal).
      const stop = new AbortController();

      const result = streamText({
        model,
        system: buildSystemPrompt(ctx.recipe),
        prompt: buildUserPrompt(ctx.recipe, ctx.parameters),
        tools: createAgentToolSet(ctx, state),
        stopWhen: stepCountIs(maxSteps),
        abortSignal: AbortSignal.any([ctx.signal, stop.signal]),
        maxRetries,
        // Errors arrive as `error` parts of fullStream below; without this the SDK also console.errors them.
        onError: () => {},
      });

      let stepText = "";
      let finalText = "";
      try {
        for await (const part of result.fullStream) {
          if (part.type === "start-step") stepText = "";
          else if (part.type === "text-delta") stepText += part.text;
          else if (part.type === "finish-step") {
            if (stepText.trim()) finalText = stepText;
            // Our own failure (the database), not the model's: it must not be dressed as an LLM error.
            await recordUsage(ctx, part.usage, settings.model).catch((error: unknown) => {
              state.fatal ??= error instanceof Error ? error : new Error(String(error));
              throw error;
            });
          } else if (part.type === "tool-error" && state.fatal) stop.abort(state.fatal);
          else if (part.type === "error") throw part.error;
        }
      } catch (error) {
        // Leaving the loop early must not leave a request or a tool running behind us.
        stop.abort(error);
        throwIfAborted(ctx.signal);
        if (state.fatal) throw state.fatal;
        throw toAgentError(error, settings);
      }
      throwIfAborted(ctx.signal);
      if (state.fatal) throw state.fatal;

      if (state.outputs > 0) return;
      if (!finalText.trim()) {
        throw new AgentError(
          `The model (${settings.model}) finished without emitting an output or writing any text; try a more capable model or check the recipe instructions`,
        );
      }
      await ctx.log("warn", "The model did not call emit_work_output; its final answer was saved as a Markdown output");
      await ctx.outputs.emit({
        title: ctx.recipe.name,
        body: finalText.trim(),
        outputType: "summary",
        generationMethod: "text",
        sources: [...state.seen.values()],
      });
    },
  };
}

/** Each call adds one step's tokens: the request's usage is the sum over steps and attempts. */
async function recordUsage(ctx: AgentContext, usage: LanguageModelUsage, model: string): Promise<void> {
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  if (inputTokens === 0 && outputTokens === 0) return;
  await ctx.usage.record({ inputTokens, outputTokens, model });
}

/** Rejects with the signal's reason (the runtime's cancel/timeout error) or a plain AbortError. */
function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error) throw reason;
  throw new DOMException(typeof reason === "string" ? reason : "The operation was aborted", "AbortError");
}
