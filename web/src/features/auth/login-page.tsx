// Sign in: email and password; afterwards back to ?next= (the page that asked), else the projects.
// A wrong password is a form error, not a lost session; too many attempts lock the form for the
// server's Retry-After, counting down.
import { useState, type FormEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useSession } from "../../app/session.js";
import { api, fieldErrorsOf, type ApiError } from "../../shared/api.js";
import { safeNext, SETUP_PATH } from "../../shared/paths.js";
import { ErrorBox, Skeleton } from "../../shared/states.js";
import { TextField } from "../../shared/text-field.js";
import { useNow } from "../../shared/use-now.js";
import { toApiError } from "../../shared/use-resource.js";
import { AuthFrame } from "./auth-frame.js";

export function LoginPage() {
  const { session, signedIn, reload } = useSession();
  const [search] = useSearchParams();
  const next = safeNext(search.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(lockedUntil !== null, 1000);
  const lockSeconds = lockedUntil !== null ? Math.ceil((lockedUntil - now) / 1000) : 0;
  const locked = lockSeconds > 0;

  if (session.state === "ready" && session.setupRequired) return <Navigate to={SETUP_PATH} replace />;
  if (session.state === "ready" && session.user) return <Navigate to={next} replace />;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!email.trim()) local.email = "Email is required";
    if (!password) local.password = "Password is required";
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    api.login({ email: email.trim(), password }).then(
      (user) => signedIn(user),
      (err: unknown) => {
        const apiError = toApiError(err);
        setBusy(false);
        setErrors(fieldErrorsOf(apiError));
        setFailure(apiError);
        if (apiError.status === 429) setLockedUntil(Date.now() + (apiError.retryAfterSeconds ?? 60) * 1000);
        if (apiError.status === 401) setPassword("");
      },
    );
  };

  return (
    <AuthFrame title="Sign in">
      {session.state === "loading" && <Skeleton lines={3} label="Loading" />}
      {session.state === "error" && <ErrorBox error={session.error} onRetry={reload} />}
      {session.state === "ready" && (
        <form className="form auth-form" onSubmit={submit} noValidate aria-label="Sign in">
          {failure && failure.status === 401 && <ErrorBox error={failure} title="Wrong email or password" />}
          {failure && failure.status === 429 && (
            <ErrorBox error={locked ? `Try again in ${lockSeconds} s.` : "You can try again now."} title="Too many sign-in attempts" />
          )}
          {failure && failure.status !== 401 && failure.status !== 429 && <ErrorBox error={failure} />}
          <TextField
            id="login-email"
            label="Email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            error={errors.email}
            onChange={setEmail}
          />
          <TextField
            id="login-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            error={errors.password}
            onChange={setPassword}
          />
          <button type="submit" className="button button-primary auth-submit" disabled={busy || locked}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          <p className="muted small">No account yet? Ask your Worksmith administrator to create one.</p>
        </form>
      )}
    </AuthFrame>
  );
}
