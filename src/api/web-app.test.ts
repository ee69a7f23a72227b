import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRouter } from "./openapi.js";
import { contentSecurityPolicy, installWebApp } from "./web-app.js";

const INLINE = "\n      window.__x = fetch('/api/x');\n    ";
const PAGE = `<!doctype html><html><head><script type="module" src="/assets/app.js"></script><script>${INLINE}</script></head><body></body></html>`;

describe("the page's Content-Security-Policy", () => {
  it("allows our bundle and exactly the inline scripts of index.html, by hash", () => {
    const csp = contentSecurityPolicy(PAGE);
    const hash = createHash("sha256").update(INLINE).digest("base64");
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toMatch(/unsafe-inline[^;]*;[^;]*script/);
    expect(csp.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("is sent with every client-side route, not with API answers", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ws-web-"));
    await writeFile(join(dir, "index.html"), PAGE);
    const app = createRouter();
    installWebApp(app, dir);
    const page = await app.request("/projects/123/work-tickets");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBe(contentSecurityPolicy(PAGE));
    const missing = await app.request("/api/nothing");
    expect(missing.headers.get("content-security-policy")).toBeNull();
    const oldAsset = await app.request("/assets/index-gone.js");
    expect(oldAsset.status).toBe(404);
    expect(oldAsset.headers.get("content-type") ?? "").not.toMatch(/html/);
  });
});
