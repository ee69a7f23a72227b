// Small stream helpers the stores share: walking a body piece by piece, cutting it into fixed-size
// chunks (the postgres store's rows), and a web stream that opens its source only when first read.
import { createHash, type Hash } from "node:crypto";
import type { FileBody } from "./file-store.js";

/** The body's pieces, in order: one piece for bytes in memory. */
export async function* piecesOf(body: FileBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
  } else if (body instanceof ReadableStream) {
    const reader = body.getReader();
    let finished = false;
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
      finished = true;
    } finally {
      // A write that failed half-way stops its source (a download from another store) too.
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    for await (const piece of body) yield piece;
  }
}

/** The body's pieces passed through unchanged while counting and hashing them. */
export function measured(body: FileBody): { pieces: AsyncIterable<Uint8Array>; result(): { bytes: number; sha256: string } } {
  const hash: Hash = createHash("sha256");
  let bytes = 0;
  let done = false;
  async function* pieces(): AsyncIterable<Uint8Array> {
    for await (const piece of piecesOf(body)) {
      hash.update(piece);
      bytes += piece.byteLength;
      yield piece;
    }
    done = true;
  }
  return {
    pieces: pieces(),
    result() {
      if (!done) throw new Error("the body was not read to its end");
      return { bytes, sha256: hash.digest("hex") };
    },
  };
}

/** Cuts pieces of any size into chunks of exactly `size` bytes (the last may be shorter, never empty). */
export async function* fixedChunks(pieces: AsyncIterable<Uint8Array>, size: number): AsyncIterable<Buffer> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  for await (const piece of pieces) {
    let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (heldBytes + rest.length >= size) {
      const take = size - heldBytes;
      held.push(rest.subarray(0, take));
      // Copied once here: the caller keeps the chunk past this piece's life (a row parameter).
      yield Buffer.concat(held, size);
      rest = rest.subarray(take);
      held = [];
      heldBytes = 0;
    }
    if (rest.length > 0) {
      held.push(Buffer.from(rest));
      heldBytes += rest.length;
    }
  }
  if (heldBytes > 0) yield Buffer.concat(held, heldBytes);
}

/**
 * A web stream whose source is opened on the first read, so `StoredObject.stream()` stays
 * synchronous and a response that is never sent opens nothing. Cancelling (a client that went away)
 * cancels the source.
 */
export function lazyWebStream(open: () => Promise<ReadableStream<Uint8Array>>): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= (await open()).getReader();
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Reads a whole web stream into one Buffer (small files, tests). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return Buffer.concat(parts);
}
