// Account: who is signed in, and their API tokens — for the worksmith CLI and scripts. A new token is
// shown once (the server keeps only its hash); the list shows each one's prefix to tell them apart.
import { useState, type FormEvent } from "react";
import type { TokenCreated, TokenView } from "../../../../src/domain/contract.js";
import { useSession } from "../../app/session.js";
import { api, fieldErrorsOf, type ApiError } from "../../shared/api.js";
import { ConfirmButton } from "../../shared/confirm-button.js";
import { CopyField } from "../../shared/copy-field.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { TextField } from "../../shared/text-field.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { RelativeTime } from "../../shared/relative-time.js";

function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: TokenCreated) => void; onCancel: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!name.trim()) {
      setError("Give the token a name, e.g. where it will be used");
      return;
    }
    setBusy(true);
    setFailure(null);
    api.createToken({ name: name.trim() }).then(onCreated, (err: unknown) => {
      const apiError = toApiError(err);
      const fields = fieldErrorsOf(apiError);
      setError(fields.name);
      setFailure(fields.name ? null : apiError);
      setBusy(false);
    });
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="New API token">
      {failure && <ErrorBox error={failure} />}
      <TextField
        id="token-name"
        label="Name"
        autoFocus
        required
        maxLength={100}
        value={name}
        error={error}
        help="What the token is for, so you know which to revoke later: “laptop CLI”, “nightly report job”."
        onChange={(value) => {
          setName(value);
          setError(undefined);
        }}
      />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}

function NewToken({ token, onDone }: { token: TokenCreated; onDone: () => void }) {
  return (
    <section className="panel new-token" aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">Token “{token.name}” created</h3>
      <p className="warning-note" role="note">
        <strong>Copy it now — you will not see it again.</strong> Worksmith stores only a hash of it. If it is lost, revoke it and create
        another.
      </p>
      <CopyField id="new-token-value" label="Your new API token" value={token.token} />
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          Done, I have copied it
        </button>
      </div>
    </section>
  );
}

function Usage() {
  const origin = window.location.origin;
  return (
    <section className="section" aria-labelledby="usage-heading">
      <h2 id="usage-heading" className="h3">
        Using a token
      </h2>
      <p className="muted small">
        A token acts as you, with your access to projects. With the <code>worksmith</code> command line:
      </p>
      <pre className="code-block">
        <code>
          {`worksmith tickets --url ${origin} --token <token>\n`}
          {`# or once per shell:\nexport WORKSMITH_URL=${origin} WORKSMITH_TOKEN=<token>\nworksmith projects`}
        </code>
      </pre>
      <p className="muted small">
        From any HTTP client, send it as <code>Authorization: Bearer &lt;token&gt;</code>:
      </p>
      <pre className="code-block">
        <code>{`curl -H "Authorization: Bearer <token>" ${origin}/api/projects`}</code>
      </pre>
    </section>
  );
}

function TokensSection() {
  const [tokens, reload, update] = useResource((signal) => api.listTokens(signal), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const revoke = (token: TokenView): void => {
    setRevoking(token.id);
    setFailure(null);
    api.revokeToken(token.id).then(
      () => {
        setRevoking(null);
        update((list) => list.filter((t) => t.id !== token.id));
        if (created?.id === token.id) setCreated(null);
      },
      (err: unknown) => {
        setRevoking(null);
        setFailure(toApiError(err));
      },
    );
  };

  return (
    <section className="section" aria-labelledby="tokens-heading">
      <div className="section-header">
        <h2 id="tokens-heading">API tokens {tokens.state === "ready" && <span className="count">({tokens.data.length})</span>}</h2>
        {!creating && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreating(true);
              setCreated(null);
            }}
          >
            New token
          </button>
        )}
      </div>
      <p className="muted small">Tokens let the worksmith CLI and your scripts use Worksmith as you. Treat them like passwords.</p>
      {creating && (
        <CreateTokenForm
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            const { token: _secret, ...view } = token;
            update((list) => [view, ...list.filter((t) => t.id !== view.id)]);
            setCreated(token);
            setCreating(false);
          }}
        />
      )}
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      {failure && <ErrorBox error={failure} />}
      {tokens.state === "loading" && <Skeleton lines={3} label="Loading tokens" />}
      {tokens.state === "error" && <ErrorBox error={tokens.error} onRetry={reload} />}
      {tokens.state === "ready" && tokens.data.length === 0 && !creating && (
        <EmptyState title="No API tokens yet">
          <p>Create one to use the worksmith command line or the HTTP API from a script.</p>
        </EmptyState>
      )}
      {tokens.state === "ready" && tokens.data.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col" className="hide-phone">
                  Created
                </th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id} data-token-id={t.id}>
                  <td className="cell-main">{t.name}</td>
                  <td>
                    <code className="mono">{t.prefix}…</code>
                  </td>
                  <td className="muted hide-phone">
                    <RelativeTime iso={t.created_at} />
                  </td>
                  <td className="muted">{t.last_used_at ? <RelativeTime iso={t.last_used_at} /> : "Never"}</td>
                  <td className="cell-actions">
                    <ConfirmButton
                      label="Revoke"
                      accessibleName={`Revoke ${t.name}`}
                      question="Revoke? Scripts using it stop working."
                      confirmLabel="Revoke"
                      busyLabel="Revoking…"
                      busy={revoking === t.id}
                      onConfirm={() => revoke(t)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Usage />
    </section>
  );
}

export function AccountPage() {
  const { user } = useSession();
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Account</h1>
          {user && (
            <p className="muted">
              Signed in as {user.name ? `${user.name} · ` : ""}
              {user.email}
              {user.is_admin && (
                <>
                  {" "}
                  <span className="badge">Administrator</span>
                </>
              )}
            </p>
          )}
        </div>
      </div>
      <TokensSection />
    </main>
  );
}
