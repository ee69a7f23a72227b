// A fetch for the model providers that notices a stalled model: no response headers, or no body
// chunk, for `idleMs`. It aborts that request and tells the run (onStall), which fails the attempt
// as "model stalled" instead of waiting for the recipe's timeout. The AI SDK's own chunk timeout
// starts only after the first chunk and counts tool execution, so it cannot say this.
export function createIdleFetch(idleMs: number, onStall: () => void, base: typeof fetch = fetch): typeof fetch {
  return async function idleFetch(input, init) {
    const stalled = new AbortController();
    const outer = init?.signal ?? undefined;
    const signal = outer ? AbortSignal.any([outer, stalled.signal]) : stalled.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A cancel that raced the timer is a cancel, not a stall.
        if (outer?.aborted) return;
        onStall();
        stalled.abort(new Error(`no data from the model for ${idleMs} ms`));
      }, idleMs);
    };
    const disarm = () => clearTimeout(timer);
    signal.addEventListener("abort", disarm, { once: true });

    arm();
    let response: Response;
    try {
      response = await base(input, { ...init, signal });
    } catch (error) {
      disarm();
      throw error;
    }
    if (!response.body) {
      disarm();
      return response;
    }
    arm();
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          arm();
          controller.enqueue(chunk);
        },
        flush: disarm,
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
