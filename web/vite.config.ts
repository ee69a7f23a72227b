// The web app's build: root web/, output dist/web (served by `worksmith serve`), /api proxied to the
// API server in dev. A small plugin prints the initial JS gzipped and fails the build over budget.
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Issue 5: the initial JavaScript (entry chunk + its static imports) stays ≤ 200 KB gzipped. */
const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

function initialJsBudget(): Plugin {
  let minified = true;
  return {
    name: "worksmith-initial-js-budget",
    apply: "build",
    configResolved(config) {
      // An unminified debug build (`--minify false`) is not what ships; report it, do not fail it.
      minified = config.build.minify !== false;
    },
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type === "chunk") chunks.set(fileName, { code: item.code, imports: item.imports, isEntry: item.isEntry });
      }
      const initial = new Set<string>();
      const visit = (name: string): void => {
        if (initial.has(name)) return;
        initial.add(name);
        for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
      };
      for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
      let raw = 0;
      let gzipped = 0;
      for (const name of initial) {
        const code = chunks.get(name)?.code ?? "";
        raw += Buffer.byteLength(code);
        gzipped += gzipSync(code, { level: 9 }).length;
      }
      const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
      const line = `initial JS: ${kb(gzipped)} gzipped (${kb(raw)} raw, ${initial.size} chunk(s)); budget ${kb(INITIAL_JS_BUDGET_BYTES)}`;
      console.log(`\n[worksmith] ${line}`);
      if (gzipped > INITIAL_JS_BUDGET_BYTES && minified) this.error(`over budget: ${line}`);
    },
  };
}

const apiTarget = process.env.WORKSMITH_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react(), initialJsBudget()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: "127.0.0.1",
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
});
