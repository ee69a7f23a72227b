// src/engine — the ticket lifecycle: submit, claim/lease/heartbeat, cancel, retry, timeout, crash
// recovery, the worker loop. Imports src/domain, src/db and src/events; knows nothing about agents.
export * from "./submit.js";
export * from "./cancel.js";
export * from "./retry.js";
