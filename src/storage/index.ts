// src/storage — where output files live (a FileStore; a directory under the data dir by default) and
// the signed, expiring links that download them. May import src/domain and the root modules only.
export * from "./file-store.js";
export { createDataDirFileStore, createLocalFileStore } from "./local-file-store.js";
export { signDownload, verifyDownload, type DownloadCheck, type DownloadGrant } from "./signed-links.js";
export { loadOrCreateSecret, SECRET_FILE } from "./secret.js";
