// The top bar's notifications: a bell with the unread count, opening a list of what the person was
// told (a ticket they started finished, failed or waits for them), newest first. Opening an item marks
// it read and goes to the ticket. On a project page the panel also holds the person's choice for that
// project: told in the app, by e-mail, both or neither.
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { RelativeTime } from "../../shared/relative-time.js";
import { trackPath } from "../../shared/paths.js";
import { notificationsApi, type NotificationPreferences } from "./notifications-api.js";
import { useNotifications } from "./use-notifications.js";
import "./notifications.css";

const ICONS: Record<string, string> = { "ticket.completed": "✓", "ticket.failed": "!", "ticket.waiting": "?" };

export function NotificationsBell({ projectId }: { projectId?: string | undefined }) {
  const { items, unread, loaded, markRead, markAllRead } = useNotifications();
  const { pathname } = useLocation();
  const panel = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (panel.current) panel.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = (e: Event): void => {
      const details = panel.current;
      if (!details?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !details.contains(e.target as Node)) details.open = false;
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);

  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <details ref={panel} className="notifications">
      <summary className="notifications-button" aria-label={label} title={label}>
        <span aria-hidden="true">🔔</span>
        {unread > 0 && (
          <span className="notifications-count" data-testid="unread-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </summary>
      <div className="notifications-panel" role="region" aria-label="Notifications">
        <div className="notifications-head">
          <strong>Notifications</strong>
          <button type="button" className="link-button" onClick={markAllRead} disabled={unread === 0}>
            Mark all read
          </button>
        </div>
        {loaded && items.length === 0 && (
          <p className="muted small notifications-empty">
            Nothing yet. You are told here when tickets you start finish, fail or need your answer.
          </p>
        )}
        <ul className="notifications-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification notification-unread"}>
              <Link to={trackPath(n.project_id, n.ticket_id)} onClick={() => !n.read && markRead(n.id)}>
                <span className={`notification-icon notification-${n.kind.replace("ticket.", "")}`} aria-hidden="true">
                  {ICONS[n.kind] ?? "•"}
                </span>
                <span className="notification-text">
                  <span className="notification-title">
                    {n.title}
                    {!n.read && <span className="visually-hidden"> (unread)</span>}
                  </span>
                  {n.detail && <span className="muted small notification-detail">{n.detail}</span>}
                  <span className="muted small">
                    <RelativeTime iso={n.created_at} />
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
        {projectId && <ProjectChoice projectId={projectId} />}
      </div>
    </details>
  );
}

function ProjectChoice({ projectId }: { projectId: string }) {
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    notificationsApi.preferences(projectId, controller.signal).then(setPrefs, () => undefined);
    return () => controller.abort();
  }, [projectId]);

  if (!prefs) return null;
  const save = (choice: { in_app: boolean; email: boolean }): void => {
    const before = prefs;
    setPrefs({ ...prefs, ...choice });
    setFailure(null);
    notificationsApi.setPreferences(projectId, choice).then(setPrefs, (err: unknown) => {
      setPrefs(before);
      setFailure(err instanceof Error ? err.message : "Could not save");
    });
  };
  return (
    <fieldset className="notifications-choice">
      <legend className="small">When tickets I start in this project finish, fail or wait for me</legend>
      <label className="checkbox">
        <input type="checkbox" checked={prefs.in_app} onChange={(e) => save({ in_app: e.target.checked, email: prefs.email })} /> Tell me
        here
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={prefs.email}
          disabled={!prefs.email_available && !prefs.email}
          onChange={(e) => save({ in_app: prefs.in_app, email: e.target.checked })}
        />{" "}
        E-mail me
      </label>
      {!prefs.email_available && <p className="muted small">E-mail is off on this server (the operator has not set SMTP up).</p>}
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </fieldset>
  );
}
