// Loading, empty, error and not-found states, the same on every page (UI.md "Empty, loading, error").
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ApiError } from "./api.js";
import { problemHeading } from "./problem-titles.js";

export function Skeleton({ lines = 3, label = "Loading" }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton" aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${90 - i * 17}%` }} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorBox({ error, onRetry, title }: { error: ApiError | string; onRetry?: () => void; title?: string }) {
  const message = typeof error === "string" ? error : (error.problem.detail ?? problemHeading(error));
  const heading = title ?? (typeof error === "string" ? "Something went wrong" : problemHeading(error));
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{heading}</p>
      {message !== heading && <p className="error-detail">{message}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function NotFound({ what, backTo, backLabel }: { what: string; backTo: string; backLabel: string }) {
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{what} not found</h1>
      <p className="muted">It may have been deleted, or the link is mistyped.</p>
      <Link className="button" to={backTo}>
        {backLabel}
      </Link>
    </section>
  );
}
