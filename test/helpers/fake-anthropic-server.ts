// A scripted fake of the Anthropic Messages API (POST /v1/messages, streamed as SSE events
// message_start … content_block_* … message_delta, message_stop) on a free local port, so the LLM
// provider's Anthropic path is tested through the real AI SDK HTTP client. Same script as the
// OpenAI-compatible fake (FakeTurn); every request is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeTurn, FakeUsage } from "./fake-openai-server.js";

export interface AnthropicRequest {
  path: string;
  at: number;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    stream?: boolean;
    system?: unknown;
    messages: { role: string; content: unknown }[];
    tools?: { name: string; description?: string; input_schema: unknown }[];
    [key: string]: unknown;
  };
}

export interface FakeAnthropicServer {
  /** e.g. http://127.0.0.1:41234/v1 — the Anthropic client's baseURL. */
  baseUrl: string;
  requests: AnthropicRequest[];
  script(turns: FakeTurn[]): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 100, completion_tokens: 20 };

/** Anthropic's error types by status, as its API names them. */
const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

export async function startFakeAnthropicServer(): Promise<FakeAnthropicServer> {
  let turns: FakeTurn[] = [];
  const requests: AnthropicRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = (raw ? JSON.parse(raw) : {}) as AnthropicRequest["body"];
    requests.push({ path: req.url ?? "", at: performance.now(), headers: req.headers, body });
    if (req.method !== "POST" || !req.url?.endsWith("/messages"))
      return sendError(res, 404, `fake server: no route ${req.method} ${req.url}`);
    const turn = turns.shift();
    if (!turn) return sendError(res, 500, "fake server: no scripted turn left");
    if ("status" in turn) return sendError(res, turn.status, turn.error, turn.headers);
    if (!body.stream) return sendError(res, 400, "fake server: only stream: true is scripted");

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (event: string, data: Record<string, unknown>) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    const usage = "usage" in turn && turn.usage ? turn.usage : DEFAULT_USAGE;
    send("message_start", {
      message: {
        id: `msg_${++counter}`,
        type: "message",
        role: "assistant",
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.prompt_tokens, output_tokens: 1 },
      },
    });
    let index = 0;
    const textBlock = async (pieces: string[], delayMs = 0) => {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      for (const piece of pieces) {
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        send("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
      }
      send("content_block_stop", { index });
      index++;
    };
    if ("hang" in turn) {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      if (turn.text) send("content_block_delta", { index, delta: { type: "text_delta", text: turn.text } });
      return; // never ends: the client must abort
    }
    let stopReason = "end_turn";
    if ("toolCalls" in turn) {
      if (turn.text) await textBlock([turn.text]);
      for (const call of turn.toolCalls) {
        const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
        send("content_block_start", {
          index,
          content_block: { type: "tool_use", id: call.id ?? `toolu_${++counter}`, name: call.name, input: {} },
        });
        const size = Math.max(1, Math.ceil(args.length / (turn.splitInto ?? 3)));
        for (let i = 0; i < args.length; i += size) {
          send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: args.slice(i, i + size) } });
        }
        send("content_block_stop", { index });
        index++;
      }
      stopReason = "tool_use";
    } else {
      const mid = Math.ceil(turn.text.length / 2);
      await textBlock(turn.chunks ?? [turn.text.slice(0, mid), turn.text.slice(mid)], turn.delayMs);
    }
    send("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.completion_tokens } });
    send("message_stop", {});
    res.end();
  }

  function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
    res
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(JSON.stringify({ type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } }));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      turns = [...next];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
