// Group commit for submits (issue 14): requests that arrive while a write is in flight wait for it
// and are then written together, so N concurrent submits cost one statement — one transaction, one
// commit — per (project, recipe, caller) instead of N. Each request still gets its own ticket, its
// own first event and its own answer; one request's refusal never fails the others.
//
// No timer: a submit that finds the batcher idle is written at once (one client pays no extra
// latency); batches form only while the previous one is being written. Built on submitTicket and
// submitTicketsBulk (this file writes no row itself):
// - requests with an Idempotency-Key, a retry_of or a per-ticket model, and groups of one, go
//   through submitTicket (concurrently);
// - the rest, grouped by (project, recipe, caller), are checked against the recipe here and written
//   with one submitTicketsBulk call; a request that would fail the check goes through submitTicket
//   alone, which refuses it with its own error and writes nothing;
// - a group whose bulk statement fails (the recipe or project changed meanwhile) is retried one by
//   one, so each request gets its own answer.
// The callers' roles in their projects are read for the whole batch in one query before any write.
import type { Database } from "../db/client.js";
import { findRoles } from "../db/repositories/accounts.js";
import { getRecipe, recipeAvailableIn, type StoredRecipe } from "../db/repositories/recipes.js";
import type { Role } from "../domain/access.js";
import { validateParameters } from "../domain/parameters.js";
import type { TicketRow } from "../db/schema.js";
import { submitTicket, type SubmitInput, type SubmitResult } from "./submit.js";
import { submitTicketsBulk } from "./submit-bulk.js";

export interface BatchedSubmit extends SubmitInput {
  /**
   * When set, the batch reads this user's role in the project (one query for the whole batch) and
   * calls `authorize` with it (null: not a member) before writing; a throw refuses this request only.
   */
  check?: { userId: string; authorize: (role: Role | null) => void } | undefined;
}

interface Pending {
  input: BatchedSubmit;
  resolve: (r: SubmitResult) => void;
  reject: (err: unknown) => void;
}

export interface SubmitBatcherOptions {
  /** Most requests written in one batch (the rest wait for the next). */
  maxBatch?: number;
}

export interface SubmitBatcherStats {
  batches: number;
  /** Requests written by a submitTicketsBulk call of two or more. */
  grouped: number;
  /** Requests written one by one (keys, retries, models, lone requests, fallbacks). */
  single: number;
}

export class SubmitBatcher {
  private queue: Pending[] = [];
  private flushing = false;
  private readonly maxBatch: number;
  readonly stats: SubmitBatcherStats = { batches: 0, grouped: 0, single: 0 };

  constructor(
    private readonly database: Database,
    options: SubmitBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
  }

  submit(input: BatchedSubmit): Promise<SubmitResult> {
    return new Promise<SubmitResult>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.stats.batches++;
        try {
          await this.write(batch);
        } catch (err) {
          // write() settles every request itself; this is a bug guard, never a silent hang.
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const allowed = await this.authorize(batch);
    const singles: Pending[] = [];
    const groups = new Map<string, Pending[]>();
    for (const p of allowed) {
      const i = p.input;
      if (i.retryOf || i.model) {
        singles.push(p);
        continue;
      }
      const key = JSON.stringify([i.projectId, i.recipeSlug, i.requestedBy ?? null]);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(p);
    }
    const work: Promise<void>[] = [];
    for (const group of groups.values()) {
      if (group.length === 1) singles.push(...group);
      else work.push(this.writeGroup(group, singles));
    }
    await Promise.all(work);
    await Promise.all(singles.map((p) => this.writeOne(p)));
  }

  /** Reads every caller's role in one query and settles the refused requests; returns the rest. */
  private async authorize(batch: Pending[]): Promise<Pending[]> {
    const checked = batch.filter((p) => p.input.check);
    if (checked.length === 0) return batch;
    let roles: Map<string, Role>;
    try {
      roles = await findRoles(
        this.database.db,
        checked.map((p) => ({ projectId: p.input.projectId, userId: p.input.check!.userId })),
      );
    } catch (err) {
      for (const p of checked) p.reject(err);
      return batch.filter((p) => !p.input.check);
    }
    return batch.filter((p) => {
      const check = p.input.check;
      if (!check) return true;
      try {
        check.authorize(roles.get(`${p.input.projectId}|${check.userId}`) ?? null);
        return true;
      } catch (err) {
        p.reject(err);
        return false;
      }
    });
  }

  private async writeGroup(group: Pending[], singles: Pending[]): Promise<void> {
    const first = group[0]!.input;
    let recipe: StoredRecipe | null;
    try {
      recipe = await getRecipe(this.database.db, first.recipeSlug);
    } catch {
      recipe = null;
    }
    // What submitTicket would refuse goes to it alone, to be refused with its own error.
    const ok: Pending[] = [];
    const keys: string[] = [];
    for (const p of group) {
      const params = recipe?.status === "active" ? validateParameters(recipe.parameters, p.input.parameters) : null;
      const fits =
        params?.ok === true &&
        recipe !== null &&
        recipeAvailableIn(recipe, p.input.projectId) &&
        (!p.input.agentType || p.input.agentType === recipe?.agent_type);
      if (fits) {
        ok.push(p);
        keys.push(canonicalJson(params.value));
      } else {
        singles.push(p);
      }
    }
    if (ok.length < 2) {
      singles.push(...ok);
      return;
    }
    try {
      const tickets = await submitTicketsBulk(this.database, {
        projectId: first.projectId,
        recipeSlug: first.recipeSlug,
        parameters: ok.map((p) => p.input.parameters),
        requestedBy: first.requestedBy,
      });
      this.stats.grouped += ok.length;
      assign(ok, keys, tickets);
    } catch {
      // Nothing of the group was written (one statement): each request is tried on its own.
      singles.push(...ok);
    }
  }

  private async writeOne(p: Pending): Promise<void> {
    this.stats.single++;
    try {
      const { check: _check, ...input } = p.input;
      p.resolve(await submitTicket(this.database, input));
    } catch (err) {
      p.reject(err);
    }
  }
}

/**
 * Hands each request the ticket written with its parameters. The bulk statement returns rows in
 * input order; matching by the stored parameters makes that order irrelevant (requests with equal
 * parameters are interchangeable: same project, recipe, caller and parameters).
 */
function assign(requests: Pending[], keys: string[], tickets: TicketRow[]): void {
  const byParams = new Map<string, TicketRow[]>();
  for (const t of tickets) {
    const key = canonicalJson(t.metadata.recipe_parameters);
    let list = byParams.get(key);
    if (!list) byParams.set(key, (list = []));
    list.push(t);
  }
  const rest: Pending[] = [];
  requests.forEach((p, n) => {
    const ticket = byParams.get(keys[n]!)?.shift();
    if (ticket) p.resolve({ ticket, created: true });
    else rest.push(p);
  });
  // Only if the stored parameters differ from what validation gives here (never expected): by order.
  const left = [...byParams.values()].flat();
  rest.forEach((p, n) =>
    left[n] ? p.resolve({ ticket: left[n], created: true }) : p.reject(new Error("bulk submit returned too few tickets")),
  );
}

/** JSON with object keys sorted at every level: equal values give equal text (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
