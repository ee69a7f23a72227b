// Group commit for submits (issue 14): requests that arrive while a write is in flight wait for it
// and are then written together, so N concurrent submits cost one statement — one round trip, one
// transaction, one commit — per (project, recipe, caller) instead of N. Each request still gets its
// own ticket, its own first event and its own answer; one request's refusal never fails the others.
//
// No timer: a submit that finds the batcher idle is written at once (one client pays no extra
// latency); batches form only while the previous one is being written.
// - The fast path: requests grouped by (project, recipe, caller) are checked here against the recipe
//   as submits last read it (src/engine/submit.ts's cache; recipes change rarely) and written by
//   insertTicketsGuarded, ONE statement that also checks the caller's role, that the project
//   exists and that the recipe is unchanged — so a lone submit is one round trip too.
// - The slow path, for what the fast path does not take (a retry_of, a per-ticket model or a priority
//   other than normal — rare, so the grouped statement stays one shape) or would
//   refuse (bad parameters, another agent type, an unknown recipe), and for a group whose statement
//   wrote nothing (a role too low, the recipe or project changed): the roles of all its requests in
//   one query, then submitTicket per request, which refuses each with its own error and writes nothing.
import type { Database } from "../db/client.js";
import { findRoles } from "../db/repositories/accounts.js";
import type { ProjectAction, Role } from "../domain/access.js";
import { validateParameters } from "../domain/parameters.js";
import { cachedRecipe, forgetCachedRecipe, submitTicket, type CachedRecipe, type SubmitInput, type SubmitResult } from "./submit.js";
import { insertTicketsGuarded } from "./submit-bulk.js";

export interface BatchedSubmit extends SubmitInput {
  /**
   * When set, the request is written only if this user's role in the project allows `action`: the
   * fast path checks it inside its statement; the slow path reads the role (one query per batch) and
   * calls `authorize` with it (null: not a member), whose throw refuses this request only.
   */
  check?: { userId: string; action: ProjectAction; authorize: (role: Role | null) => void } | undefined;
}

interface Pending {
  input: BatchedSubmit;
  resolve: (r: SubmitResult) => void;
  reject: (err: unknown) => void;
}

export interface SubmitBatcherOptions {
  /** Most requests written in one batch (the rest wait for the next). */
  maxBatch?: number;
  /**
   * Batches written at once (default 1). On PostgreSQL 2: a submit that arrives during a write starts
   * the next at once instead of waiting a whole commit for it, and the two commits share a WAL flush.
   * PGlite runs one statement at a time, so there a second writer only splits the batch.
   */
  writers?: number;
}

export interface SubmitBatcherStats {
  batches: number;
  /** Requests written by the fast path's one statement per group (a group may be of one). */
  grouped: number;
  /** Requests written one by one through submitTicket (retries, models, anything the fast path refused). */
  single: number;
}

export class SubmitBatcher {
  private queue: Pending[] = [];
  private flushing = 0;
  private readonly maxBatch: number;
  private readonly writers: number;
  readonly stats: SubmitBatcherStats = { batches: 0, grouped: 0, single: 0 };

  constructor(
    private readonly database: Database,
    options: SubmitBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.writers = Math.max(1, options.writers ?? 1);
  }

  submit(input: BatchedSubmit): Promise<SubmitResult> {
    return new Promise<SubmitResult>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.flushing < this.writers) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.flushing++;
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
      this.flushing--;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const slow: Pending[] = [];
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const i = p.input;
      if (i.retryOf || i.model || (i.priority !== undefined && i.priority !== "normal")) {
        slow.push(p);
        continue;
      }
      const key = JSON.stringify([i.projectId, i.recipeSlug, i.requestedBy ?? null, i.check?.userId ?? null, i.check?.action ?? null]);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(p);
    }
    await Promise.all([...groups.values()].map((group) => this.writeGroup(group, slow)));
    if (slow.length === 0) return;
    const allowed = await this.authorize(slow);
    await Promise.all(allowed.map((p) => this.writeOne(p)));
  }

  private async writeGroup(group: Pending[], slow: Pending[]): Promise<void> {
    const first = group[0]!.input;
    let cached: CachedRecipe | null;
    try {
      cached = await cachedRecipe(this.database, first.recipeSlug);
    } catch {
      cached = null;
    }
    // What submitTicket would refuse goes to it, to be refused with its own error.
    const ok: Pending[] = [];
    const parameters: Record<string, unknown>[] = [];
    for (const p of group) {
      const recipe = cached?.recipe;
      const params = recipe?.status === "active" ? validateParameters(recipe.parameters, p.input.parameters) : null;
      const fits =
        params?.ok === true &&
        (cached!.projectId === null || cached!.projectId === p.input.projectId) &&
        (!p.input.agentType || p.input.agentType === recipe?.agent_type);
      if (fits) {
        ok.push(p);
        parameters.push(params.value);
      } else {
        slow.push(p);
      }
    }
    if (ok.length === 0 || !cached) return;
    let tickets;
    try {
      tickets = await insertTicketsGuarded(this.database, {
        projectId: first.projectId,
        recipe: cached.recipe,
        stamp: cached.stamp,
        parameters,
        requestedBy: first.requestedBy ?? null,
        member: first.check ? { userId: first.check.userId, action: first.check.action } : undefined,
      });
    } catch {
      tickets = null;
    }
    if (!tickets) {
      // Nothing of the group was written (one statement). The recipe may have changed: read it again
      // on the next use; each request is tried on its own and refused with its own reason.
      forgetCachedRecipe(this.database, first.recipeSlug);
      slow.push(...ok);
      return;
    }
    this.stats.grouped += ok.length;
    ok.forEach((p, n) => p.resolve({ ticket: tickets[n]!, created: true }));
  }

  /** Reads every checked caller's role in one query and settles the refused requests; returns the rest. */
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

/** JSON with object keys sorted at every level: equal values give equal text (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
