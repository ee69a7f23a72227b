// The process logger: pino, one JSON line per event on stdout (pretty enough for `npm start`).
import { pino, type Logger } from "pino";
import type { Config } from "../config.js";

export type { Logger };

export function createLogger(config: Pick<Config, "logLevel">, name = "worksmith"): Logger {
  return pino({ name, level: config.logLevel, base: { pid: process.pid } });
}
