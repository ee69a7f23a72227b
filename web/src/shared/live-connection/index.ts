// One live connection per browser, shared by every tab of the app (issue 15). The tabs elect a leader
// with the Web Locks API: the first tab to ask holds the lock "worksmith:live-leader" for as long as
// it lives, the others queue for it, and when the leader closes (or crashes) the browser hands the
// lock to the next tab at once. Only the leader opens EventSources (one per stream path, however
// many tabs follow it); it relays what they say to all tabs over a BroadcastChannel. Each tab keeps
// its own cursor (the id of the last event it applied) per subscription, so when a new leader takes
// over, every tab re-subscribes from its own cursor and the new leader's streams resume with
// `?after=` from the lowest of them: the events said during the handover are replayed, not lost, and
// a tab drops what it has already seen.
//
// Where Web Locks or BroadcastChannel are missing (an old browser, or a page served over plain HTTP
// from a non-local address: Web Locks need a secure context), each tab is its own leader: one stream
// per tab, as before, and the toast claim in localStorage still keeps a completion from toasting twice.
import type { TicketEvent } from "../../../../src/domain/events.js";
import type { ConnectionState } from "../event-stream.js";
import { LeaderHub } from "./leader.js";
import { CHANNEL_NAME, isMessage, LEADER_LOCK, TAB_LOCK_PREFIX, type FromLeader, type StreamPath, type ToLeader } from "./protocol.js";

export interface LiveMeta {
  /** This tab is the one the leader named to react to the event (toast, desktop notification). */
  chosen: boolean;
}

export interface LiveOptions {
  /** The stream's path without a cursor (api.ts `streams.*(id, null)`). */
  path: StreamPath;
  /** Resume after this event id (null: the server's default starting point). */
  after: number | null;
  onEvent: (event: TicketEvent, meta: LiveMeta) => void;
  /** The server said `end` (a ticket reached its terminal status). */
  onEnd?: () => void;
  onConnection?: (state: ConnectionState) => void;
}

interface LocalSub extends LiveOptions {
  id: number;
  lastId: number | null;
}

/** How often the leader asks which tabs still hold their lock (a tab that crashed sent no "bye"). */
const PRUNE_MS = 10_000;

function randomTabId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

class LiveConnection {
  readonly tab = randomTabId();
  private readonly subs = new Map<number, LocalSub>();
  private nextSub = 1;
  private hub: LeaderHub | null = null;
  private readonly channel: BroadcastChannel | null;
  private activeAt = Date.now();

  constructor() {
    const shared = typeof BroadcastChannel !== "undefined" && typeof navigator !== "undefined" && "locks" in navigator;
    if (!shared) {
      this.channel = null;
      this.hub = new LeaderHub((message) => this.receive(message));
      return;
    }
    const channel = new BroadcastChannel(CHANNEL_NAME);
    this.channel = channel;
    channel.onmessage = (e: MessageEvent<unknown>) => {
      if (isMessage(e.data)) this.onChannel(e.data);
    };
    const forever = () => new Promise<never>(() => undefined);
    // Held for the life of the tab: the leader reads the held tab locks to find tabs that vanished.
    void navigator.locks.request(TAB_LOCK_PREFIX + this.tab, forever);
    void navigator.locks.request(LEADER_LOCK, () => {
      this.lead();
      return forever();
    });
    const onPresence = (): void => {
      if (document.visibilityState === "visible") this.activeAt = Date.now();
      this.sendPresence();
    };
    document.addEventListener("visibilitychange", onPresence);
    window.addEventListener("focus", onPresence);
    window.addEventListener("pagehide", () => this.toLeader({ kind: "bye", tab: this.tab }));
    // Back from the back/forward cache: the leader forgot this tab at pagehide.
    window.addEventListener("pageshow", (e) => {
      if (e.persisted) this.announce();
    });
    this.sendPresence();
  }

  follow(options: LiveOptions): () => void {
    const sub: LocalSub = { ...options, id: this.nextSub++, lastId: options.after };
    this.subs.set(sub.id, sub);
    sub.onConnection?.("connecting");
    this.toLeader({ kind: "subscribe", tab: this.tab, sub: sub.id, path: sub.path, after: sub.lastId });
    return () => {
      if (!this.subs.delete(sub.id)) return;
      this.toLeader({ kind: "unsubscribe", tab: this.tab, sub: sub.id });
      sub.onConnection?.("closed");
    };
  }

  /** Is this tab the one holding the browser's streams? */
  get leading(): boolean {
    return this.hub !== null;
  }

  private lead(): void {
    const hub = new LeaderHub((message) => {
      this.channel?.postMessage(message);
      this.receive(message);
    });
    this.hub = hub;
    // Everyone (this tab too) tells the new leader what it follows, from its own cursor.
    this.channel?.postMessage({ kind: "leader", tab: this.tab } satisfies FromLeader);
    this.announce();
    setInterval(() => {
      void navigator.locks.query().then((snapshot) => {
        const alive = new Set<string>([this.tab]);
        for (const lock of snapshot.held ?? []) {
          if (lock.name?.startsWith(TAB_LOCK_PREFIX)) alive.add(lock.name.slice(TAB_LOCK_PREFIX.length));
        }
        hub.keepOnly(alive);
      });
    }, PRUNE_MS);
  }

  private announce(): void {
    this.sendPresence();
    for (const sub of this.subs.values()) {
      this.toLeader({ kind: "subscribe", tab: this.tab, sub: sub.id, path: sub.path, after: sub.lastId });
    }
  }

  private sendPresence(): void {
    if (!this.channel) return;
    this.toLeader({ kind: "presence", tab: this.tab, visible: document.visibilityState === "visible", activeAt: this.activeAt });
  }

  private toLeader(message: ToLeader): void {
    if (this.hub) this.hub.handle(message);
    else this.channel?.postMessage(message);
  }

  private onChannel(message: ToLeader | FromLeader): void {
    switch (message.kind) {
      case "subscribe":
      case "unsubscribe":
      case "presence":
      case "bye":
        this.hub?.handle(message);
        return;
      default:
        this.receive(message);
    }
  }

  private receive(message: FromLeader): void {
    switch (message.kind) {
      case "leader":
        if (message.tab !== this.tab) this.announce();
        return;
      case "event":
        for (const sub of this.subsOf(message.path)) this.deliver(sub, message.event, message.chosen === this.tab);
        return;
      case "replay": {
        if (message.tab !== this.tab) return;
        const sub = this.subs.get(message.sub);
        // Replayed history is not news: no tab reacts to it.
        if (sub) for (const event of message.events) this.deliver(sub, event, false);
        return;
      }
      case "state":
        if (message.tab !== undefined && message.tab !== this.tab) return;
        for (const sub of this.subsOf(message.path)) sub.onConnection?.(message.state);
        return;
      case "end":
        for (const sub of this.subsOf(message.path)) {
          this.subs.delete(sub.id);
          sub.onEnd?.();
        }
        return;
    }
  }

  private subsOf(path: StreamPath): LocalSub[] {
    return [...this.subs.values()].filter((s) => s.path === path);
  }

  private deliver(sub: LocalSub, event: TicketEvent, chosen: boolean): void {
    if (!this.subs.has(sub.id)) return;
    if (sub.lastId !== null && event.id <= sub.lastId) return;
    sub.lastId = event.id;
    sub.onEvent(event, { chosen });
  }
}

let connection: LiveConnection | null = null;

/** This browser's shared connection, started on first use. */
function live(): LiveConnection {
  connection ??= new LiveConnection();
  return connection;
}

/**
 * Follow a stream through the browser's one live connection; returns `stop`. Events arrive in id
 * order, each once per call, starting after `after`.
 */
export function followLive(options: LiveOptions): () => void {
  return live().follow(options);
}
