// Serves the built single-page app (dist/web) for every non-API path, falling back to index.html so
// client-side routes survive a reload. Hashed assets are cached for a year; index.html never is.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Api } from "./openapi.js";

/**
 * The page may run only our own scripts: the bundle, and the inline prefetch script of index.html by
 * its hash. So even markup that slipped past the markdown sanitizer could not run, load a script
 * from elsewhere, or send a tracking pixel (img-src 'self').
 */
export function contentSecurityPolicy(indexHtml: string): string {
  const hashes = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "")
        .digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`.trim(),
    // React's style attributes need inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function installWebApp(app: Api, webDir: string): void {
  const indexPath = join(webDir, "index.html");
  const root = relative(process.cwd(), webDir) || ".";
  let csp: string | null = null;
  app.use("*", async (c, next) => {
    await next();
    if (c.req.path.startsWith("/api/") || !(c.res.headers.get("content-type") ?? "").startsWith("text/html")) return;
    if (csp === null && existsSync(indexPath)) csp = contentSecurityPolicy(readFileSync(indexPath, "utf8"));
    if (csp !== null) c.res.headers.set("Content-Security-Policy", csp);
  });
  app.use(
    "/assets/*",
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
    serveStatic({ root }),
    // A missing hashed asset (an old page after a deploy) is a 404, not index.html served as script.
    async (c) => c.text("Not found", 404),
  );
  app.get("*", serveStatic({ root }));
  // Read once: every client-side route is served this same page.
  let indexHtml: string | null = null;
  app.get("*", (c) => {
    if (c.req.path.startsWith("/api/")) return c.notFound();
    if (indexHtml === null && existsSync(indexPath)) indexHtml = readFileSync(indexPath, "utf8");
    if (indexHtml === null) {
      return c.html(
        "<!doctype html><title>Worksmith</title><p>The web app is not built yet. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it).</p>",
        503,
      );
    }
    c.header("Cache-Control", "no-cache");
    return c.html(indexHtml);
  });
}
