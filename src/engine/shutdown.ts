// Graceful stop of a worker's runs: wait up to the grace period for every run to reach its end
// (terminal write included); past it, call onGraceOver (the worker aborts the rest with
// "shutdown", which releases them) and wait for those ends too.
export async function drainRuns(ends: () => Promise<void>[], graceMs: number, onGraceOver: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<"over">((resolve) => {
    timer = setTimeout(() => resolve("over"), graceMs);
  });
  const outcome = await Promise.race([Promise.all(ends()).then(() => "done" as const), grace]);
  clearTimeout(timer);
  if (outcome === "over") {
    onGraceOver();
    await Promise.all(ends());
  }
}
