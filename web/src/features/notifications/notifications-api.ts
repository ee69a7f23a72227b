// The notifications routes (src/api/routes/notifications.ts), through the app's one door.
import type { NotificationView } from "../../../../src/domain/notifications.js";
import { apiRequest } from "../../shared/api.js";

/** A notification as the API sends it (src/domain/notifications.ts). */
export type NotificationItem = NotificationView;

export interface NotificationPreferences {
  project_id: string;
  in_app: boolean;
  email: boolean;
  email_available: boolean;
}

/** The live stream's path (followed through the browser's one live connection). */
export const NOTIFICATIONS_STREAM = "/api/notifications/stream";

const enc = encodeURIComponent;

export const notificationsApi = {
  list: (signal?: AbortSignal) =>
    apiRequest<{ items: NotificationItem[]; unread: number }>("GET", "/api/notifications?limit=20", undefined, signal),
  markRead: (id: string) => apiRequest<{ unread: number }>("POST", `/api/notifications/${enc(id)}/read`),
  markAllRead: () => apiRequest<{ unread: number }>("POST", "/api/notifications/read-all"),
  preferences: (projectId: string, signal?: AbortSignal) =>
    apiRequest<NotificationPreferences>("GET", `/api/projects/${enc(projectId)}/notification-preferences`, undefined, signal),
  setPreferences: (projectId: string, choice: { in_app: boolean; email: boolean }) =>
    apiRequest<NotificationPreferences>("PUT", `/api/projects/${enc(projectId)}/notification-preferences`, choice),
};
