// Serves the built single-page app (dist/web) for every non-API path, falling back to index.html so
// client-side routes survive a reload. Hashed assets are cached for a year; index.html never is.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Api } from "./openapi.js";

export function installWebApp(app: Api, webDir: string): void {
  const indexPath = join(webDir, "index.html");
  const root = relative(process.cwd(), webDir) || ".";
  app.use(
    "/assets/*",
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
    serveStatic({ root }),
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
