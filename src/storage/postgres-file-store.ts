// The `postgres` FileStore: each file a row of `stored_files`, its bytes in 256 KiB rows of
// `stored_file_chunks` (src/db/schema.ts). Every process that reaches the database reaches the files:
// no shared disk. Decision 0007.
//
// Write, then publish: the file's row is inserted unpublished, its chunks are inserted one statement
// at a time (no long transaction: on the embedded database one would hold up every other query), and
// one UPDATE publishes it and drops the version it replaces. Readers only see published rows, so a
// process killed mid-upload leaves an invisible row that `removeIncomplete` deletes later.
// Reads fetch a few chunks per query (about 1 MiB), only as fast as the reader takes them.
import { randomUUID } from "node:crypto";
import { assertFileKey, ticketIdOfKey, type ByteRange, type FileStore, type StoredFileInfo, type StoredObject } from "./file-store.js";
import { fixedChunks, measured, readAll } from "./streams.js";

/** The one thing this store needs of a database driver: pg's Pool and PGlite both fit. */
export interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export const CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query while streaming: bounds the memory a download holds. */
const CHUNKS_PER_READ = 4;
const LIST_PAGE = 1000;

interface FileRow {
  id: string;
  bytes: number;
  chunk_bytes: number;
  sha256: string | null;
}

interface ChunkRow {
  seq: number;
  data: Uint8Array;
}

export function createPostgresFileStore(sql: SqlRunner): FileStore {
  async function rows<T>(text: string, params: unknown[]): Promise<T[]> {
    return (await sql.query(text, params)).rows as T[];
  }

  async function current(key: string): Promise<FileRow | null> {
    assertFileKey(key);
    const [row] = await rows<FileRow>(
      `SELECT id, bytes::float8 AS bytes, chunk_bytes, sha256 FROM stored_files
        WHERE key = $1 AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT 1`,
      [key],
    );
    return row ?? null;
  }

  /** The bytes of [start, end] of one file version, a few chunks per query, fetched as the reader pulls. */
  function streamRange(file: FileRow, range: ByteRange): ReadableStream<Uint8Array> {
    let nextSeq = Math.floor(range.start / file.chunk_bytes);
    const lastSeq = Math.floor(range.end / file.chunk_bytes);
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (nextSeq > lastSeq) {
            controller.close();
            return;
          }
          const chunks = await rows<ChunkRow>(
            `SELECT seq, data FROM stored_file_chunks WHERE file_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
            [file.id, nextSeq, lastSeq, CHUNKS_PER_READ],
          );
          if (chunks.length === 0 || chunks[0]?.seq !== nextSeq) {
            // Deleted while being read (its ticket or project went away): end with an error, not short.
            controller.error(new Error("the file was removed while it was being read"));
            return;
          }
          for (const chunk of chunks) {
            const offset = chunk.seq * file.chunk_bytes;
            const from = Math.max(0, range.start - offset);
            const to = Math.min(chunk.data.byteLength, range.end - offset + 1);
            controller.enqueue(chunk.data.subarray(from, to));
            nextSeq = chunk.seq + 1;
          }
        },
      },
      { highWaterMark: 0 },
    );
  }

  return {
    kind: "postgres",

    async put(key, body, mime) {
      assertFileKey(key);
      const id = randomUUID();
      await sql.query(`INSERT INTO stored_files (id, key, ticket_id, mime, chunk_bytes) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        key,
        ticketIdOfKey(key),
        mime,
        CHUNK_BYTES,
      ]);
      const counted = measured(body);
      try {
        let seq = 0;
        for await (const chunk of fixedChunks(counted.pieces, CHUNK_BYTES)) {
          await sql.query(`INSERT INTO stored_file_chunks (file_id, seq, data) VALUES ($1, $2, $3)`, [id, seq, chunk]);
          seq += 1;
        }
        const { bytes, sha256 } = counted.result();
        // One statement: the new version becomes visible and the old one goes, together.
        await sql.query(
          `WITH replaced AS (DELETE FROM stored_files WHERE key = $2 AND published_at IS NOT NULL AND id <> $1)
           UPDATE stored_files SET bytes = $3, sha256 = $4, published_at = clock_timestamp() WHERE id = $1`,
          [id, key, bytes, sha256],
        );
        return { bytes, sha256 };
      } catch (err) {
        await sql.query(`DELETE FROM stored_files WHERE id = $1`, [id]).catch(() => undefined);
        throw err;
      }
    },

    async get(key): Promise<StoredObject | null> {
      const file = await current(key);
      if (!file) return null;
      const whole: ByteRange = { start: 0, end: file.bytes - 1 };
      const stream = (range?: ByteRange) =>
        file.bytes === 0 ? new ReadableStream<Uint8Array>({ start: (c) => c.close() }) : streamRange(file, range ?? whole);
      return {
        bytes: file.bytes,
        etag: `"${file.sha256 ?? file.id}"`,
        stream,
        read: () => readAll(stream()),
      };
    },

    async exists(key) {
      return (await current(key)) !== null;
    },

    async delete(key) {
      assertFileKey(key);
      await sql.query(`DELETE FROM stored_files WHERE key = $1`, [key]);
    },

    async *list(): AsyncIterable<StoredFileInfo> {
      let after = "";
      for (;;) {
        const page = await rows<{ key: string; bytes: number; published_at: Date | string }>(
          `SELECT key, bytes::float8 AS bytes, published_at FROM stored_files
            WHERE published_at IS NOT NULL AND key > $1 ORDER BY key LIMIT $2`,
          [after, LIST_PAGE],
        );
        for (const row of page) yield { key: row.key, bytes: row.bytes, modifiedAt: new Date(row.published_at) };
        if (page.length < LIST_PAGE) return;
        after = page[page.length - 1]!.key;
      }
    },

    async removeIncomplete(olderThanMs) {
      const removed = await rows<{ id: string }>(
        `DELETE FROM stored_files WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1) RETURNING id`,
        [olderThanMs / 1000],
      );
      return removed.length;
    },

    async close() {},
  };
}
