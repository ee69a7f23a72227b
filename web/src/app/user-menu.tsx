// The signed-in person in the top bar: their email, and a menu with Account, Users (administrators)
// and Sign out. A <details> disclosure, closed again by navigation, a click outside or Escape.
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { ACCOUNT_PATH, USERS_PATH } from "../shared/paths.js";
import { toApiError } from "../shared/use-resource.js";
import { useSession } from "./session.js";

export function UserMenu() {
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = (e: Event): void => {
      const details = menu.current;
      if (!details?.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
      } else if (!details.contains(e.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);

  if (!user) return <span className="user-menu-placeholder" aria-hidden="true" />;

  const out = (): void => {
    setSigningOut(true);
    setFailure(null);
    signOut().catch((err: unknown) => {
      setSigningOut(false);
      setFailure(toApiError(err).message);
    });
  };

  return (
    <details ref={menu} className="user-menu">
      <summary className="user-menu-button" aria-label={`Account menu for ${user.email}`}>
        <span className="avatar" aria-hidden="true">
          {(user.name || user.email).charAt(0).toUpperCase()}
        </span>
        <span className="user-menu-email">{user.name || user.email}</span>
        <span className="user-menu-caret" aria-hidden="true">
          ▾
        </span>
      </summary>
      <div className="user-menu-panel">
        <p className="user-menu-who">
          <span className="user-menu-name">{user.name || user.email}</span>
          {user.name && <span className="muted small">{user.email}</span>}
          {user.is_admin && <span className="badge">Administrator</span>}
        </p>
        <Link to={ACCOUNT_PATH} className="user-menu-item">
          Account
        </Link>
        {user.is_admin && (
          <Link to={USERS_PATH} className="user-menu-item">
            Users
          </Link>
        )}
        <button type="button" className="user-menu-item" onClick={out} disabled={signingOut}>
          {signingOut ? "Signing out…" : "Sign out"}
        </button>
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
      </div>
    </details>
  );
}
