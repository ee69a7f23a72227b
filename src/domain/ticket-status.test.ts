import { describe, expect, it } from "vitest";
import { canCancel, canRetry, isTerminal, legalFromStatuses, TICKET_ACTIONS, TICKET_STATUSES, transition } from "./ticket-status.js";

describe("ticket state machine", () => {
  // The whole table, written out: a change to the rules must change this test on purpose.
  const legal: Record<string, string> = {
    "pending/claim": "running",
    "running/complete": "completed",
    "running/fail": "failed",
    "pending/fail": "failed",
    "pending/cancel": "cancelled",
    "running/cancel": "cancelled",
    "running/requeue": "pending",
    "running/wait": "waiting",
    "waiting/resume": "running",
    "waiting/cancel": "cancelled",
    "waiting/fail": "failed",
  };

  it.each(TICKET_STATUSES.flatMap((s) => TICKET_ACTIONS.map((a) => [s, a] as const)))("%s + %s", (from, action) => {
    const result = transition(from, action);
    const expected = legal[`${from}/${action}`];
    if (expected) expect(result).toEqual({ ok: true, from, to: expected });
    else expect(result).toEqual({ ok: false, from, action });
  });

  it("never leaves a terminal status", () => {
    for (const s of TICKET_STATUSES.filter(isTerminal)) {
      for (const a of TICKET_ACTIONS) expect(transition(s, a).ok).toBe(false);
    }
  });

  it("gives the guarded UPDATE its legal from-statuses", () => {
    expect(legalFromStatuses("cancel").sort()).toEqual(["pending", "running", "waiting"]);
    expect(legalFromStatuses("claim")).toEqual(["pending"]);
  });

  it("allows cancel only before the end and retry only after it", () => {
    expect(TICKET_STATUSES.filter(canCancel)).toEqual(["pending", "running", "waiting"]);
    expect(TICKET_STATUSES.filter(canRetry)).toEqual(["completed", "failed", "cancelled"]);
  });
});
