// Where a statement comes from, for the embedded database's queue (./thread.ts): a request being
// answered, or background work (agents' outputs and events, the engine's claims, automation passes).
// The HTTP edge runs each request inside `answeringRequest`; a statement sent while that request is
// still being answered goes ahead of background ones in the database thread. Work a request starts
// and leaves running (a handed-off ticket's agent, an event fan-out) inherits the async context but
// not the priority: the mark is closed when the answer is ready.
import { AsyncLocalStorage } from "node:async_hooks";

interface RequestMark {
  open: boolean;
}

const current = new AsyncLocalStorage<RequestMark>();

/** Runs `answer` (a request's handling) so the embedded database serves its statements first. */
export async function answeringRequest<T>(answer: () => Promise<T>): Promise<T> {
  const mark: RequestMark = { open: true };
  try {
    return await current.run(mark, answer);
  } finally {
    mark.open = false;
  }
}

/** Whether the caller is answering a request right now (its statements go first). */
export function inRequest(): boolean {
  return current.getStore()?.open === true;
}
