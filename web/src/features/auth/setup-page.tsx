// First run: the install has no account yet, so the first person creates the owner account. It is
// the administrator (may create accounts) and becomes owner of every existing project.
import { useState, type FormEvent } from "react";
import { Link, Navigate } from "react-router";
import { useSession } from "../../app/session.js";
import { api, fieldErrorsOf, type ApiError } from "../../shared/api.js";
import { ErrorBox, Skeleton } from "../../shared/states.js";
import { accountFieldErrors, MIN_PASSWORD, useFieldErrors } from "../../shared/account-fields.js";
import { TextField } from "../../shared/text-field.js";
import { toApiError } from "../../shared/use-resource.js";
import { AuthFrame } from "./auth-frame.js";

export function SetupPage() {
  const { session, signedIn, reload } = useSession();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { errors, setErrors, edit } = useFieldErrors();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.state === "ready" && !session.setupRequired) return <Navigate to={session.user ? "/projects" : "/login"} replace />;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const local = accountFieldErrors(email, password);
    if (confirm !== password) local.confirm = "The passwords do not match";
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    api.setup({ email: email.trim(), name: name.trim(), password }).then(
      (user) => signedIn(user),
      (err: unknown) => {
        const apiError = toApiError(err);
        setBusy(false);
        setErrors(fieldErrorsOf(apiError));
        setFailure(apiError);
      },
    );
  };

  const fieldCount = Object.keys(errors).length;
  return (
    <AuthFrame
      title="Create the owner account"
      intro={
        <p>
          This is a new Worksmith install. The first account administers it: it can create accounts for others and owns every existing
          project.
        </p>
      }
    >
      {session.state === "loading" && <Skeleton lines={4} label="Loading" />}
      {session.state === "error" && <ErrorBox error={session.error} onRetry={reload} />}
      {session.state === "ready" && (
        <form className="form auth-form" onSubmit={submit} noValidate aria-label="Create the owner account">
          {failure?.status === 409 ? (
            <div className="error-box" role="alert">
              <p className="error-title">This install already has an owner</p>
              <p className="error-detail">
                Someone finished setup first. <Link to="/login">Sign in</Link> with an existing account instead.
              </p>
            </div>
          ) : (
            failure && fieldCount === 0 && <ErrorBox error={failure} />
          )}
          <TextField
            id="setup-email"
            label="Email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            error={errors.email}
            onChange={edit("email", setEmail)}
          />
          <TextField id="setup-name" label="Name" autoComplete="name" value={name} error={errors.name} onChange={edit("name", setName)} />
          <TextField
            id="setup-password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            error={errors.password}
            help={`At least ${MIN_PASSWORD} characters. A passphrase of a few words is easy to remember and hard to guess.`}
            onChange={edit("password", setPassword)}
          />
          <TextField
            id="setup-confirm"
            label="Confirm password"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            error={errors.confirm}
            onChange={edit("confirm", setConfirm)}
          />
          <button type="submit" className="button button-primary auth-submit" disabled={busy}>
            {busy ? "Creating…" : "Create account and continue"}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}
