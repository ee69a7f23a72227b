// Share links of one ticket's outputs (issue 15 item 5), on its track page: members and owners create a
// read-only link that expires after 1, 7 or 30 days and can be revoked at once; the link is shown once
// (only its hash is kept). Viewers see the list but cannot create or revoke.
import { useState } from "react";
import type { ShareCreated, ShareView } from "../../../../src/domain/outputs-library.js";
import { api, type ApiError } from "../../shared/api.js";
import { ConfirmButton } from "../../shared/confirm-button.js";
import { CopyField } from "../../shared/copy-field.js";
import { formatExact } from "../../shared/format.js";
import { RelativeTime } from "../../shared/relative-time.js";
import { ErrorBox } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import "./share.css";

const DAYS = [1, 7, 30] as const;
type Days = (typeof DAYS)[number];

/** "in 6 days", "in 3 h": how long an active link has left. */
function formatUntil(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (!(ms > 0)) return "now";
  const h = Math.floor(ms / 3_600_000);
  if (h < 1) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}

const STATE_LABEL: Record<ShareView["state"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

export default function SharePanel({ ticketId, editable }: { ticketId: string; editable: boolean }) {
  const [shares, reload, update] = useResource((signal) => api.listShares(ticketId, signal), [ticketId]);
  const [days, setDays] = useState<Days>(7);
  const [created, setCreated] = useState<ShareCreated | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const create = () => {
    setBusy("create");
    setError(null);
    api.createShare(ticketId, days).then(
      (share) => {
        setCreated(share);
        setBusy(null);
        update((list) => [share, ...list]);
      },
      (err: unknown) => {
        setError(toApiError(err));
        setBusy(null);
      },
    );
  };
  const revoke = (id: string) => {
    setBusy(id);
    setError(null);
    api.revokeShare(ticketId, id).then(
      () => {
        setBusy(null);
        if (created?.id === id) setCreated(null);
        reload();
      },
      (err: unknown) => {
        setError(toApiError(err));
        setBusy(null);
      },
    );
  };

  const list = shares.state === "ready" ? shares.data : [];
  return (
    <section className="share-panel" aria-labelledby="share-heading">
      <h3 id="share-heading">Share outputs</h3>
      <p className="muted small">
        A read-only link to this ticket's outputs that works without an account. It shows the recipe and the outputs — nothing else of the
        project.
      </p>
      {editable ? (
        <div className="share-create">
          <label htmlFor="share-days">Link expires after</label>
          <select id="share-days" value={days} onChange={(e) => setDays(Number(e.target.value) as Days)}>
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? "1 day" : `${d} days`}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={create} disabled={busy !== null}>
            {busy === "create" ? "Creating…" : "Create share link"}
          </button>
        </div>
      ) : (
        <p className="muted small">Viewers cannot create share links; ask a member.</p>
      )}
      {created && (
        <div className="share-created">
          <CopyField
            id="share-url"
            label="Share link (shown once — copy it now)"
            value={new URL(created.url, window.location.origin).toString()}
          />
        </div>
      )}
      {error && <ErrorBox error={error} />}
      {shares.state === "error" && <ErrorBox error={shares.error} onRetry={reload} />}
      {list.length > 0 && (
        <ul className="share-list" aria-label="Share links">
          {list.map((s) => (
            <li key={s.id} className={`share-item share-${s.state}`}>
              <span className={`badge share-state-${s.state}`}>{STATE_LABEL[s.state]}</span>
              <span className="small">
                by {s.created_by.name || s.created_by.email} · <RelativeTime iso={s.created_at} /> ·{" "}
                {s.state === "revoked" && (
                  <>
                    revoked <RelativeTime iso={s.revoked_at} />
                  </>
                )}
                {s.state === "expired" && (
                  <>
                    expired <RelativeTime iso={s.expires_at} />
                  </>
                )}
                {s.state === "active" && <span title={formatExact(s.expires_at)}>expires {formatUntil(s.expires_at)}</span>}
              </span>
              {editable && s.state === "active" && (
                <ConfirmButton
                  label="Revoke"
                  question="Revoke this link now?"
                  confirmLabel="Revoke"
                  busyLabel="Revoking…"
                  busy={busy === s.id}
                  onConfirm={() => revoke(s.id)}
                  accessibleName={`Revoke the link created ${new Date(s.created_at).toLocaleString()}`}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
