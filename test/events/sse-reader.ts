// A raw SSE reader over fetch, for tests that look at bytes, headers and exact frames: parses the
// stream into messages (comments kept apart) until a predicate holds, the stream ends, or a timeout.
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface SseRead {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  comments: string[];
  retry: number | null;
  /** The server closed the stream. */
  ended: boolean;
}

export interface ReadOptions {
  headers?: Record<string, string>;
  /** Stop reading (and disconnect) once this holds. */
  until?: (messages: SseMessage[], comments: string[]) => boolean;
  timeoutMs?: number;
  /** Called with each message as it is parsed. */
  onMessage?: (m: SseMessage) => void;
}

export async function readSse(url: string, o: ReadOptions = {}): Promise<SseRead> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`readSse ${url}: timed out`)), o.timeoutMs ?? 15_000);
  try {
    const res = await fetch(url, { headers: { accept: "text/event-stream", ...o.headers }, signal: controller.signal });
    const out: SseRead = { status: res.status, headers: res.headers, messages: [], comments: [], retry: null, ended: false };
    if (!res.body || !(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
      out.messages.push({ id: null, event: "body", data: await res.text() });
      out.ended = true;
      return out;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      if (o.until?.(out.messages, out.comments)) {
        controller.abort();
        return out;
      }
      const { done, value } = await reader.read();
      if (done) {
        out.ended = true;
        return out;
      }
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const m: SseMessage = { id: null, event: "message", data: "" };
        let isMessage = false;
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) out.comments.push(line.slice(1).trim());
          else if (line.startsWith("retry: ")) out.retry = Number(line.slice(7));
          else if (line.startsWith("id: ")) m.id = line.slice(4);
          else if (line.startsWith("event: ")) m.event = line.slice(7);
          else if (line.startsWith("data: ")) {
            m.data += (isMessage && m.data ? "\n" : "") + line.slice(6);
            isMessage = true;
          }
        }
        if (isMessage) {
          out.messages.push(m);
          o.onMessage?.(m);
        }
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
