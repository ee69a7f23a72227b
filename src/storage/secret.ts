// The server secret that signs download links: WORKSMITH_SECRET when set, otherwise a random one
// created once and kept in the data dir (mode 0600), so links survive a restart.
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const SECRET_FILE = "secret";

export async function loadOrCreateSecret(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const path = join(dataDir, SECRET_FILE);
  const existing = await readSecret(path);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const fresh = randomBytes(32).toString("base64url");
  // Written in full to a temporary file, then hard-linked into place: link() fails if another process
  // got there first (we then use theirs), and nobody ever reads a half-written secret.
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, `${fresh}\n`, { mode: 0o600 });
  try {
    await link(tmp, path);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const theirs = await readSecret(path);
    if (!theirs) throw new Error(`${path} exists but is empty; delete it or set WORKSMITH_SECRET`);
    return theirs;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function readSecret(path: string): Promise<string | null> {
  try {
    const text = (await readFile(path, "utf8")).trim();
    return text === "" ? null : text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
