// The CLI's SSE client against connections that die without saying so: a stream that goes silent
// and a server that accepts the connection but never answers. Both used to hang the client forever
// (no timeout anywhere); now silence longer than the idle timeout is a drop, and the client resumes
// with Last-Event-ID. A stream kept alive by heartbeats alone is not silent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient } from "./http.js";
import { readEventStream } from "./sse.js";

describe("readEventStream and silent connections", () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<string> {
    let n = 0;
    server = createServer((req, res) => handler(req, res, n++));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const frame = (id: number) => `id: ${id}\nevent: status\ndata: {"id":${id}}\n\n`;

  it("reconnects from a stream that went silent and from a server that never answered, each event once", { timeout: 10_000 }, async () => {
    const seenLastIds: (string | undefined)[] = [];
    const url = await serve((req, res, n) => {
      seenLastIds.push(req.headers["last-event-id"] as string | undefined);
      if (n === 0) {
        // One event, then nothing: no more bytes, no FIN (a vanished host, a stuck proxy).
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(frame(1));
      } else if (n === 1) {
        // Accepted, never answered: not even the headers.
      } else {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(frame(2) + "event: end\ndata: {}\n\n");
      }
    });
    const client = createApiClient({ baseUrl: url });
    const got: string[] = [];
    const reconnects: (string | null)[] = [];
    const started = Date.now();
    for await (const m of readEventStream(client, "/stream", { idleTimeoutMs: 300, onReconnect: (_, last) => reconnects.push(last) }))
      got.push(`${m.id ?? "-"}:${m.event}`);
    expect(got).toEqual(["1:status", "2:status", "-:end"]);
    expect(seenLastIds).toEqual([undefined, "1", "1"]);
    expect(reconnects).toEqual(["1", "1"]);
    // Two idle timeouts and two backoff waits (250 + 500 ms), not a hang.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps a stream whose only traffic for a while is heartbeats", { timeout: 10_000 }, async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(frame(1));
      // 1 s of heartbeats every 100 ms, more than three idle timeouts long, then the rest.
      let beats = 0;
      const timer = setInterval(() => {
        if (++beats <= 10) res.write(": heartbeat\n\n");
        else {
          clearInterval(timer);
          res.end(frame(2) + "event: end\ndata: {}\n\n");
        }
      }, 100);
      res.on("close", () => clearInterval(timer));
    });
    const client = createApiClient({ baseUrl: url });
    const got: string[] = [];
    for await (const m of readEventStream(client, "/stream", { idleTimeoutMs: 300 })) got.push(`${m.id ?? "-"}:${m.event}`);
    expect(got).toEqual(["1:status", "2:status", "-:end"]);
    expect(requests).toBe(1);
  });
});
