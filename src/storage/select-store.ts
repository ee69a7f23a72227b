// Opens the configured FileStore (decision 0007). An install that used the data dir's `files/` before
// PostgreSQL made `postgres` the default keeps serving those files: reads fall back to the directory
// until `worksmith files migrate` has moved them, and the server says so at start-up.
import type { FileStore, FileStoreKind, StoredObject } from "./file-store.js";
import { createDataDirFileStore, dataDirHasFiles } from "./local-file-store.js";
import { createPostgresFileStore, type SqlRunner } from "./postgres-file-store.js";
import { createS3FileStore, type S3Settings } from "./s3-file-store.js";

export interface FileStoreOptions {
  store: FileStoreKind;
  dataDir: string;
  s3: S3Settings | null;
  /** The database (pg Pool or PGlite): the postgres store's tables. */
  sql: SqlRunner;
}

export interface OpenedFileStore {
  store: FileStore;
  /** `<dataDir>/files` still holds files the chosen store does not: reads fall back to them. */
  legacyFiles: boolean;
}

/** The driver's own query function: pg's Pool and PGlite answer `query(text, params)` with `{rows}`. */
export function sqlRunnerOf(raw: { kind: "pglite"; client: SqlRunner } | { kind: "postgres"; pool: SqlRunner }): SqlRunner {
  return raw.kind === "pglite" ? raw.client : raw.pool;
}

export async function openFileStore(options: FileStoreOptions): Promise<OpenedFileStore> {
  const store = await openStore(options.store, options);
  if (store.kind === "local" || !(await dataDirHasFiles(options.dataDir))) return { store, legacyFiles: false };
  return { store: withFallback(store, createDataDirFileStore(options.dataDir)), legacyFiles: true };
}

export async function openStore(kind: FileStoreKind, options: Omit<FileStoreOptions, "store">): Promise<FileStore> {
  switch (kind) {
    case "local":
      return createDataDirFileStore(options.dataDir);
    case "postgres":
      return createPostgresFileStore(options.sql);
    case "s3":
      if (!options.s3) throw new Error("WORKSMITH_FILE_STORE=s3 needs WORKSMITH_S3_BUCKET");
      return createS3FileStore(options.s3);
  }
}

/** Writes go to `primary`; a file it lacks is read from `legacy`; deletes and sweeps cover both. */
export function withFallback(primary: FileStore, legacy: FileStore): FileStore {
  return {
    kind: primary.kind,
    put: (key, body, mime) => primary.put(key, body, mime),
    async get(key): Promise<StoredObject | null> {
      return (await primary.get(key)) ?? legacy.get(key);
    },
    async exists(key) {
      return (await primary.exists(key)) || legacy.exists(key);
    },
    async delete(key) {
      await primary.delete(key);
      await legacy.delete(key);
    },
    async *list() {
      yield* primary.list();
      yield* legacy.list();
    },
    async removeIncomplete(olderThanMs) {
      return (await primary.removeIncomplete(olderThanMs)) + (await legacy.removeIncomplete(olderThanMs));
    },
    async close() {
      await primary.close();
      await legacy.close();
    },
  };
}
