// The server secret that signs download links: WORKSMITH_SECRET when set; on PostgreSQL one kept in
// the database and shared by every process (loadOrCreateSharedSecret); on the embedded database a
// random one created once and kept in the data dir (mode 0600), so links survive a restart.
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SqlRunner } from "./postgres-file-store.js";

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

const SHARED_SECRET_NAME = "download_link_secret";

/**
 * The secret every process of a PostgreSQL install signs links with, kept in `server_settings`, so a
 * link handed out by one server opens through any other without a shared disk or WORKSMITH_SECRET.
 * The first process to start stores it: this data dir's secret when it has one (links handed out
 * before keep working), else a fresh one. Whoever inserts first wins; everyone reads the winner.
 */
export async function loadOrCreateSharedSecret(sql: SqlRunner, dataDir: string): Promise<string> {
  const candidate = (await readSecret(join(dataDir, SECRET_FILE))) ?? randomBytes(32).toString("base64url");
  await sql.query(`INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
    SHARED_SECRET_NAME,
    candidate,
  ]);
  const { rows } = await sql.query(`SELECT value FROM server_settings WHERE name = $1`, [SHARED_SECRET_NAME]);
  const value = (rows[0] as { value?: unknown } | undefined)?.value;
  if (typeof value !== "string" || value === "") throw new Error("server_settings holds no download-link secret");
  return value;
}
