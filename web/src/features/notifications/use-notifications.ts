// The signed-in person's notifications, kept current: loaded once, then loaded again whenever the
// server says a new one was written (the notifications stream, followed through the browser's one
// live connection — every tab shares the leader's single EventSource).
import { useCallback, useEffect, useRef, useState } from "react";
import { followLive } from "../../shared/live-connection/index.js";
import { notificationsApi, NOTIFICATIONS_STREAM, type NotificationItem } from "./notifications-api.js";

export interface NotificationsState {
  items: NotificationItem[];
  unread: number;
  loaded: boolean;
  markRead: (id: string) => void;
  markAllRead: () => void;
}

export function useNotifications(): NotificationsState {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const latest = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    notificationsApi.list(controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setUnread(page.unread);
        setLoaded(true);
      },
      () => undefined, // offline or signed out: the session gate and the stream's reconnect handle it
    );
  }, []);

  useEffect(() => {
    load();
    const stop = followLive({ path: NOTIFICATIONS_STREAM, after: null, onEvent: load });
    return () => {
      stop();
      latest.current?.abort();
    };
  }, [load]);

  const markRead = useCallback((id: string) => {
    setItems((list) => list.map((n) => (n.id === id ? { ...n, read: true } : n)));
    notificationsApi.markRead(id).then(
      (r) => setUnread(r.unread),
      () => undefined,
    );
  }, []);

  const markAllRead = useCallback(() => {
    setItems((list) => list.map((n) => ({ ...n, read: true })));
    setUnread(0);
    notificationsApi.markAllRead().catch(() => undefined);
  }, []);

  return { items, unread, loaded, markRead, markAllRead };
}
