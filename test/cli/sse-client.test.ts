// The CLI's SSE client on its own: the parser against the WHATWG framing rules, and reconnection
// with Last-Event-ID against a local server that drops the connection mid-stream on purpose.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../src/cli/client/errors.js";
import { createApiClient } from "../../src/cli/client/http.js";
import { createSseParser, readEventStream, type SseMessage } from "../../src/cli/client/sse.js";

describe("SSE parser", () => {
  it("handles ids, event names, comments, multi-line data and every line ending, across chunk borders", () => {
    const got: SseMessage[] = [];
    const feed = createSseParser((m) => got.push(m));
    const text =
      ': heartbeat\n\nid: 1\nevent: status\ndata: {"a":1}\n\nid: 2\r\nevent: todos\r\ndata: line one\r\ndata: line two\r\n\r\nevent: end\rdata: {}\r\rdata:no space\n\n';
    // feed one character at a time: a CRLF split across chunks must still be one line end
    for (const ch of text) feed(ch);
    expect(got).toEqual([
      { id: "1", event: "status", data: '{"a":1}' },
      { id: "2", event: "todos", data: "line one\nline two" },
      { id: null, event: "end", data: "{}" },
      { id: null, event: "message", data: "no space" },
    ]);
  });
});

describe("readEventStream", () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  async function serve(handler: (req: IncomingMessage, res: import("node:http").ServerResponse, n: number) => void): Promise<string> {
    let n = 0;
    server = createServer((req, res) => handler(req, res, n++));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const frame = (id: number, type: string) => `id: ${id}\nevent: ${type}\ndata: {"id":${id}}\n\n`;

  it("reconnects after a dropped connection with Last-Event-ID and yields each event once, until end", async () => {
    const seenLastIds: (string | undefined)[] = [];
    const url = await serve((req, res, n) => {
      seenLastIds.push(req.headers["last-event-id"] as string | undefined);
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (n === 0) {
        res.write(frame(1, "status") + frame(2, "todos"));
        setTimeout(() => res.socket?.destroy(), 50); // the network drops, no `end`
      } else if (n === 1) {
        res.end(); // a clean close without `end` is a drop too
      } else {
        // a server that replays one event too many: the client must not yield 2 twice
        res.end(frame(2, "todos") + frame(3, "status") + "event: end\ndata: {}\n\n");
      }
    });
    const client = createApiClient({ baseUrl: url, token: "secret" });
    const reconnects: number[] = [];
    const got: string[] = [];
    for await (const m of readEventStream(client, "/stream", { onReconnect: (a) => reconnects.push(a) }))
      got.push(`${m.id ?? "-"}:${m.event}`);
    expect(got).toEqual(["1:status", "2:todos", "3:status", "-:end"]);
    expect(seenLastIds).toEqual([undefined, "2", "2"]);
    expect(reconnects.length).toBe(2);
  });

  it("sends the token as a Bearer header and stops at a 4xx with the problem's detail", async () => {
    let auth: string | undefined;
    const url = await serve((req, res) => {
      auth = req.headers.authorization;
      res.writeHead(404, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "x", title: "Not found", status: 404, detail: "ticket abc not found" }));
    });
    const client = createApiClient({ baseUrl: url, token: "t0k" });
    const run = async () => {
      for await (const _ of readEventStream(client, "/stream")) void _;
    };
    const err = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT.input);
    expect((err as CliError).message).toBe("ticket abc not found (HTTP 404)");
    expect(auth).toBe("Bearer t0k");
  });

  it("gives up with exit 1 when the server stays unreachable past the budget", async () => {
    const client = createApiClient({ baseUrl: "http://127.0.0.1:9" });
    const started = Date.now();
    const run = async () => {
      for await (const _ of readEventStream(client, "/stream", { reconnectBudgetMs: 600 })) void _;
    };
    const err = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT.server);
    expect((err as CliError).message).toMatch(/could not reconnect/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
