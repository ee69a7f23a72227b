// Users (administrators only): every account on this install, and a form to create one with an
// initial password the administrator passes on. Adding people to projects happens on each project's
// Members page, by email.
import { useState, type FormEvent } from "react";
import type { UserView } from "../../../../src/domain/contract.js";
import { useSession } from "../../app/session.js";
import { api, fieldErrorsOf, type ApiError } from "../../shared/api.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { accountFieldErrors, MIN_PASSWORD, useFieldErrors } from "../../shared/account-fields.js";
import { TextField } from "../../shared/text-field.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { RelativeTime } from "../../shared/relative-time.js";

function CreateUserForm({ onCreated, onCancel }: { onCreated: (user: UserView) => void; onCancel: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { errors, setErrors, edit } = useFieldErrors();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const local = accountFieldErrors(email, password);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    api.createUser({ email: email.trim(), name: name.trim(), password }).then(onCreated, (err: unknown) => {
      const apiError = toApiError(err);
      const fields = fieldErrorsOf(apiError);
      if (apiError.status === 409) fields.email ??= "An account with this email already exists";
      setErrors(fields);
      setFailure(Object.keys(fields).length ? null : apiError);
      setBusy(false);
    });
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="New account">
      {failure && <ErrorBox error={failure} />}
      <TextField
        id="user-email"
        label="Email"
        type="email"
        autoComplete="off"
        autoFocus
        required
        value={email}
        error={errors.email}
        onChange={edit("email", setEmail)}
      />
      <TextField id="user-name" label="Name" autoComplete="off" value={name} error={errors.name} onChange={edit("name", setName)} />
      <TextField
        id="user-password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        error={errors.password}
        help={`At least ${MIN_PASSWORD} characters. Pass it on privately; they sign in with it at ${window.location.origin}/login.`}
        onChange={edit("password", setPassword)}
      />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const { user: me } = useSession();
  const admin = me?.is_admin === true;
  // Only administrators may list accounts; anyone else gets the explanation below, not a 403 from the server.
  const [users, reload, update] = useResource((signal) => (admin ? api.listUsers(signal) : Promise.resolve([])), [admin]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<UserView | null>(null);

  if (!admin) {
    return (
      <main className="page">
        <section className="not-found" aria-labelledby="forbidden-title">
          <h1 id="forbidden-title">Administrators only</h1>
          <p className="muted">Only the administrator of this Worksmith install can see and create accounts.</p>
        </section>
      </main>
    );
  }

  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="muted">Accounts on this install. Add people to a project from its Members page.</p>
        </div>
        {!creating && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreating(true);
              setCreated(null);
            }}
          >
            New account
          </button>
        )}
      </div>
      {creating && (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            update((list) => [...list.filter((u) => u.id !== user.id), user]);
            setCreated(user);
            setCreating(false);
          }}
        />
      )}
      {created && (
        <p className="note" role="status">
          ✓ Account created for {created.email}. Pass on the initial password privately.
        </p>
      )}
      {users.state === "loading" && <Skeleton lines={3} label="Loading accounts" />}
      {users.state === "error" && <ErrorBox error={users.error} onRetry={reload} />}
      {users.state === "ready" && users.data.length === 0 && <EmptyState title="No accounts" />}
      {users.state === "ready" && users.data.length > 0 && (
        <div className="table-wrap section">
          <table className="data-table" aria-label="Accounts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="hide-phone">
                  Email
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} data-user-id={u.id}>
                  <td className="cell-main">
                    {u.name || <span className="muted">—</span>}
                    {u.is_admin && (
                      <>
                        {" "}
                        <span className="badge">Administrator</span>
                      </>
                    )}
                    {u.id === me?.id && <span className="muted small"> (you)</span>}
                    <span className="cell-sub show-phone">{u.email}</span>
                  </td>
                  <td className="hide-phone">{u.email}</td>
                  <td className="muted">
                    <RelativeTime iso={u.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
