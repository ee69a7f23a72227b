// Signed, expiring download links: `<payload>.<mac>` in base64url, where the payload names the output
// and the expiry (unix seconds) and the mac is HMAC-SHA256 over the payload with the server secret.
// The mac is checked (in constant time) before the payload is trusted, so a tampered expiry is
// "invalid", not "expired".
import { createHmac, timingSafeEqual } from "node:crypto";

export interface DownloadGrant {
  outputId: string;
  expiresAt: Date;
}

export type DownloadCheck = { ok: true; outputId: string; expiresAt: Date } | { ok: false; reason: "expired" | "invalid" };

const MAX_TOKEN_LENGTH = 512;

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest();
}

export function signDownload(secret: string, grant: DownloadGrant): string {
  const payload = Buffer.from(`${grant.outputId}:${Math.floor(grant.expiresAt.getTime() / 1000)}`).toString("base64url");
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

export function verifyDownload(secret: string, token: string, now: Date = new Date()): DownloadCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "invalid" };
  const parts = token.split(".");
  if (parts.length !== 2) return { ok: false, reason: "invalid" };
  const [payload = "", given = ""] = parts;
  const expected = mac(secret, payload);
  const actual = Buffer.from(given, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: "invalid" };
  const match = /^([^:]+):(\d{1,12})$/.exec(Buffer.from(payload, "base64url").toString("utf8"));
  if (!match) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(Number(match[2]) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, outputId: match[1] ?? "", expiresAt };
}
