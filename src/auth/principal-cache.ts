// Authentication without a database round trip per request: a credential (API token or session
// cookie, by its SHA-256) resolved to its principal is reused for a short window, in this process
// only. Revocation is pushed: revoking a token, ending a session or changing an account sends a
// NOTIFY on AUTH_CHANNEL in the same statement, and every process evicts the matching entries when
// it commits (PGlite delivers it in-process). The window is the bound when a NOTIFY is missed (a
// LISTEN connection that dropped also empties the cache on reconnect): a revoked credential is
// never accepted later than `windowMs` after its revocation committed.
import type { Database } from "../db/client.js";
import { AUTH_CHANNEL } from "../db/repositories/accounts.js";
import type { Principal } from "./accounts.js";

/** How long an authenticated credential is reused without asking the database (documented in README). */
export const AUTH_CACHE_MS = 5_000;
export { AUTH_CHANNEL };
const MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal;
  /** performance.now() after which the entry is not used. */
  until: number;
}

export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private listening: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    readonly windowMs: number = AUTH_CACHE_MS,
  ) {}

  /**
   * Starts listening for revocations (once; a failure only means the window alone bounds staleness).
   * Resolves when LISTEN is in place: revocations committed after that are delivered.
   */
  listen(): Promise<void> {
    return (this.listening ??= (async () => {
      this.database.onReconnect(() => this.entries.clear());
      await this.database.listen(AUTH_CHANNEL, (payload) => this.evict(payload));
    })().catch(() => {
      // a closed or unreachable database: entries still expire after the window
    }));
  }

  get(key: string): Principal | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (performance.now() >= entry.until) {
      this.entries.delete(key);
      return null;
    }
    return entry.principal;
  }

  /** `notAfter`: the credential's own expiry (a session's expires_at), if sooner than the window. */
  set(key: string, principal: Principal, notAfter?: Date): void {
    if (this.windowMs <= 0) return;
    void this.listen();
    let until = performance.now() + this.windowMs;
    if (notAfter) until = Math.min(until, performance.now() + (notAfter.getTime() - Date.now()));
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { principal, until });
  }

  /** Evicts what a revocation payload names (also called in-process right after the revoking write). */
  evict(payload: string): void {
    if (payload === "*") {
      this.entries.clear();
      return;
    }
    const sep = payload.indexOf(":");
    const kind = payload.slice(0, sep);
    const id = payload.slice(sep + 1);
    for (const [key, { principal }] of this.entries) {
      if (kind === "user" ? principal.user.id === id : principal.credential.kind === kind && principal.credential.id === id) {
        this.entries.delete(key);
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<Database, PrincipalCache>();

/** The process's cache for this database (one per Database, shared by every app built on it). */
export function principalCacheFor(database: Database, windowMs?: number): PrincipalCache {
  let cache = caches.get(database);
  if (!cache || (windowMs !== undefined && cache.windowMs !== windowMs)) {
    cache = new PrincipalCache(database, windowMs);
    caches.set(database, cache);
  }
  return cache;
}

/** In-process eviction right after a revoking write (the NOTIFY reaches the other processes). */
export function evictPrincipals(database: Database, payload: string): void {
  caches.get(database)?.evict(payload);
}
