// The process logger: pino, one JSON line per event on stdout (pretty enough for `npm start`).
import { pino, type Logger } from "pino";
import type { Config } from "../config.js";

export type { Logger };

export function createLogger(config: Pick<Config, "logLevel">, name = "worksmith"): Logger {
  // Asynchronous writes: a request's log line is queued, not written with a blocking write(2) on the
  // event loop (3.8% of a loaded server's samples, 5.6% of its busy time — bench/RESULTS.md, API).
  // pino flushes what is queued synchronously when the process exits.
  return pino({ name, level: config.logLevel, base: { pid: process.pid } }, pino.destination({ dest: 1, sync: false }));
}
