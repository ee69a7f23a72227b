// The leader's side: the one tab of the browser that holds the EventSources. It opens one stream per
// path however many tabs follow it, keeps what each stream said (so a tab that joins late is replayed
// what it missed), and names, for every event, the one tab that should react to it (the toast): a
// visible tab before a hidden one, then the one looked at most recently.
import type { TicketEvent } from "../../../../src/domain/events.js";
import { followStream, type ConnectionState, type StreamOptions } from "../event-stream.js";
import { streamUrl, type FromLeader, type StreamPath, type ToLeader } from "./protocol.js";

/** Events kept per stream for tabs that join late; older ones make a late tab reopen the stream. */
const BUFFER_EVENTS = 1000;
/** A stream nobody follows closes after this: a tab reloading or moving between pages rejoins it. */
const IDLE_CLOSE_MS = 3000;

interface Subscriber {
  tab: string;
  sub: number;
}

interface Stream {
  path: StreamPath;
  close: () => void;
  /** The buffer holds every event of this stream with an id above this. */
  coveredFrom: number;
  buffer: TicketEvent[];
  state: ConnectionState;
  subscribers: Map<string, Subscriber>;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

interface Presence {
  visible: boolean;
  activeAt: number;
}

export type OpenStream = (options: StreamOptions) => () => void;

const subscriberKey = (tab: string, sub: number): string => `${tab}:${sub}`;

export class LeaderHub {
  private readonly streams = new Map<StreamPath, Stream>();
  private readonly presence = new Map<string, Presence>();

  constructor(
    private readonly post: (message: FromLeader) => void,
    private readonly open: OpenStream = followStream,
  ) {}

  handle(message: ToLeader): void {
    switch (message.kind) {
      case "subscribe":
        this.subscribe(message.tab, message.sub, message.path, message.after);
        break;
      case "unsubscribe":
        this.unsubscribe((s) => s.tab === message.tab && s.sub === message.sub);
        break;
      case "presence":
        this.presence.set(message.tab, { visible: message.visible, activeAt: message.activeAt });
        break;
      case "bye":
        this.forgetTab(message.tab);
        break;
    }
  }

  /** Tabs that went away without saying so (a crash, a killed process): drop what they followed. */
  keepOnly(alive: ReadonlySet<string>): void {
    const gone = new Set<string>();
    for (const stream of this.streams.values()) for (const s of stream.subscribers.values()) if (!alive.has(s.tab)) gone.add(s.tab);
    for (const tab of gone) this.forgetTab(tab);
  }

  /** How many streams this leader holds open (tests and the debug overlay read it). */
  get openStreams(): number {
    return this.streams.size;
  }

  private forgetTab(tab: string): void {
    this.presence.delete(tab);
    this.unsubscribe((s) => s.tab === tab);
  }

  private subscribe(tab: string, sub: number, path: StreamPath, after: number | null): void {
    const from = after ?? 0;
    let stream = this.streams.get(path);
    if (stream) {
      clearTimeout(stream.idleTimer);
      stream.idleTimer = undefined;
    }
    if (stream && from >= stream.coveredFrom) {
      stream.subscribers.set(subscriberKey(tab, sub), { tab, sub });
      const missed = stream.buffer.filter((e) => e.id > from);
      if (missed.length > 0) this.post({ kind: "replay", tab, sub, events: missed });
      this.post({ kind: "state", path, state: stream.state, tab });
      return;
    }
    // New, or the tab needs events from before what this stream holds: (re)open from its cursor. The
    // tabs already further along drop what they have seen (each tab keeps its own last event id).
    const subscribers = stream?.subscribers ?? new Map<string, Subscriber>();
    subscribers.set(subscriberKey(tab, sub), { tab, sub });
    if (stream) {
      this.streams.delete(path);
      stream.close();
    }
    stream = this.start(path, after, subscribers);
  }

  private start(path: StreamPath, after: number | null, subscribers: Map<string, Subscriber>): Stream {
    const stream: Stream = {
      path,
      close: () => undefined,
      coveredFrom: after ?? 0,
      buffer: [],
      state: "connecting",
      subscribers,
      idleTimer: undefined,
    };
    this.streams.set(path, stream);
    const current = (): boolean => this.streams.get(path) === stream;
    stream.close = this.open({
      url: (cursor) => streamUrl(path, cursor),
      after,
      onEvent: (event) => {
        if (!current()) return;
        stream.buffer.push(event);
        if (stream.buffer.length > BUFFER_EVENTS) stream.coveredFrom = stream.buffer.shift()?.id ?? stream.coveredFrom;
        this.post({ kind: "event", path, event, chosen: this.choose(stream) });
      },
      onEnd: () => {
        if (!current()) return;
        this.streams.delete(path);
        clearTimeout(stream.idleTimer);
        this.post({ kind: "end", path });
      },
      onConnection: (state) => {
        if (!current()) return;
        stream.state = state;
        this.post({ kind: "state", path, state });
      },
    });
    return stream;
  }

  private unsubscribe(match: (s: Subscriber) => boolean): void {
    for (const stream of this.streams.values()) {
      for (const [key, s] of stream.subscribers) if (match(s)) stream.subscribers.delete(key);
      if (stream.subscribers.size === 0 && stream.idleTimer === undefined) {
        stream.idleTimer = setTimeout(() => {
          stream.idleTimer = undefined;
          if (stream.subscribers.size > 0 || this.streams.get(stream.path) !== stream) return;
          this.streams.delete(stream.path);
          stream.close();
        }, IDLE_CLOSE_MS);
      }
    }
  }

  /** The tab that reacts to an event: visible first, then the most recently looked at, then by id (stable). */
  private choose(stream: Stream): string | null {
    let best: { tab: string; p: Presence } | null = null;
    for (const { tab } of stream.subscribers.values()) {
      const p = this.presence.get(tab) ?? { visible: false, activeAt: 0 };
      if (
        !best ||
        Number(p.visible) > Number(best.p.visible) ||
        (p.visible === best.p.visible && (p.activeAt > best.p.activeAt || (p.activeAt === best.p.activeAt && tab < best.tab)))
      ) {
        best = { tab, p };
      }
    }
    return best?.tab ?? null;
  }
}
