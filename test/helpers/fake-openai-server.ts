// A scripted fake OpenAI-compatible server (POST /v1/chat/completions) on a free local port, so the
// LLM provider is tested through the real AI SDK HTTP path: request building, SSE parsing, tool-call
// deltas, usage, aborts. Each request consumes the next scripted turn; every request is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent verbatim (to script malformed arguments). */
  arguments: unknown;
  id?: string;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type FakeTurn =
  /**
   * The model calls tools; their arguments are streamed in `splitInto` pieces (default 3). `text`
   * is said first; `delayMs` holds the stream open that long before (a model's own latency).
   */
  | { toolCalls: FakeToolCall[]; usage?: FakeUsage; splitInto?: number; text?: string; delayMs?: number }
  /** The model answers with text and stops: in two deltas, or in `chunks` sent `delayMs` apart. */
  | { text: string; usage?: FakeUsage; chunks?: string[]; delayMs?: number }
  /** Sends the role chunk and some text, then never finishes (until the client goes away). */
  | { hang: true; text?: string }
  /** An HTTP error response, e.g. 401 with an OpenAI-style error body; `headers` such as Retry-After. */
  | { status: number; error: string; headers?: Record<string, string> };

export interface RecordedRequest {
  path: string;
  /** performance.now() when the request arrived. */
  at: number;
  /** performance.now() when the scripted response was complete (streamed turns only). */
  doneAt?: number;
  headers: IncomingMessage["headers"];
  body: ChatRequestBody;
}

/** The part of an OpenAI chat-completions request the tests look at. */
export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters: unknown } }[];
  [key: string]: unknown;
}

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:41234/v1 — what a client takes as its base URL. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replace the script; turns are consumed one per request. */
  script(turns: FakeTurn[]): void;
  /** Resolves when a hanging response of the current script has started (the client is mid-stream). */
  hanging(): Promise<void>;
  /** Resolves with performance.now() when the client closed a hanging response of the current script. */
  clientGone(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 100, completion_tokens: 20 };

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  let turns: FakeTurn[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let onHang: (() => void) | undefined;
  let hangStarted = new Promise<void>((resolve) => (onHang = resolve));
  let onGone: ((at: number) => void) | undefined;
  let gone = new Promise<number>((resolve) => (onGone = resolve));
  let callCounter = 0;

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = (raw ? JSON.parse(raw) : {}) as ChatRequestBody;
    // Recorded before routing, so a test sees where a misrouted client went (e.g. /v1/responses).
    const recorded: RecordedRequest = { path: req.url ?? "", at: performance.now(), headers: req.headers, body };
    requests.push(recorded);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      sendError(res, 404, `fake server: no route ${req.method} ${req.url}`);
      return;
    }
    const turn = turns.shift();
    if (!turn) {
      sendError(res, 500, "fake server: no scripted turn left");
      return;
    }
    if ("status" in turn) {
      sendError(res, turn.status, turn.error, turn.headers);
      return;
    }
    const id = `chatcmpl-${requests.length}`;
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      ({
        id,
        object: "chat.completion.chunk",
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      }) as const;

    if (!body.stream) {
      // The provider streams (streamText); a non-streamed call means the client was misconfigured.
      sendError(res, 400, "fake server: only stream: true is scripted");
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    send(chunk({ role: "assistant", content: "" }));

    if ("hang" in turn) {
      if (turn.text) send(chunk({ content: turn.text }));
      res.on("close", () => onGone?.(performance.now()));
      onHang?.();
      return; // never ends: the client must abort
    }
    if (!("toolCalls" in turn)) {
      // Two deltas by default, so the client assembles text across chunks.
      const mid = Math.ceil(turn.text.length / 2);
      const pieces = turn.chunks ?? [turn.text.slice(0, mid), turn.text.slice(mid)];
      for (const piece of pieces) {
        if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs));
        if (res.destroyed) return;
        send(chunk({ content: piece }));
      }
      send(chunk({}, "stop"));
    } else {
      if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs)); // the model "thinking"
      if (turn.text) send(chunk({ content: turn.text }));
      turn.toolCalls.forEach((call, index) => {
        const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
        const callId = call.id ?? `call_${++callCounter}`;
        // The first delta names the call with empty arguments, as OpenAI does; the rest carry pieces.
        send(chunk({ tool_calls: [{ index, id: callId, type: "function", function: { name: call.name, arguments: "" } }] }));
        for (const piece of splitString(args, turn.splitInto ?? 3)) {
          send(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
        }
      });
      send(chunk({}, "tool_calls"));
    }
    send({ id, object: "chat.completion.chunk", created: 1_700_000_000, model: body.model, choices: [], usage: usageOf(turn.usage) });
    res.end("data: [DONE]\n\n");
    recorded.doneAt = performance.now();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      turns = [...next];
      hangStarted = new Promise<void>((resolve) => (onHang = resolve));
      gone = new Promise<number>((resolve) => (onGone = resolve));
    },
    hanging: () => hangStarted,
    clientGone: () => gone,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function usageOf(usage: FakeUsage | undefined) {
  const u = usage ?? DEFAULT_USAGE;
  return { ...u, total_tokens: u.prompt_tokens + u.completion_tokens };
}

function splitString(s: string, parts: number): string[] {
  if (s.length === 0) return [];
  const size = Math.max(1, Math.ceil(s.length / Math.max(1, parts)));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { "content-type": "application/json", ...headers })
    .end(JSON.stringify({ error: { message, type: "invalid_request_error", code: null } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
