// The `local` FileStore: a directory under the data dir (`<dataDir>/files`), the embedded default.
// Writes stream to a temporary name beside the file, are flushed to disk, and are renamed into place,
// so a reader never sees half a file; a process killed mid-write leaves only the `.tmp` file, which
// `removeIncomplete` deletes.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rmdir, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { assertFileKey, isFileKey, type FileStore, type StoredFileInfo, type StoredObject } from "./file-store.js";
import { measured } from "./streams.js";

const TMP_SUFFIX = ".tmp";

export function createLocalFileStore(root: string): FileStore {
  // Safe to join: assertFileKey admits only `tickets/<uuid>/<uuid>.<ext>` (no "..", no separators).
  const pathOf = (key: string) => {
    assertFileKey(key);
    return join(root, ...key.split("/"));
  };

  async function* ticketDirs(): AsyncIterable<{ name: string; path: string }> {
    const entries = await readdir(join(root, "tickets"), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) yield { name: entry.name, path: join(root, "tickets", entry.name) };
  }

  return {
    kind: "local",

    async put(key, body, _mime) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomUUID()}${TMP_SUFFIX}`;
      const counted = measured(body);
      try {
        await pipeline(Readable.from(counted.pieces, { objectMode: false }), createWriteStream(tmp));
        // On disk before it has a name: a power cut after the rename never leaves a short file.
        const handle = await open(tmp, "r");
        await handle.sync().finally(() => handle.close());
        await rename(tmp, path);
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
      return counted.result();
    },

    async get(key): Promise<StoredObject | null> {
      const path = pathOf(key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return {
        bytes: info.size,
        // Size, inode and modification time: a rename of another version changes the inode.
        etag: `"${info.ino.toString(16)}-${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
        stream: (range) =>
          Readable.toWeb(createReadStream(path, range ? { start: range.start, end: range.end } : {})) as ReadableStream<Uint8Array>,
        read: () => readFile(path),
      };
    },

    async exists(key) {
      const info = await stat(pathOf(key)).catch(() => null);
      return info?.isFile() ?? false;
    },

    async delete(key) {
      const path = pathOf(key);
      await unlink(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== "ENOENT") throw err;
      });
      // The ticket's directory goes with its last file (another writer may have just added one).
      await rmdir(dirname(path)).catch(() => undefined);
    },

    async *list(): AsyncIterable<StoredFileInfo> {
      for await (const dir of ticketDirs()) {
        for (const name of await readdir(dir.path).catch(() => [] as string[])) {
          const key = `tickets/${dir.name}/${name}`;
          if (!isFileKey(key)) continue;
          const info = await stat(join(dir.path, name)).catch(() => null);
          if (info?.isFile()) yield { key, bytes: info.size, modifiedAt: info.mtime };
        }
      }
    },

    async removeIncomplete(olderThanMs) {
      let removed = 0;
      const before = Date.now() - olderThanMs;
      for await (const dir of ticketDirs()) {
        for (const name of await readdir(dir.path).catch(() => [] as string[])) {
          if (!name.endsWith(TMP_SUFFIX)) continue;
          const path = join(dir.path, name);
          const info = await stat(path).catch(() => null);
          if (!info || info.mtimeMs > before) continue;
          await unlink(path).catch(() => undefined);
          removed += 1;
        }
        await rmdir(dir.path).catch(() => undefined);
      }
      return removed;
    },

    async close() {},
  };
}

/** The store for a data directory: files live in `<dataDir>/files`. */
export function createDataDirFileStore(dataDir: string): FileStore {
  return createLocalFileStore(join(dataDir, "files"));
}

/** Whether `<dataDir>/files` holds any file of ours (an install from before the shared stores). */
export async function dataDirHasFiles(dataDir: string): Promise<boolean> {
  for await (const _ of createDataDirFileStore(dataDir).list()) return true;
  return false;
}
