// The agent runtime: turns one TicketRun from the engine into an AgentContext (ports + project-scoped
// context search + skills that store files under the ticket) and hands it to the recipe's provider.
// A provider that is unknown or not configured fails the ticket with an AgentError saying how to fix it.
// CPU-heavy work (analysis, drafts, file rendering) goes to the agent pool; the database stays here.
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import {
  readContextItems,
  readContextItemsById,
  saveContextAnalysis,
  searchContext,
  type AnalysisCache,
  type ContextItemText,
} from "../db/repositories/context.js";
import {
  AgentError,
  AgentWaiting,
  type AgentRunner,
  type AnsweredQuestion,
  type NewOutput,
  type TicketRun,
} from "../domain/agent-runner.js";
import { ANALYSIS_VERSION, type ContextAnalysis } from "../domain/context-analysis.js";
import { isOutsideAudience } from "../domain/audience.js";
import { checkGrounding } from "../domain/grounding.js";
import { checkParametersSchema, validateParameters } from "../domain/parameters.js";
import { ParametersSchema } from "../domain/recipe.js";
import { isFileKey, type FileStore } from "../storage/file-store.js";
import { createBuiltinProvider } from "./builtin/provider.js";
import type { AgentContext, AgentProvider, AskInput, ContextHit, Resumed } from "./context.js";
import { supersededIn, withoutSuperseded } from "./facts/superseded.js";
import { withoutWithheld } from "./facts/withheld.js";
import { sharedAgentPool, type AgentPool } from "./pool/index.js";
import { createSkills } from "./skills/index.js";

export interface AgentRunnerOptions {
  database: Database;
  store: FileStore;
  config: Pick<Config, "agentProvider" | "builtinStepDelayMs">;
  /** Extra providers by name ("llm"); "builtin" is always there unless replaced here. */
  providers?: Record<string, AgentProvider> | undefined;
  /** The worker pool for agents' CPU-heavy work (default: the process's shared pool). */
  pool?: AgentPool | undefined;
}

const SEARCH_LIMIT_MAX = 100;
/** A question may wait up to a year; a person answers, or its default applies, or the ticket fails. */
const MAX_EXPIRES_IN_S = 365 * 86_400;

export function createAgentRunner(options: AgentRunnerOptions): AgentRunner {
  const providers: Record<string, AgentProvider> = {
    builtin: createBuiltinProvider({ stepDelayMs: options.config.builtinStepDelayMs, pool: options.pool }),
    ...options.providers,
  };
  return {
    async run(run) {
      const name = run.recipe.provider ?? options.config.agentProvider;
      const provider = providers[name];
      if (!provider) throw new AgentError(missingProviderMessage(name, run.recipe.slug));
      // Errors go to the engine as they are: it words the ticket's error (src/engine/worker.ts).
      await provider.run(createAgentContext(run, options.database, options.store, options.pool));
    },
  };
}

/** The question as the engine stores it; a schema, default or expiry it could not honour is the agent's error. */
function questionOf(key: string, input: AskInput) {
  const where = `ask "${key}"`;
  if (typeof input.question !== "string" || input.question.trim() === "") throw new AgentError(`${where}: the question is empty`);
  const schema = ParametersSchema.safeParse(input.answer_schema);
  if (!schema.success) throw new AgentError(`${where}: answer_schema must be an object schema whose properties the form can draw`);
  const invalid = checkParametersSchema(schema.data);
  if (invalid) throw new AgentError(`${where}: answer_schema is not valid JSON Schema: ${invalid}`);
  let defaultValue: { value: unknown } | undefined;
  if (input.default !== undefined) {
    const checked = validateParameters(schema.data, input.default, "default");
    if (!checked.ok)
      throw new AgentError(
        `${where}: the default does not match answer_schema (${checked.errors.map((e) => `${e.field}: ${e.message}`).join("; ")})`,
      );
    defaultValue = { value: checked.value };
  }
  const expiresIn = input.expires_in;
  if (expiresIn !== undefined && !(Number.isFinite(expiresIn) && expiresIn >= 1 && expiresIn <= MAX_EXPIRES_IN_S)) {
    throw new AgentError(`${where}: expires_in must be between 1 and ${MAX_EXPIRES_IN_S} seconds`);
  }
  return {
    key,
    question: input.question.trim(),
    answerSchema: input.answer_schema,
    default: defaultValue,
    expiresInS: expiresIn === undefined ? null : Math.round(expiresIn),
    state: input.state ?? null,
  };
}

function missingProviderMessage(name: string, slug: string): string {
  if (name === "llm") {
    return `Recipe "${slug}" runs on the LLM provider, which is not configured on this server: set WORKSMITH_LLM_PROVIDER, WORKSMITH_LLM_MODEL and an API key, or set WORKSMITH_AGENT_PROVIDER=builtin.`;
  }
  return `Recipe "${slug}" asks for the agent provider "${name}", which this server does not have (available: builtin, llm). Fix the recipe's "provider" field.`;
}

interface RecentAnalysis {
  title: string;
  body: string;
  mime: string | null;
  analysis: Promise<ContextAnalysis>;
}

/** How long an analysis saved by one ticket is handed to others that read the item before the save. */
const RECENT_ANALYSIS_MS = 60_000;
/** At most this many are kept (an analysis is tens of kB; a project's working set fits). */
const RECENT_ANALYSES_MAX = 1_000;
const recentByDatabase = new WeakMap<Database, Map<string, RecentAnalysis>>();

function recentAnalyses(database: Database): Map<string, RecentAnalysis> {
  let recent = recentByDatabase.get(database);
  if (!recent) recentByDatabase.set(database, (recent = new Map<string, RecentAnalysis>()));
  return recent;
}

function remember(recent: Map<string, RecentAnalysis>, item: ContextItemText, analysis: Promise<ContextAnalysis>): void {
  const entry: RecentAnalysis = { title: item.title, body: item.body, mime: item.mime, analysis };
  const forget = () => {
    if (recent.get(item.id) === entry) recent.delete(item.id);
  };
  if (recent.size >= RECENT_ANALYSES_MAX) recent.delete(recent.keys().next().value!);
  recent.set(item.id, entry);
  analysis.then(
    () => setTimeout(forget, RECENT_ANALYSIS_MS).unref(),
    forget, // a failed or cancelled one is not handed out
  );
}

/**
 * Stored analyses as last read, per database, by item id and row version: every deck reads the same
 * project's items (100 of them in bench:api), and parsing and copying their analyses again each time
 * held the embedded database's one connection for ~100 ms a read (issue 14 round 5). A row written
 * since (a new version) or with another text is read again. Tickets share the objects: providers
 * treat a hit's analysis as read-only (the builtin agent copies them into its pool jobs).
 */
const HELD_ANALYSES_MAX = 500;
const heldByDatabase = new WeakMap<Database, AnalysisCache>();

function heldAnalyses(database: Database): AnalysisCache {
  let cache = heldByDatabase.get(database);
  if (cache) return cache;
  const held = new Map<string, { version: string; title: string; body: string; mime: string | null; analysis: ContextAnalysis }>();
  cache = {
    get(item) {
      const entry = held.get(item.id);
      if (!entry || entry.version !== item.version || entry.title !== item.title || entry.body !== item.body || entry.mime !== item.mime)
        return undefined;
      // Most recently used last: the first key is the one to drop.
      held.delete(item.id);
      held.set(item.id, entry);
      return entry.analysis;
    },
    set(item, analysis) {
      held.delete(item.id);
      if (held.size >= HELD_ANALYSES_MAX) held.delete(held.keys().next().value!);
      held.set(item.id, { version: item.version, title: item.title, body: item.body, mime: item.mime, analysis });
    },
  };
  heldByDatabase.set(database, cache);
  return cache;
}

export function createAgentContext(
  run: TicketRun,
  database: Database,
  store: FileStore,
  pool: AgentPool = sharedAgentPool(),
): AgentContext {
  const { ticket, ports } = run;
  const held = heldAnalyses(database);
  /**
   * Items stored before analysis existed (or by an older analyser) are analysed now, once, and saved.
   * "Once" across tickets too: agents of one project running at the same time read the same items
   * before any of them saved an analysis, and each analysed and wrote every item again (4 decks on
   * 100 such items: ~800 writes of the largest column in bench:api part (b), issue 14). A ticket finds
   * an analysis another ticket of this process has under way or just saved, for the same text.
   */
  const analysed = async (item: ContextItemText): Promise<ContextAnalysis> => {
    if (item.analysis && item.analysis.version === ANALYSIS_VERSION) return item.analysis;
    const recent = recentAnalyses(database);
    const known = recent.get(item.id);
    if (known && known.title === item.title && known.body === item.body && known.mime === item.mime) {
      try {
        return await known.analysis;
      } catch {
        // Its ticket was cancelled or its job failed: analyse it for this ticket.
      }
    }
    const analysis = pool.run("analyse-item", { title: item.title, body: item.body, mime: item.mime }, run.signal).then(async (a) => {
      await saveContextAnalysis(database.db, item.id, a);
      return a;
    });
    remember(recent, item, analysis);
    return analysis;
  };
  // What the agent has read, by item id ("title\nclean text"): the grounding check of its outputs uses
  // it instead of reading those items (and their analyses, the largest column) from the database again.
  const readTexts = new Map<string, string>();
  // Agents read the clean text: markup, scripts and injected instructions never reach them.
  const toHit = (item: ContextItemText, analysis: ContextAnalysis): ContextHit => {
    readTexts.set(item.id, `${item.title}\n${analysis.text}`);
    return {
      id: item.id,
      title: item.title,
      body: analysis.text,
      snippet: item.snippet,
      rank: item.rank,
      analysis,
      internal: item.internal,
    };
  };
  // Content for customers or the public never reads internal items: enforced here, for every agent.
  // (A chat export or a meeting transcript is internal unless a person said otherwise when adding it.)
  const outside = isOutsideAudience(run.recipe, run.parameters);
  // … and what any item asks to keep out of anything public ("do not mention the judicial review",
  // often in an internal e-mail about a public paper) is taken out of what such content reads.
  const toHits = async (items: ContextItemText[]) => {
    const hits: ContextHit[] = [];
    if (!outside) {
      for (const item of items) hits.push(toHit(item, await analysed(item)));
      return hits;
    }
    const analyses: ContextAnalysis[] = [];
    for (const item of items) analyses.push(await analysed(item));
    const markers = [...new Set(analyses.flatMap((a) => a.withheld ?? []))];
    // A value an internal item corrects is not said from a public item that still states it.
    const superseded = items.flatMap((item, i) => (item.internal ? supersededIn(analyses[i]!) : []));
    items.forEach((item, i) => {
      if (!item.internal) hits.push(toHit(item, withoutSuperseded(withoutWithheld(analyses[i]!, markers), superseded)));
    });
    return hits;
  };
  const clampLimit = (limit: number | undefined, fallback: number) =>
    Math.max(1, Math.min(SEARCH_LIMIT_MAX, Math.floor(limit ?? fallback)));
  const ownFilePrefix = `tickets/${ticket.id.toLowerCase()}/`;
  // Answers of this ticket's earlier questions, read once per run (a first run has none).
  let answers: Promise<Map<string, AnsweredQuestion>> | null = null;
  const answered = () => (answers ??= ports.answeredQuestions().then((list) => new Map(list.map((q) => [q.key, q]))));
  let asked = 0;

  return {
    ticket,
    recipe: run.recipe,
    parameters: run.parameters,
    model: run.model ?? null,
    signal: run.signal,
    todos: { write: (list) => ports.writeTodos(list) }, // the port validates (TodoListInput) and stamps times
    context: {
      // Scoped to the ticket's project here, so no provider can read another project's context.
      search: async (query, limit) => toHits(await searchContext(database.db, ticket.projectId, query, clampLimit(limit, 10), held)),
      all: async (limit) => toHits(await readContextItems(database.db, ticket.projectId, clampLimit(limit, 50), held)),
    },
    skills: createSkills(store, ticket.id, { pool, signal: run.signal }),
    outputs: {
      async emit(output: NewOutput, fileText?: string) {
        if (output.title.trim() === "") throw new AgentError("An output needs a title");
        // Only files this ticket's skills stored may be attached: never a path an agent made up.
        if (output.file && !(isFileKey(output.file.key) && output.file.key.startsWith(ownFilePrefix))) {
          throw new AgentError(`Output "${output.title}" points at a file this ticket did not create`);
        }
        const grounding = output.grounding ?? (await groundingOf(output, fileText));
        return ports.emitOutput({ ...output, grounding });
      },
    },
    log: (level, message, detail) => ports.log(level, message, detail),
    usage: { record: (usage) => ports.recordUsage(usage) },
    async ask(input: AskInput) {
      asked++;
      const key = input.key ?? `ask-${asked}`;
      const got = (await answered()).get(key);
      if (got) return got.answer as Record<string, unknown>;
      throw new AgentWaiting(questionOf(key, input));
    },
    async resumed(key: string): Promise<Resumed | null> {
      const got = (await answered()).get(key);
      return got ? { answer: got.answer as Record<string, unknown>, state: got.state } : null;
    },
  };

  /** Every figure the reader sees (the body and the file's text) against the items the output cites. */
  async function groundingOf(output: NewOutput, fileText: string | undefined) {
    const ids = (output.sources ?? []).map((s) => s.id);
    const unread = ids.filter((id) => !readTexts.has(id));
    for (const item of await readContextItemsById(database.db, ticket.projectId, unread, held)) {
      readTexts.set(item.id, `${item.title}\n${(await analysed(item)).text}`);
    }
    const texts = ids.flatMap((id) => readTexts.get(id) ?? []);
    // The person's own request counts too: a post titled with their topic ("… in 18 months") repeats
    // what they asked for, it invents nothing.
    const asked = Object.values(run.parameters).filter((v): v is string => typeof v === "string");
    return checkGrounding(`${output.title}\n${output.body}\n${fileText ?? ""}`, [...texts, ...asked]);
  }
}
