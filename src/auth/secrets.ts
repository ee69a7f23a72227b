// Random bearer secrets (session cookies, API tokens) and their stored form. They carry 256 bits of
// entropy, so a plain SHA-256 is the right stored form (a slow hash protects guessable passwords,
// not random keys) and lets a request find its row by an indexed equality.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "wsk_";

export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function newApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What the UI shows to tell tokens apart: the prefix and a few characters, never enough to use. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}
