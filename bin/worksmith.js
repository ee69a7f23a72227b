#!/usr/bin/env node
// The npm bin: runs the compiled CLI (npm start / npm run build produce dist/).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write("worksmith: not built yet — run `npm run build:server` (or `npm start`) in the worksmith folder first.\n");
  process.exit(1);
}
await import(compiled);
