// A real HTTP server for the stream tests: the API with the stream routes installed, an event hub,
// @hono/node-server on a free loopback port. Real sockets, so disconnects and headers are real.
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createApi } from "../../src/api/app.js";
import { registerStreamRoutes, type StreamRouteOptions } from "../../src/api/routes/streams.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { adoptOwnerlessProjects } from "../../src/db/repositories/accounts.js";
import { createEventHub, type EventHub, type EventHubOptions } from "../../src/events/index.js";
import { createTestUser, type TestUser } from "../helpers/auth.js";

export const silentLogger = { info() {}, warn() {}, error() {} };

export interface StreamServer {
  url: string;
  hub: EventHub;
  /** The account requests without an Authorization header are made as (see `serve` below). */
  user: TestUser;
  close(): Promise<void>;
}

export async function startStreamServer(
  database: Database,
  options: Partial<Omit<StreamRouteOptions, "database" | "hub">> & { hubOptions?: Partial<EventHubOptions> } = {},
): Promise<StreamServer> {
  const hub = createEventHub({ database, logger: silentLogger, ...options.hubOptions });
  await hub.start();
  const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" });
  const app = createApi({ database, config, version: "test", logger: silentLogger }, [
    (a) => registerStreamRoutes(a, { ...options, database, hub }),
  ]);
  // These tests are about streams, not accounts (test/api/access.test.ts covers those): a request
  // without credentials is made as `user`, who owns every project the tests create.
  const user = await createTestUser(database);
  const asUser = async (req: Request) => {
    if (req.headers.has("authorization")) return app.fetch(req);
    await adoptOwnerlessProjects(database.db, user.id);
    const headers = new Headers(req.headers);
    headers.set("authorization", `Bearer ${user.token}`);
    return app.fetch(new Request(req, { headers }));
  };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: asUser, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  // The client (undici) closes idle keep-alive sockets after 4 s; a server closing them at 5 s (Node's
  // default) races it when a busy event loop fires both timers late, and a request sent on the socket
  // being closed fails with ECONNRESET. Let the client always be the one that closes.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 60_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hub,
    user,
    async close() {
      await hub.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
