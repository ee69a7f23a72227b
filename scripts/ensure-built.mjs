// `npm start` runs this first: build the server (tsc → dist/src) and the web app (vite → dist/web)
// only when a source file is newer than the last build, so a second start is instant.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const stamp = join(root, "dist", ".build-stamp");

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const inputs = ["src", "web", "package-lock.json", "tsconfig.json", "tsconfig.build.json"].map((p) => join(root, p));
const sourceTime = Math.max(...inputs.map(newestMtime));
const builtTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;

if (
  sourceTime > builtTime ||
  !existsSync(join(root, "dist", "web", "index.html")) ||
  !existsSync(join(root, "dist", "src", "cli", "main.js"))
) {
  // One line in, one line out: the build's own file listing is noise on a first start, but on a
  // failure it is exactly what the person needs, so it is printed then.
  process.stdout.write("worksmith: building the server and the web app (first start or sources changed)… ");
  const started = Date.now();
  try {
    execSync("npm run --silent build", { cwd: root, stdio: "pipe", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    console.log("failed.");
    const { stdout, stderr } = /** @type {{ stdout?: Buffer, stderr?: Buffer }} */ (error);
    if (stdout?.length) process.stdout.write(stdout);
    if (stderr?.length) process.stderr.write(stderr);
    process.exit(1);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  writeFileSync(stamp, new Date().toISOString());
}
