// The default FileStore: a directory under the data dir (`<dataDir>/files`). Writes go to a
// temporary name and are renamed into place, so a reader never sees half a file.
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { assertFileKey, type FileStore, type StoredObject } from "./file-store.js";

export function createLocalFileStore(root: string): FileStore {
  // Safe to join: assertFileKey admits only `tickets/<uuid>/<uuid>.<ext>` (no "..", no separators).
  const pathOf = (key: string) => {
    assertFileKey(key);
    return join(root, ...key.split("/"));
  };

  return {
    async put(key, data, _mime) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, path);
    },

    async get(key): Promise<StoredObject | null> {
      const path = pathOf(key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return {
        bytes: info.size,
        stream: () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        read: () => readFile(path),
      };
    },

    async exists(key) {
      const info = await stat(pathOf(key)).catch(() => null);
      return info?.isFile() ?? false;
    },
  };
}

/** The store for a data directory: files live in `<dataDir>/files`. */
export function createDataDirFileStore(dataDir: string): FileStore {
  return createLocalFileStore(join(dataDir, "files"));
}
