// Accounts for tests: users with API tokens, project roles, and an in-process client that sends the
// token on every request (as the CLI and scripts do), so route tests exercise the real auth path.
import { createAccount, createApiToken } from "../../src/auth/accounts.js";
import type { Api } from "../../src/api/openapi.js";
import type { Database } from "../../src/db/client.js";
import { addMember, setMemberRole } from "../../src/db/repositories/accounts.js";
import type { Role } from "../../src/domain/contract.js";

export interface TestUser {
  id: string;
  email: string;
  token: string;
  /** `{authorization: "Bearer …"}` for fetch calls against a real socket. */
  headers: { authorization: string };
}

let seq = 0;

export async function createTestUser(database: Database, options: { email?: string; admin?: boolean } = {}): Promise<TestUser> {
  const email = options.email ?? `user-${process.pid}-${++seq}-${Date.now()}@example.test`;
  const user = await createAccount(database, { email, name: "", password: "correct horse battery" }, { isAdmin: options.admin ?? false });
  const { token } = await createApiToken(database, user.id, "tests");
  return { id: user.id, email: user.email, token, headers: { authorization: `Bearer ${token}` } };
}

export async function grantRole(database: Database, projectId: string, userId: string, role: Role): Promise<void> {
  if (!(await addMember(database.db, { projectId, userId, role }))) await setMemberRole(database.db, projectId, userId, role);
}

/** What tests call: `request` like `Api.request`, with the user's bearer token unless one is given. */
export interface TestClient {
  request(path: string, init?: RequestInit): Promise<Response>;
  api: Api;
}

export function clientFor(api: Api, user: TestUser | null): TestClient {
  return {
    api,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (user && !headers.has("authorization")) headers.set("authorization", `Bearer ${user.token}`);
      return api.request(path, { ...init, headers });
    },
  };
}
