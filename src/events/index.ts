// src/events — the event log and its only writers (appendEvent, and the status-event fragment the
// engine's statements compose), the settled watermark, the per-process hub that fans events out, and
// the SSE stream a client reads. Imports src/domain and src/db only.
export * from "./answer-events-sql.js";
export * from "./append.js";
export * from "./event-stream.js";
export * from "./hub.js";
export * from "./read-events.js";
export * from "./replay-cache.js";
export * from "./sse.js";
export * from "./status-events-sql.js";
export * from "./watermark.js";
