// src/engine — the ticket lifecycle: submit, claim/lease/heartbeat, cancel, retry, timeout, crash
// recovery and the worker loop. Imports src/domain, src/db and src/events; never agents or api.
export { submitTicket, type SubmitInput, type SubmitResult } from "./submit.js";
export { submitTicketsBulk, type BulkSubmitInput } from "./submit-bulk.js";
export { cancelTicket } from "./cancel.js";
export { retryTicket, type RetryInput } from "./retry.js";
export {
  createWorker,
  defaultWorkerId,
  agentErrorMessage,
  type Worker,
  type WorkerOptions,
  type WorkerLogger,
  type WorkerTransition,
} from "./worker.js";
export { createTicketEndWaiter, waitForTicketEnd, type TicketEndWaiter } from "./wait-for-ticket-end.js";
export { TicketNotHeldError } from "./ports.js";
export { setProjectMaxRunning } from "./project-limits.js";
export { readQueuePosition } from "./queue-position.js";
export type { Lease } from "./lease.js";
export type { AbortReason } from "../domain/agent-runner.js";
