// src/storage — where output files live (a FileStore: a directory under the data dir, chunks in
// PostgreSQL, or an S3 bucket; decision 0007) and the signed, expiring links that download them.
// May import src/domain and the root modules only.
export * from "./file-store.js";
export { createDataDirFileStore, createLocalFileStore } from "./local-file-store.js";
export { createPostgresFileStore, type SqlRunner } from "./postgres-file-store.js";
export { createS3FileStore, type S3Settings } from "./s3-file-store.js";
export { openFileStore, openStore, sqlRunnerOf, withFallback, type OpenedFileStore } from "./select-store.js";
export { createFileSweeper, sweepOrphanFiles, type SweepReport } from "./sweep.js";
export { migrateFiles, type MigrateReport } from "./migrate-files.js";
export { signDownload, verifyDownload, type DownloadCheck, type DownloadGrant } from "./signed-links.js";
export { loadOrCreateSecret, loadOrCreateSharedSecret, SECRET_FILE } from "./secret.js";
