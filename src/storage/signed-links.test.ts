import { describe, expect, it } from "vitest";
import { signDownload, verifyDownload } from "./signed-links.js";

const SECRET = "test-secret-0123456789abcdef";
const OUTPUT = "7d3c6f1e-2a4b-4c5d-8e9f-0a1b2c3d4e5f";
const now = new Date("2030-01-01T12:00:00Z");
const in15min = new Date(now.getTime() + 15 * 60_000);

describe("signed download links", () => {
  it("verify while valid and name the output", () => {
    const token = signDownload(SECRET, { outputId: OUTPUT, expiresAt: in15min });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyDownload(SECRET, token, now)).toEqual({ ok: true, outputId: OUTPUT, expiresAt: in15min });
  });

  it("are expired at and after their expiry", () => {
    const token = signDownload(SECRET, { outputId: OUTPUT, expiresAt: in15min });
    expect(verifyDownload(SECRET, token, in15min)).toEqual({ ok: false, reason: "expired" });
    expect(verifyDownload(SECRET, token, new Date(in15min.getTime() + 1000))).toEqual({ ok: false, reason: "expired" });
  });

  it("are invalid when tampered: another output, a later expiry, a changed mac, another secret", () => {
    const token = signDownload(SECRET, { outputId: OUTPUT, expiresAt: in15min });
    const [, sig] = token.split(".");
    const otherPayload = Buffer.from(`00000000-0000-4000-8000-000000000000:${Math.floor(in15min.getTime() / 1000)}`).toString("base64url");
    expect(verifyDownload(SECRET, `${otherPayload}.${sig}`, now)).toEqual({ ok: false, reason: "invalid" });
    const laterPayload = Buffer.from(`${OUTPUT}:9999999999`).toString("base64url");
    // An expired token whose expiry was pushed out is invalid, not valid and not "expired".
    expect(verifyDownload(SECRET, `${laterPayload}.${sig}`, new Date(in15min.getTime() + 1000))).toEqual({ ok: false, reason: "invalid" });
    const flipped = token.slice(0, -2) + (token.endsWith("A") ? "B" : "A") + token.slice(-1);
    expect(verifyDownload(SECRET, flipped, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyDownload("another-secret-0123456789", token, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("are invalid when malformed", () => {
    for (const bad of ["", "abc", "a.b.c", ".", "x".repeat(2000), "%%%.%%%"]) {
      expect(verifyDownload(SECRET, bad, now), bad.slice(0, 20)).toEqual({ ok: false, reason: "invalid" });
    }
  });
});
