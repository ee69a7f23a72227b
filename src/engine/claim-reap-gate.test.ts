// The in-process gate between claims and reaps (lease.ts): a reap never runs while a claim of this
// process is in flight (its fresh lease is not yet on the spare list), and claims wait for a reap.
import { describe, expect, it } from "vitest";
import { claimReapGate } from "./lease.js";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("claim/reap gate", () => {
  it("a reap waits for the claims in flight, and claims arriving meanwhile wait for the reap", async () => {
    const order: string[] = [];
    let releaseClaim: () => void = () => undefined;
    const claim1 = claimReapGate.claim(async () => {
      order.push("claim1 start");
      await new Promise<void>((r) => (releaseClaim = r));
      order.push("claim1 end");
    });
    await tick();
    const reap = claimReapGate.reap(async () => {
      order.push("reap");
      await tick();
    });
    await tick();
    const claim2 = claimReapGate.claim(async () => {
      order.push("claim2");
    });
    await tick();
    expect(order).toEqual(["claim1 start"]);
    releaseClaim();
    await Promise.all([claim1, reap, claim2]);
    expect(order).toEqual(["claim1 start", "claim1 end", "reap", "claim2"]);
  });

  it("claims run side by side when no reap is waiting, and a failed reap opens the gate again", async () => {
    let inFlight = 0;
    let most = 0;
    const claim = () =>
      claimReapGate.claim(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick();
        inFlight--;
      });
    await Promise.all([claim(), claim(), claim()]);
    expect(most).toBe(3);
    await expect(claimReapGate.reap(() => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    await expect(claimReapGate.claim(() => Promise.resolve("claimed"))).resolves.toBe("claimed");
  });
});
