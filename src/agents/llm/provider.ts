// The "llm" agent provider: a tool-calling loop of our own over AI SDK streamText, one model call
// per turn, so that every limit is ours to name: the step cap, one repair turn for a missing
// deliverable or section (the recipe's output contract) and one for unverified figures, an idle
// timeout on the model's stream, and provider errors retried (429 after Retry-After, 5xx with
// backoff) or failed at once (auth, unknown model) — each visible as a `log` event on the ticket.
// The ticket's AbortSignal goes to every request, so a cancel closes the HTTP stream at once;
// tokens (and their cost) are recorded after each call, so failed and cancelled runs account too.
import { stepCountIs, streamText, wrapLanguageModel, type FinishReason, type JSONValue, type ModelMessage, type ToolSet } from "ai";
import { AgentError } from "../../domain/agent-runner.js";
import { requiredFormats } from "../../domain/recipe.js";
import type { AgentContext, AgentProvider, StoredFile, SourceRef } from "../context.js";
import { createActivity, type Activity } from "./activity.js";
import { answerForModel, type AnswerShape } from "./ask.js";
import { cleanModelText } from "./clean-text.js";
import { describeInstead, describeMissing, isComplete, missingFromContract, repairPrompt, type Delivered } from "./contract.js";
import { toAgentError } from "./errors.js";
import { createIdleFetch } from "./idle-fetch.js";
import { createLanguageModel, type ProviderModel } from "./model.js";
import { buildSystemPrompt, buildUserPrompt } from "./prompt.js";
import { abortReason, sleep } from "../abortable.js";
import { DEFAULT_RETRY_POLICY, retryKindOf, retryVerdict, type RetryKind, type RetryPolicy } from "./retry.js";
import { chooseModel, requireLlmSettings, type LlmConfig, type LlmSettings } from "./settings.js";
import { ASK_TOOL, createAgentToolSet, createRunState, describeToolCall, groundingOfAnswer, type RunState } from "./tools.js";
import { tapUsage, usageOfCall } from "./usage.js";

export interface LlmProviderOptions {
  /** Model calls per ticket when neither the recipe (max_steps) nor the config (maxSteps) says. Default 24. */
  maxSteps?: number;
  /** Retry limits and waits (tests shorten them). */
  retry?: Partial<RetryPolicy>;
  /** Overrides config.idleTimeoutS, in ms (tests). */
  idleTimeoutMs?: number;
  /** Shortest time between two model_text lines (default 350 ms). */
  textIntervalMs?: number;
  /** A ready model instead of one built from the settings (no idle timeout: there is no HTTP). */
  model?: ProviderModel;
  /** @deprecated retries are the provider's own now (RetryPolicy); kept so old call sites compile. */
  maxRetries?: number;
}

const DEFAULT_MAX_STEPS = 24;
const DEFAULT_IDLE_TIMEOUT_S = 60;

/**
 * Settings are checked when a ticket runs, not here: an incomplete configuration fails that ticket
 * with an AgentError naming the variable to set (start-up should already have warned via
 * checkLlmSettings).
 */
export function createLlmProvider(config: LlmConfig, options: LlmProviderOptions = {}): AgentProvider {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  return {
    name: "llm",
    async run(ctx: AgentContext): Promise<void> {
      if (ctx.signal.aborted) throw abortReason(ctx.signal);
      const settings = requireLlmSettings(chooseModel(config, ctx.model, ctx.recipe.model));
      const run = new LlmRun(ctx, settings, config, options, policy);
      await run.execute();
    },
  };
}

/** How a run of model calls ended: the last call's finish reason and text. */
interface Turn {
  finishReason: FinishReason;
  text: string;
}

/** One ticket's conversation with the model. */
class LlmRun {
  private readonly state: RunState = createRunState();
  private readonly activity: Activity;
  private readonly messages: ModelMessage[];
  private readonly model: ProviderModel;
  /** Usage writes, in call order; awaited at each call's end (and before a cancel is reported). */
  private usageWrites: Promise<void> = Promise.resolve();
  private readonly maxSteps: number;
  private readonly capSource: string;
  private readonly idleMs: number;
  private stalled = false;
  private steps = 0;
  /** Questions asked (and answered) so far: the next one is `llm-ask-${asked + 1}`. */
  private asked = 0;
  /** Failed attempts at the current model call, by kind (reset when a call finishes). */
  private tries: Record<RetryKind, number> = { "rate-limit": 0, server: 0 };
  private contractRepairUsed = false;
  /** Tools whose last call was rejected: their next accepted call is "repaired". */
  private readonly rejected = new Set<string>();

  constructor(
    private readonly ctx: AgentContext,
    private readonly settings: LlmSettings,
    private readonly config: LlmConfig,
    options: LlmProviderOptions,
    private readonly policy: RetryPolicy,
  ) {
    this.activity = createActivity((level, message, detail) => ctx.log(level, message, detail), { textIntervalMs: options.textIntervalMs });
    this.messages = [{ role: "user", content: buildUserPrompt(ctx.recipe, ctx.parameters) }];
    if (ctx.recipe.max_steps !== null) {
      this.maxSteps = ctx.recipe.max_steps;
      this.capSource = `the recipe's max_steps`;
    } else {
      this.maxSteps = config.maxSteps ?? options.maxSteps ?? DEFAULT_MAX_STEPS;
      this.capSource = "WORKSMITH_LLM_MAX_STEPS";
    }
    this.idleMs = options.idleTimeoutMs ?? (config.idleTimeoutS ?? DEFAULT_IDLE_TIMEOUT_S) * 1_000;
    const base =
      options.model ??
      createLanguageModel(
        settings,
        createIdleFetch(this.idleMs, () => (this.stalled = true)),
      );
    this.model = wrapLanguageModel({ model: base, middleware: tapUsage((input, output) => this.recordUsage(input, output)) });
  }

  async execute(): Promise<void> {
    const tools = createAgentToolSet(this.ctx, this.state, this.activity);
    const system = buildSystemPrompt(this.ctx.recipe);
    try {
      await this.resume();
      for (;;) {
        if (this.steps >= this.maxSteps) return await this.stopAtCap();
        const turn = await this.runWithRetries(system, tools);
        if (this.state.asking) {
          await this.askPerson();
          continue;
        }
        if (turn.finishReason === "tool-calls") continue;
        if (await this.acceptFinalAnswer(turn.text)) return;
      }
    } catch (error) {
      if (this.ctx.signal.aborted) {
        this.activity.close();
        // Tokens of calls that finished are on the request before the cancel is reported.
        await this.usageWrites.catch(() => undefined);
        throw abortReason(this.ctx.signal);
      }
      throw error;
    } finally {
      await this.usageWrites.catch(() => undefined);
      // Lines queued before the end still reach the log (in order), unless the run was cut.
      if (!this.ctx.signal.aborted) await this.activity.drain().catch(() => undefined);
      this.activity.close();
    }
  }

  /** Model calls until the model stops or the cap, retrying a failed call; each retry is a `retry` line. */
  private async runWithRetries(system: string, tools: ToolSet): Promise<Turn> {
    for (;;) {
      try {
        return await this.runSteps(system, tools);
      } catch (error) {
        if (this.ctx.signal.aborted) throw abortReason(this.ctx.signal);
        if (this.state.fatal) throw this.state.fatal;
        if (this.stalled) throw this.stallError();
        if (error instanceof AgentError) throw error;
        const tries = this.tries;
        const kind = retryKindOf(error);
        if (kind) tries[kind]++;
        const verdict = kind ? retryVerdict(error, kind, tries[kind], this.policy) : undefined;
        if (!verdict || !kind) {
          const failed = toAgentError(error, this.settings);
          const total = tries["rate-limit"] + tries.server;
          throw total > 1 ? new AgentError(`${failed.message} (gave up after ${total} attempts)`) : failed;
        }
        this.activity.log(
          "warn",
          `${this.settings.provider} ${this.settings.model} failed with ${verdict.what}; retrying in ${formatSeconds(verdict.waitMs)} (attempt ${tries[kind] + 1} of ${verdict.attempts})`,
          { kind: "retry" },
        );
        await sleep(verdict.waitMs, this.ctx.signal);
      }
    }
  }

  /**
   * Streams model calls in the SDK's own step loop until the model stops (or the cap): text to the
   * activity log, tool outcomes as they finish. One streamText per run of steps, not per call: the
   * SDK validates the whole conversation each time it is called (~6 ms a call by the 24th step).
   * On a failed call, the steps that finished are kept in `messages`, so a retry resumes there.
   */
  private async runSteps(system: string, tools: ToolSet): Promise<Turn> {
    // Aborted by us when a tool fails for a reason the model cannot fix (state.fatal).
    const stop = new AbortController();
    let finished: ModelMessage[] = [];
    this.stalled = false;
    const result = streamText({
      model: this.model,
      system,
      messages: this.messages,
      tools,
      // A question for a person ends the run of steps: the ticket waits for the answer (askPerson).
      stopWhen: [stepCountIs(this.maxSteps - this.steps), () => this.state.asking !== undefined],
      abortSignal: AbortSignal.any([this.ctx.signal, stop.signal]),
      maxRetries: 0,
      onStepFinish: (step) => {
        finished = step.response.messages; // every step of this streamText so far
      },
      // Errors arrive as `error` parts below; without this the SDK also console.errors them.
      onError: () => {},
    });
    let text = "";
    let turn: Turn = { finishReason: "other", text: "" };
    try {
      for await (const part of untilAborted(result.fullStream, this.ctx.signal)) {
        switch (part.type) {
          case "start-step":
            text = "";
            break;
          case "text-delta":
            text += part.text;
            this.activity.text(part.text);
            break;
          case "tool-result":
            this.toolOutcome(part.toolName, part.input, part.output);
            break;
          case "tool-error":
            if (this.state.fatal) stop.abort(this.state.fatal);
            else this.toolRejected(part.toolName, errorText(part.error));
            break;
          case "finish-step":
            this.steps++;
            this.tries = { "rate-limit": 0, server: 0 };
            turn = { finishReason: part.finishReason, text };
            this.activity.flush();
            if (this.state.fatal) throw this.state.fatal;
            break;
          case "error":
            throw part.error;
          case "abort":
            if (this.stalled) throw this.stallError();
            break;
        }
      }
    } catch (error) {
      // Leaving the loop early must not leave a request or a tool running behind us.
      stop.abort(error);
      this.messages.push(...finished);
      throw error;
    }
    if (this.ctx.signal.aborted) throw abortReason(this.ctx.signal);
    await this.usageWrites;
    if (this.state.fatal) throw this.state.fatal;
    if (this.stalled) throw this.stallError();
    if (this.activity.error) throw this.activity.error;
    this.messages.push(...(await result.response).messages);
    return turn;
  }

  /**
   * The model called ask_person (issue 16): the conversation so far and the run's state are stored
   * with the question and the ticket waits (the runtime's ask throws AgentWaiting). When a resumed
   * run finds the question already answered, the answer takes the tool result's place and it goes on.
   */
  private async askPerson(): Promise<void> {
    const call = this.state.asking;
    if (!call) return;
    const saved: SavedRun = {
      messages: this.messages,
      toolCallId: call.toolCallId,
      answerShape: call.shape,
      steps: this.steps,
      contractRepairUsed: this.contractRepairUsed,
      seen: [...this.state.seen.entries()],
      texts: [...this.state.texts.entries()],
      files: [...this.state.files.entries()],
      delivered: this.state.delivered,
      fileCount: this.state.fileCount,
      groundingRepairUsed: this.state.groundingRepairUsed,
    };
    await this.usageWrites;
    const given = await this.ctx.ask({
      key: `llm-ask-${this.asked + 1}`,
      question: call.question,
      answer_schema: call.answerSchema,
      default: call.default,
      expires_in: call.expiresIn,
      state: saved,
    });
    this.asked++;
    this.state.asking = undefined;
    answerToolCall(this.messages, call.toolCallId, answerForModel(given, call.shape));
  }

  /** A resumed run: the stored conversation of its last answered question, with the answer in place. */
  private async resume(): Promise<void> {
    let latest: { answer: Record<string, unknown>; state: unknown } | null = null;
    for (let n = this.asked + 1; ; n++) {
      const found = await this.ctx.resumed(`llm-ask-${n}`);
      if (!found) break;
      latest = found;
      this.asked = n;
    }
    if (!latest) return;
    const saved = latest.state as SavedRun;
    this.messages.splice(0, this.messages.length, ...saved.messages);
    answerToolCall(this.messages, saved.toolCallId, answerForModel(latest.answer, saved.answerShape));
    this.steps = saved.steps;
    this.contractRepairUsed = saved.contractRepairUsed;
    this.state.seen = new Map(saved.seen);
    this.state.texts = new Map(saved.texts);
    this.state.files = new Map(saved.files);
    this.state.delivered = saved.delivered;
    this.state.fileCount = saved.fileCount;
    this.state.groundingRepairUsed = saved.groundingRepairUsed;
    this.activity.log("info", `resuming after a person's answer to question ${this.asked}`, {
      kind: "tool_call",
      tool: ASK_TOOL,
      outcome: "accepted",
    });
  }

  private recordUsage(inputTokens: number, outputTokens: number): void {
    const usage = usageOfCall(inputTokens, outputTokens, this.settings, this.config.prices);
    if (!usage) return;
    this.usageWrites = this.usageWrites.then(() =>
      this.ctx.usage.record(usage).catch((error: unknown) => {
        // Our own failure (the database), not the model's: it must not be dressed as an LLM error.
        this.state.fatal ??= error instanceof Error ? error : new Error(String(error));
      }),
    );
  }

  /** The model says it is done: check the contract (one repair turn), then accept or fail. */
  private async acceptFinalAnswer(answer: string): Promise<boolean> {
    const text = cleanModelText(answer).trim();
    const recipe = this.ctx.recipe;
    const onlyMarkdown = requiredFormats(recipe).every((f) => f === "markdown");
    const delivered: Delivered[] =
      this.state.delivered.length > 0 ? this.state.delivered : text ? [{ format: null, body: text, textAnswer: true }] : [];
    // A text answer stands in for an output only when the recipe asks for Markdown alone.
    const counted = delivered.filter((d) => !d.textAnswer || onlyMarkdown);
    const missing = missingFromContract(recipe, counted);
    if (!isComplete(missing)) {
      if (!this.contractRepairUsed && this.steps < this.maxSteps) {
        this.contractRepairUsed = true;
        this.activity.log("warn", `Repair turn: the model stopped without ${describeMissing(missing)}`, { kind: "repair" });
        this.messages.push({ role: "user", content: repairPrompt(missing) });
        return false;
      }
      throw new AgentError(`The model finished without ${describeMissing(missing)}; ${describeInstead(delivered, missing)}`);
    }
    if (this.state.delivered.length > 0) return true;

    // A text-only answer to a Markdown recipe: its figures get the same one repair as an emit.
    const grounding = groundingOfAnswer(text, this.state);
    if (grounding.unverified.length > 0 && !this.state.groundingRepairUsed && this.steps < this.maxSteps) {
      this.state.groundingRepairUsed = true;
      const list = grounding.unverified.join(", ");
      this.activity.log("warn", `Repair turn: ${grounding.unverified.length} figure(s) not found in the sources: ${list}`, {
        kind: "repair",
      });
      this.messages.push({
        role: "user",
        content: `These figures in your answer are not stated by any source you were given: ${list}. Copy each figure exactly as a source states it, or remove it, and give the corrected answer.`,
      });
      return false;
    }
    this.activity.log("warn", "The model answered with text only; the answer was saved as a Markdown output");
    await this.activity.drain();
    const title = recipe.name;
    await this.ctx.outputs.emit({
      title,
      body: text,
      outputType: "summary",
      generationMethod: "text",
      sources: [...this.state.seen.values()],
      grounding,
    });
    return true;
  }

  /** The cap is reached while the model still wants to work: complete if the contract is met, else say why it stopped. */
  private async stopAtCap(): Promise<void> {
    const missing = missingFromContract(this.ctx.recipe, this.state.delivered);
    const cap = `stopped after ${this.steps} model calls (the step cap, ${this.capSource} = ${this.maxSteps})`;
    if (isComplete(missing)) {
      this.activity.log("warn", `The model was ${cap}; its deliverables were already saved`, { kind: "limit" });
      return;
    }
    this.activity.log("error", `The model was ${cap}`, { kind: "limit" });
    throw new AgentError(`The model was ${cap} without ${describeMissing(missing)}`);
  }

  private stallError(): AgentError {
    const seconds = formatSeconds(this.idleMs);
    this.activity.log("error", `Model stalled: no data from ${this.settings.provider} ${this.settings.model} for ${seconds}`, {
      kind: "limit",
    });
    return new AgentError(`model stalled: no data from ${this.settings.provider} ${this.settings.model} for ${seconds}`);
  }

  private toolOutcome(tool: string, input: unknown, output: unknown): void {
    const error = (output as { error?: unknown } | null)?.error;
    if (typeof error === "string") {
      this.toolRejected(tool, error);
      return;
    }
    const repaired = this.rejected.delete(tool);
    this.activity.log("info", describeToolCall(tool, input, output), {
      kind: "tool_call",
      tool,
      outcome: repaired ? "repaired" : "accepted",
    });
  }

  private toolRejected(tool: string, why: string): void {
    this.rejected.add(tool);
    this.activity.log("warn", `${tool} rejected: ${why}`, { kind: "tool_call", tool, outcome: "rejected" });
  }
}

/**
 * The stream's parts until the signal aborts; then it throws at once. The SDK waits for a running
 * tool (a skill writing a file) before it ends the stream, and a cancel must not wait for that.
 */
async function* untilAborted<T>(stream: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = stream[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      const next = iterator.next();
      next.catch(() => undefined); // left behind on abort: its rejection must not go unhandled
      const item = await Promise.race([next, aborted]);
      if (item.done) return;
      yield item.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n")[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** "60 s", "1.5 s", "200 ms". */
function formatSeconds(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = ms / 1_000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** What a run stores with its question so the resumed run continues the same conversation (plain JSON). */
interface SavedRun {
  messages: ModelMessage[];
  toolCallId: string;
  /** Absent in runs stored before the tool took answer schemas: those asked the one-field shape. */
  answerShape?: AnswerShape | undefined;
  steps: number;
  contractRepairUsed: boolean;
  seen: [string, SourceRef][];
  texts: [string, string][];
  files: [string, StoredFile][];
  delivered: RunState["delivered"];
  fileCount: number;
  groundingRepairUsed: boolean;
}

/** Puts the person's answer where the ask_person call's placeholder result was. */
function answerToolCall(messages: ModelMessage[], toolCallId: string, result: ReturnType<typeof answerForModel>): void {
  for (const message of messages) {
    if (message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type === "tool-result" && part.toolCallId === toolCallId) {
        part.output = { type: "json", value: result as JSONValue };
      }
    }
  }
}
