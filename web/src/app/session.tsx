// Who is signed in, loaded once per tab from GET /api/auth/session, and the gate in front of every
// page that needs an account. A tab that was signed in last time renders its page at once, while the
// session loads (bench:web: the tracking page must not wait behind a second request); a first or
// signed-out visit waits for the session and goes straight to /login?next=<where they were> without
// a burst of 401s. A 401 later (the session expired or was revoked) goes there too.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import type { ServerLimits, SessionView, UserView } from "../../../src/domain/contract.js";
import { api, onUnauthorized, type ApiError } from "../shared/api.js";
import { loginPath, SETUP_PATH } from "../shared/paths.js";
import { ErrorBox, Skeleton } from "../shared/states.js";
import { toApiError } from "../shared/use-resource.js";

export type SessionState =
  | { state: "loading" }
  | { state: "ready"; user: UserView | null; setupRequired: boolean; signedOut?: boolean }
  | { state: "error"; error: ApiError };

interface Session {
  session: SessionState;
  /** The signed-in user, once known. */
  user: UserView | null;
  /** After setup or sign-in: the server has set the cookie, this is who it belongs to. */
  signedIn: (user: UserView) => void;
  signOut: () => Promise<void>;
  reload: () => void;
  /** What the server accepts (upload size), once the first session answer arrived. */
  limits: ServerLimits | null;
}

const SessionContext = createContext<Session>({
  session: { state: "loading" },
  user: null,
  signedIn: () => undefined,
  signOut: async () => undefined,
  reload: () => undefined,
  limits: null,
});

export function useSession(): Session {
  return useContext(SessionContext);
}

function fromView(view: SessionView): SessionState {
  return { state: "ready", user: view.user, setupRequired: view.setup_required };
}

const PUBLIC_PATHS = ["/login", SETUP_PATH];

/**
 * "This browser was signed in when we last knew": only a hint for rendering early, never trusted for
 * access (the cookie is httpOnly; the server decides). A stale hint costs one 401, then sign-in.
 */
const HINT_KEY = "worksmith:signed-in";

function readHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === "1";
  } catch {
    return false;
  }
}

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, "1");
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: the gate just waits for the session every time.
  }
}

// Asked as soon as the bundle runs, not after the first render: one fewer step before any page.
let firstRequest: Promise<SessionView> | null = typeof window === "undefined" ? null : api.getSession();

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ state: "loading" });
  const [generation, setGeneration] = useState(0);
  const [limits, setLimits] = useState<ServerLimits | null>(null);
  const navigate = useNavigate();

  useEffect(() => {
    const controller = new AbortController();
    const request = firstRequest ?? api.getSession(controller.signal);
    firstRequest = null;
    request.then(
      (view) => {
        if (controller.signal.aborted) return;
        setSession(fromView(view));
        setLimits(view.limits);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setSession({ state: "error", error: toApiError(err) });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // A 401 from a page: the session expired or was revoked elsewhere. Forget the user, ask the server
  // afresh (it also says whether setup is still needed), and go to sign-in, remembering the page.
  useEffect(
    () =>
      onUnauthorized(() => {
        writeHint(false);
        setSession((s) => (s.state === "ready" ? { ...s, user: null } : s));
        setGeneration((g) => g + 1);
        const path = window.location.pathname + window.location.search;
        if (!PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}?`))) void navigate(loginPath(path), { replace: true });
      }),
    [navigate],
  );

  const signedIn = useCallback((user: UserView) => setSession({ state: "ready", user, setupRequired: false }), []);

  // Signing out on purpose lands on a plain /login (no ?next=): the next person starts from the top.
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch (err) {
      // Already signed out (the session expired meanwhile) is the outcome we wanted anyway.
      if (toApiError(err).status !== 401) throw err;
    }
    writeHint(false);
    setSession({ state: "ready", user: null, setupRequired: false, signedOut: true });
  }, []);

  useEffect(() => {
    if (session.state === "ready") writeHint(session.user !== null);
  }, [session]);

  const value = useMemo<Session>(
    () => ({ session, user: session.state === "ready" ? session.user : null, signedIn, signOut, reload, limits }),
    [session, signedIn, signOut, reload, limits],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The gate of the signed-in pages (a layout route). */
export function RequireSignedIn({ children }: { children?: ReactNode }) {
  const { session, reload } = useSession();
  const location = useLocation();
  if (session.state === "error") {
    return (
      <main className="page">
        <ErrorBox error={session.error} onRetry={reload} />
      </main>
    );
  }
  if (session.state === "loading") {
    if (readHint()) return children ?? <Outlet />;
    return (
      <main className="page">
        <Skeleton lines={3} label="Loading" />
      </main>
    );
  }
  if (session.setupRequired) return <Navigate to={SETUP_PATH} replace />;
  if (!session.user) {
    return <Navigate to={session.signedOut ? "/login" : loginPath(location.pathname + location.search)} replace />;
  }
  return children ?? <Outlet />;
}
