// Members of a project and their roles. Owners add people by email (they need an account first),
// change roles and remove members; everyone else sees the list. The server keeps at least one owner
// (409 on removing or demoting the last), and answers 422 on `email` when no account has it. Owners also
// delete the project here (refused with 409 while any of its tickets is active).
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { MemberView, Role } from "../../../../src/domain/contract.js";
import { useProject, useReloadProject } from "../../app/layout.js";
import { useSession } from "../../app/session.js";
import { api, fieldErrorsOf, type ApiError } from "../../shared/api.js";
import { ConfirmButton } from "../../shared/confirm-button.js";
import { projectPath } from "../../shared/paths.js";
import { canManageMembers, ROLE_HELP, ROLE_LABEL } from "../../shared/roles.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { TextField } from "../../shared/text-field.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { RelativeTime } from "../../shared/relative-time.js";

const ROLES: readonly Role[] = ["owner", "member", "viewer"];

function RoleSelect({
  id,
  value,
  onChange,
  disabled,
  label,
}: {
  id: string;
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
  label?: string;
}) {
  return (
    <select
      id={id}
      className="role-select"
      value={value}
      disabled={disabled}
      aria-label={label}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL[r]}
        </option>
      ))}
    </select>
  );
}

function AddMemberForm({ projectId, onAdded }: { projectId: string; onAdded: (member: MemberView) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!email.trim()) {
      setErrors({ email: "Email is required" });
      return;
    }
    setBusy(true);
    setFailure(null);
    setErrors({});
    api.addMember(projectId, { email: email.trim(), role }).then(
      (member) => {
        setBusy(false);
        setEmail("");
        onAdded(member);
      },
      (err: unknown) => {
        const apiError = toApiError(err);
        const fields = fieldErrorsOf(apiError);
        if (apiError.status === 409) fields.email ??= apiError.problem.detail ?? "Already a member of this project";
        setErrors(fields);
        setFailure(Object.keys(fields).length ? null : apiError);
        setBusy(false);
      },
    );
  };

  return (
    <form className="panel form add-member" onSubmit={submit} noValidate aria-label="Add a member">
      {failure && <ErrorBox error={failure} />}
      <div className="add-member-row">
        <TextField
          id="member-email"
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={email}
          error={errors.email}
          onChange={(value) => {
            setEmail(value);
            if (errors.email) setErrors({});
          }}
        />
        <div className="field">
          <label htmlFor="member-role">Role</label>
          <RoleSelect id="member-role" value={role} onChange={setRole} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Adding…" : "Add member"}
        </button>
      </div>
      <p className="help">
        They need an account on this install first (an administrator creates it). {ROLE_LABEL[role]}: {ROLE_HELP[role]}.
      </p>
    </form>
  );
}

export function MembersPage() {
  const { projectId = "" } = useParams();
  const project = useProject();
  const reloadProject = useReloadProject();
  const { user: me } = useSession();
  const navigate = useNavigate();
  const [members, reload, update] = useResource((signal) => api.listMembers(projectId, signal), [projectId]);
  // Which member has a request out, and which of its actions: only a removal shows Remove's busy state.
  const [pending, setPending] = useState<{ userId: string; action: "role" | "remove" } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const owner = canManageMembers(project.data?.role);
  const pendingOn = (userId: string) => (pending?.userId === userId ? pending.action : null);

  const changeRole = (member: MemberView, role: Role): void => {
    setPending({ userId: member.user_id, action: "role" });
    setFailure(null);
    api.updateMember(projectId, member.user_id, role).then(
      (updated) => {
        setPending(null);
        update((list) => list.map((m) => (m.user_id === updated.user_id ? updated : m)));
        // Demoting yourself changes what this page (and the project) lets you do.
        if (member.user_id === me?.id) reloadProject();
      },
      (err: unknown) => {
        setPending(null);
        setFailure(toApiError(err));
      },
    );
  };

  const remove = (member: MemberView): void => {
    setPending({ userId: member.user_id, action: "remove" });
    setFailure(null);
    api.removeMember(projectId, member.user_id).then(
      () => {
        setPending(null);
        update((list) => list.filter((m) => m.user_id !== member.user_id));
        if (member.user_id === me?.id) void navigate("/projects");
      },
      (err: unknown) => {
        setPending(null);
        setFailure(toApiError(err));
      },
    );
  };

  const list = members.state === "ready" ? [...members.data].sort(byAdded) : [];
  // A project always keeps an owner (the server refuses otherwise): the only owner is offered neither
  // Remove nor a lower role, and the row says why.
  const owners = list.filter((m) => m.role === "owner").length;
  const isOnlyOwner = (m: MemberView) => m.role === "owner" && owners === 1;
  return (
    <>
      <nav className="back" aria-label="Breadcrumb">
        <Link to={projectPath(projectId)}>← {project.data?.name ?? "Project"}</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1>Members {members.state === "ready" && <span className="count">({members.data.length})</span>}</h1>
          <p className="muted">
            {owner
              ? "Who can see and work in this project. Owners manage members; members start and manage work; viewers follow along."
              : "Who can see and work in this project. Only owners can change it."}
          </p>
        </div>
      </div>
      {owner && members.state === "ready" && <AddMemberForm projectId={projectId} onAdded={(m) => update((l) => [...l, m])} />}
      {failure && <ErrorBox error={failure} title={failure.status === 409 ? "A project needs at least one owner" : undefined} />}
      {members.state === "loading" && <Skeleton lines={3} label="Loading members" />}
      {members.state === "error" && <ErrorBox error={members.error} onRetry={reload} />}
      {members.state === "ready" && list.length === 0 && <EmptyState title="No members" />}
      {members.state === "ready" && list.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label="Members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="hide-phone">
                  Email
                </th>
                <th scope="col">Role</th>
                <th scope="col" className="hide-phone">
                  Added
                </th>
                {owner && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.user_id} data-user-id={m.user_id} data-role={m.role}>
                  <td className="cell-main">
                    {m.name || <span className="muted">—</span>}
                    {m.user_id === me?.id && <span className="muted small"> (you)</span>}
                    <span className="cell-sub show-phone">{m.email}</span>
                  </td>
                  <td className="hide-phone">{m.email}</td>
                  <td>
                    {owner ? (
                      <RoleSelect
                        id={`role-${m.user_id}`}
                        label={`Role of ${m.email}`}
                        value={m.role}
                        disabled={pendingOn(m.user_id) !== null || isOnlyOwner(m)}
                        onChange={(role) => changeRole(m, role)}
                      />
                    ) : (
                      <span className={`badge role-${m.role}`}>{ROLE_LABEL[m.role]}</span>
                    )}
                  </td>
                  <td className="muted hide-phone">
                    <RelativeTime iso={m.added_at} />
                  </td>
                  {owner && isOnlyOwner(m) && (
                    <td className="cell-actions muted small" title="A project needs an owner: make someone else owner first">
                      Only owner
                    </td>
                  )}
                  {owner && !isOnlyOwner(m) && (
                    <td className="cell-actions">
                      <ConfirmButton
                        label="Remove"
                        accessibleName={`Remove ${m.email}`}
                        question={m.user_id === me?.id ? "Leave this project?" : "Remove from project?"}
                        confirmLabel={m.user_id === me?.id ? "Leave" : "Remove"}
                        busyLabel="Removing…"
                        busy={pendingOn(m.user_id) === "remove"}
                        disabled={pendingOn(m.user_id) === "role"}
                        onConfirm={() => remove(m)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {owner && project.data && <DeleteProject projectId={projectId} name={project.data.name} />}
    </>
  );
}

/** The project and everything in it, after asking; the server refuses while tickets are active. */
function DeleteProject({ projectId, name }: { projectId: string; name: string }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const confirm = (): void => {
    setBusy(true);
    setFailure(null);
    api.deleteProject(projectId).then(
      () => void navigate("/projects"),
      (err: unknown) => {
        setBusy(false);
        setFailure(toApiError(err));
      },
    );
  };
  return (
    <section className="danger-zone" aria-labelledby="delete-project">
      <h2 id="delete-project">Delete this project</h2>
      <p className="muted">
        Removes its tickets with their history and outputs, its context, members, schedules, webhooks, share links and files. It cannot be
        undone. Pending, running or waiting tickets must be cancelled first.
      </p>
      {failure && <ErrorBox error={failure} title={failure.status === 409 ? "The project still has work in progress" : undefined} />}
      <ConfirmButton
        label="Delete project"
        question={`Delete “${name}” and everything in it?`}
        confirmLabel="Delete"
        busyLabel="Deleting…"
        busy={busy}
        onConfirm={confirm}
      />
    </section>
  );
}

/** In the order people joined: stable while roles change (a row never jumps away from the pointer). */
function byAdded(a: MemberView, b: MemberView): number {
  return a.added_at.localeCompare(b.added_at) || a.email.localeCompare(b.email);
}
