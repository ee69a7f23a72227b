// `npm run dev`: the API server (PORT=3000, restarted by nobody — it is cheap to re-run) and the Vite
// dev server with hot reload, proxying /api to it (web/vite.config.ts). Ctrl-C stops both.
import { spawn } from "node:child_process";
import { createServer } from "vite";

const apiPort = process.env.API_PORT ?? "3000";
process.env.WORKSMITH_API_URL ??= `http://127.0.0.1:${apiPort}`;

const api = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
  stdio: "inherit",
  env: { ...process.env, PORT: apiPort },
});

const vite = await createServer({ configFile: "web/vite.config.ts" });
await vite.listen();
vite.printUrls();
console.log(`  ➜  API:     ${process.env.WORKSMITH_API_URL} (proxied under /api)\n`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  api.kill("SIGTERM");
  await vite.close();
  process.exit(code);
}
api.on("exit", (code) => {
  if (!stopping) {
    console.error(`API server exited (${code ?? "signal"}); stopping the dev server.`);
    void stop(code ?? 1);
  }
});
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
