// The messages tabs of one browser exchange over the BroadcastChannel "worksmith:live" (see index.ts):
// tabs tell the leader what they follow and whether they are looked at; the leader tells them what
// its streams said. Everything here is structured-clone data (no functions), and a message from a
// newer or older build that does not parse is ignored.
import type { TicketEvent } from "../../../../src/domain/events.js";
import type { ConnectionState } from "../event-stream.js";

export const CHANNEL_NAME = "worksmith:live";
export const LEADER_LOCK = "worksmith:live-leader";
/** Each tab holds `${TAB_LOCK_PREFIX}<tab id>` while it lives: the leader asks which are still held. */
export const TAB_LOCK_PREFIX = "worksmith:live-tab:";

/** A stream is named by its path without a cursor, e.g. `/api/projects/<id>/events`. */
export type StreamPath = string;

/** Tab → leader. */
export type ToLeader =
  | { kind: "subscribe"; tab: string; sub: number; path: StreamPath; after: number | null }
  | { kind: "unsubscribe"; tab: string; sub: number }
  | { kind: "presence"; tab: string; visible: boolean; activeAt: number }
  | { kind: "bye"; tab: string };

/** Leader → tabs. `chosen` names the one tab that reacts to an event with a side effect (a toast). */
export type FromLeader =
  | { kind: "leader"; tab: string }
  | { kind: "event"; path: StreamPath; event: TicketEvent; chosen: string | null }
  | { kind: "replay"; tab: string; sub: number; events: TicketEvent[] }
  | { kind: "state"; path: StreamPath; state: ConnectionState; tab?: string }
  | { kind: "end"; path: StreamPath };

export type Message = ToLeader | FromLeader;

const KINDS = new Set(["subscribe", "unsubscribe", "presence", "bye", "leader", "event", "replay", "state", "end"]);

export function isMessage(data: unknown): data is Message {
  return typeof data === "object" && data !== null && KINDS.has((data as { kind?: unknown }).kind as string);
}

/** The stream URL resuming after an event id (the same `?after=` cursor the server documents). */
export function streamUrl(path: StreamPath, after: number | null): string {
  return after === null ? path : `${path}?after=${after}`;
}
