// Every file store, opened the way a server opens it, for the contract suite and the other storage
// tests: `local` in a temp dir, `postgres` on both drivers (its keys under a real ticket: the files'
// rows reference tickets), `s3` against a local S3-compatible server in its own process.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { submitTicket } from "../../src/engine/index.js";
import {
  createDataDirFileStore,
  createPostgresFileStore,
  createS3FileStore,
  newTicketFileKey,
  sqlRunnerOf,
  type FileExtension,
  type FileStore,
} from "../../src/storage/index.js";
import { seedEngine } from "../engine/seed.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startLocalS3, type LocalS3 } from "./s3-server.js";

export const STORE_NAMES = ["local", "postgres (pglite)", "postgres (postgres)", "s3"] as const;
export type StoreName = (typeof STORE_NAMES)[number];

export interface StoreFixture {
  name: StoreName;
  store: FileStore;
  /** A key under a ticket that exists (in the fixture's database). */
  newKey(ext?: FileExtension): string;
  ticketId: string;
  /** The database the fixture's ticket lives in (every fixture has one; postgres stores keep files there). */
  t: TestDatabase;
  projectId: string;
  dataDir: string;
  s3: LocalS3 | null;
  cleanup(): Promise<void>;
}

export async function openStoreFixture(name: StoreName): Promise<StoreFixture> {
  const t = await openTestDatabase(name === "postgres (pglite)" ? "pglite" : "postgres");
  const dataDir = await mkdtemp(join(tmpdir(), "store-fixture-"));
  let s3: LocalS3 | null = null;
  try {
    const { projectId } = await seedEngine(t.database);
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "files" } });
    let store: FileStore;
    if (name === "local") store = createDataDirFileStore(dataDir);
    else if (name === "s3") {
      s3 = await startLocalS3();
      store = await createS3FileStore(s3.settings);
    } else store = createPostgresFileStore(sqlRunnerOf(t.database.raw));
    const opened = s3;
    return {
      name,
      store,
      ticketId: ticket.id,
      newKey: (ext = "pdf") => newTicketFileKey(ticket.id, ext),
      t,
      projectId,
      dataDir,
      s3,
      async cleanup() {
        await store.close();
        await opened?.stop();
        await t.cleanup();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await s3?.stop();
    await t.cleanup();
    throw err;
  }
}

/** `size` bytes of a deterministic pattern, produced piece by piece (never all in memory). */
export async function* patternBytes(size: number, pieceBytes = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < size; offset += pieceBytes) {
    const piece = Buffer.alloc(Math.min(pieceBytes, size - offset));
    for (let i = 0; i < piece.length; i++) piece[i] = ((offset + i) * 31 + ((offset + i) >> 11)) & 0xff;
    yield piece;
  }
}

export function patternSlice(start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start + 1);
  for (let i = 0; i < out.length; i++) out[i] = ((start + i) * 31 + ((start + i) >> 11)) & 0xff;
  return out;
}
