// What the routes need from the rest of the server, handed in once by the composition root
// (src/cli/serve.ts). Each route module takes only the parts it uses.
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { TicketEndWaiter } from "../engine/index.js";

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface ApiDeps {
  database: Database;
  /** `async: false` waits on the server's event hub (src/cli/server-parts.ts); without one, a hub per wait. */
  ticketEnds?: TicketEndWaiter | undefined;
  config: Config;
  version: string;
  logger: Logger;
  /** Authenticated credentials are reused for this long in-process (default AUTH_CACHE_MS; tests shorten it). */
  authCacheMs?: number | undefined;
}
