// Desktop notifications for work this browser started (issue 15): asked for only when the person
// presses "Notify me" (never on load), shown only when the ticket finishes while no tab of the app is
// being looked at. "Started here" is remembered in localStorage when a submit from this browser is
// accepted (the API does not yet say who submitted a ticket, and the person at this browser is the
// signed-in user who pressed Start), and when the person asks to be notified about a ticket.
import { useState } from "react";

const STARTED_KEY = "worksmith:started-here";
const STARTED_KEEP = 200;

function readStarted(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STARTED_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Remember that this browser started a ticket (a submit, a retry, a regenerate was accepted). */
export function rememberStartedHere(ticketId: string): void {
  try {
    const list = readStarted().filter((id) => id !== ticketId);
    list.push(ticketId);
    localStorage.setItem(STARTED_KEY, JSON.stringify(list.slice(-STARTED_KEEP)));
  } catch {
    // Storage refused (private mode, quota): the ticket simply gets no desktop notification.
  }
}

export function startedHere(ticketId: string): boolean {
  return readStarted().includes(ticketId);
}

function supported(): boolean {
  return typeof Notification !== "undefined" && window.isSecureContext;
}

/** Show a desktop notification if the person allowed them; clicking it brings the tab forward. */
export function notifyDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (!supported() || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms allow notifications only from a service worker: the in-app toast remains.
  }
}

/**
 * "Notify me when it finishes" on a running ticket: asks the browser's permission on the person's
 * click (never on load) and adds this ticket to the ones to notify about (work started here already is).
 */
export function DesktopNotifyOffer({ ticketId }: { ticketId: string }) {
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">(() =>
    supported() ? Notification.permission : "unsupported",
  );
  const [watched, setWatched] = useState(() => startedHere(ticketId));
  if (permission === "unsupported" || permission === "denied") return null;
  if (permission === "granted" && watched) {
    return (
      <p className="muted small" data-testid="desktop-notify">
        You will get a desktop notification when this finishes, if you are looking at something else.
      </p>
    );
  }
  const ask = (): void => {
    const granted = (answer: NotificationPermission): void => {
      setPermission(answer);
      if (answer === "granted") {
        rememberStartedHere(ticketId);
        setWatched(true);
      }
    };
    if (permission === "granted") granted("granted");
    else void Notification.requestPermission().then(granted, () => setPermission(Notification.permission));
  };
  return (
    <p className="muted small" data-testid="desktop-notify">
      <button type="button" className="button button-quiet button-small" onClick={ask}>
        Notify me when it finishes
      </button>{" "}
      (a desktop notification, if you are looking at something else)
    </p>
  );
}
