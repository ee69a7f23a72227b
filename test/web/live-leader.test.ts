// The leader of a browser's one live connection (web/src/shared/live-connection/leader.ts), with
// the EventSource replaced by a controllable fake: one stream per path however many tabs follow it,
// late tabs replayed what they missed, a tab needing older events makes the stream reopen from its
// cursor, one tab named per event, and an unfollowed stream closed after a grace period.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TicketEvent } from "../../src/domain/events.js";
import type { ConnectionState, StreamOptions } from "../../web/src/shared/event-stream.js";
import { LeaderHub } from "../../web/src/shared/live-connection/leader.js";
import type { FromLeader } from "../../web/src/shared/live-connection/protocol.js";

interface FakeStream {
  url: string;
  closed: boolean;
  emit(id: number): void;
  state(s: ConnectionState): void;
  end(): void;
}

function statusEvent(id: number): TicketEvent {
  return {
    id,
    ticket_id: "00000000-0000-4000-8000-000000000001",
    project_id: "00000000-0000-4000-8000-000000000002",
    type: "status",
    data: { status: "running" },
    created_at: new Date(0).toISOString(),
  } as TicketEvent;
}

function setUp() {
  const opened: FakeStream[] = [];
  const posted: FromLeader[] = [];
  const hub = new LeaderHub(
    (m) => posted.push(m),
    (options: StreamOptions) => {
      const stream: FakeStream = {
        url: options.url(options.after),
        closed: false,
        emit: (id) => options.onEvent(statusEvent(id)),
        state: (s) => options.onConnection?.(s),
        end: () => options.onEnd?.(),
      };
      opened.push(stream);
      options.onConnection?.("connecting");
      return () => {
        stream.closed = true;
      };
    },
  );
  const events = () => posted.filter((m): m is Extract<FromLeader, { kind: "event" }> => m.kind === "event");
  return { hub, opened, posted, events };
}

const PATH = "/api/projects/p/events";

describe("the live connection's leader", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("opens one stream for many tabs on one path, from the cursor of the first", () => {
    const { hub, opened } = setUp();
    hub.handle({ kind: "subscribe", tab: "a", sub: 1, path: PATH, after: 10 });
    hub.handle({ kind: "subscribe", tab: "b", sub: 1, path: PATH, after: 12 });
    hub.handle({ kind: "subscribe", tab: "c", sub: 7, path: PATH, after: 10 });
    expect(opened.map((s) => s.url)).toEqual([`${PATH}?after=10`]);
    expect(hub.openStreams).toBe(1);
  });

  it("replays to a late tab what it missed, addressed to it alone", () => {
    const { hub, opened, posted } = setUp();
    hub.handle({ kind: "subscribe", tab: "a", sub: 1, path: PATH, after: 10 });
    for (const id of [11, 12, 13]) opened[0]!.emit(id);
    hub.handle({ kind: "subscribe", tab: "b", sub: 2, path: PATH, after: 11 });
    const replay = posted.find((m) => m.kind === "replay");
    expect(replay).toMatchObject({ kind: "replay", tab: "b", sub: 2 });
    expect(replay && replay.kind === "replay" ? replay.events.map((e) => e.id) : []).toEqual([12, 13]);
    expect(opened).toHaveLength(1);
  });

  it("reopens from an earlier cursor when a tab needs events the stream does not hold", () => {
    const { hub, opened, events } = setUp();
    hub.handle({ kind: "subscribe", tab: "a", sub: 1, path: PATH, after: 20 });
    hub.handle({ kind: "subscribe", tab: "b", sub: 1, path: PATH, after: 5 });
    expect(opened.map((s) => s.url)).toEqual([`${PATH}?after=20`, `${PATH}?after=5`]);
    expect(opened[0]!.closed).toBe(true);
    expect(hub.openStreams).toBe(1);
    // The old stream's late words are ignored.
    opened[0]!.emit(21);
    opened[1]!.emit(6);
    expect(events().map((m) => m.event.id)).toEqual([6]);
  });

  it("names one tab per event: a visible one before a hidden one, then the one looked at last", () => {
    const { hub, opened, events } = setUp();
    hub.handle({ kind: "presence", tab: "a", visible: false, activeAt: 300 });
    hub.handle({ kind: "presence", tab: "b", visible: true, activeAt: 100 });
    hub.handle({ kind: "presence", tab: "c", visible: true, activeAt: 200 });
    for (const tab of ["a", "b", "c"]) hub.handle({ kind: "subscribe", tab, sub: 1, path: PATH, after: 0 });
    opened[0]!.emit(1);
    expect(events().at(-1)?.chosen).toBe("c");
    hub.handle({ kind: "presence", tab: "c", visible: false, activeAt: 200 });
    opened[0]!.emit(2);
    expect(events().at(-1)?.chosen).toBe("b");
    hub.handle({ kind: "bye", tab: "b" });
    opened[0]!.emit(3);
    expect(events().at(-1)?.chosen).toBe("a");
  });

  it("closes a stream nobody follows after a grace period; a tab back in time keeps it", () => {
    const { hub, opened } = setUp();
    hub.handle({ kind: "subscribe", tab: "a", sub: 1, path: PATH, after: 0 });
    hub.handle({ kind: "unsubscribe", tab: "a", sub: 1 });
    vi.advanceTimersByTime(1000);
    hub.handle({ kind: "subscribe", tab: "a", sub: 2, path: PATH, after: 0 });
    vi.advanceTimersByTime(10_000);
    expect(opened[0]!.closed).toBe(false);
    hub.handle({ kind: "unsubscribe", tab: "a", sub: 2 });
    vi.advanceTimersByTime(10_000);
    expect(opened[0]!.closed).toBe(true);
    expect(hub.openStreams).toBe(0);
  });

  it("forgets tabs that vanished without a word, and relays the end of a ticket's stream", () => {
    const { hub, opened, posted } = setUp();
    hub.handle({ kind: "subscribe", tab: "gone", sub: 1, path: PATH, after: 0 });
    hub.keepOnly(new Set(["other"]));
    vi.advanceTimersByTime(10_000);
    expect(opened[0]!.closed).toBe(true);

    const ticket = "/api/work/tickets/t/stream";
    hub.handle({ kind: "subscribe", tab: "a", sub: 1, path: ticket, after: 3 });
    opened[1]!.state("open");
    opened[1]!.end();
    expect(posted.filter((m) => m.kind === "state" && m.path === ticket).map((m) => (m.kind === "state" ? m.state : null))).toContain(
      "open",
    );
    expect(posted.at(-1)).toEqual({ kind: "end", path: ticket });
    expect(hub.openStreams).toBe(0);
  });
});
