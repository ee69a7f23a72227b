// The file store contract and the shape of its keys. Keys are minted here from ids we generated
// (ticket id + random uuid + a known extension), and every store refuses any other shape, so no
// string from a user can ever become a filesystem path or an object name.
//
// Three stores keep this contract (decision 0007): `local` (a directory under the data dir),
// `postgres` (chunks in a table) and `s3` (any S3-compatible bucket). Every store writes a file in
// full before it becomes visible under its key (write, then publish), streams in and out without
// holding a whole file in memory, and reads byte ranges.
import { randomUUID } from "node:crypto";

export type FileStoreKind = "local" | "postgres" | "s3";

/** What a store can write from: bytes in memory, or a stream of them (a Node stream, a generator, a web stream). */
export type FileBody = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** An inclusive byte range, already checked against the file's size (0 ≤ start ≤ end < bytes). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  bytes: number;
  /** A strong validator, quoted as HTTP wants it: another version of the file has another ETag. */
  etag: string;
  /** A fresh stream of the file's bytes, or of one range of them (web stream: Hono and fetch take it as a body). */
  stream(range?: ByteRange): ReadableStream<Uint8Array>;
  /** The whole file in memory (small files, tests). */
  read(): Promise<Buffer>;
}

export interface StoredFileInfo {
  key: string;
  bytes: number;
  /** When the file was published; the sweep leaves young files alone. */
  modifiedAt: Date;
}

export interface PutResult {
  bytes: number;
  /** Hex SHA-256 of the bytes written, computed while they streamed through. */
  sha256: string;
}

export interface FileStore {
  readonly kind: FileStoreKind;
  /** Writes the whole body, then publishes it under `key` (replacing a file already there). */
  put(key: string, body: FileBody, mime: string): Promise<PutResult>;
  /** null when there is no such file. */
  get(key: string): Promise<StoredObject | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  /** Every published file, in no promised order. */
  list(): AsyncIterable<StoredFileInfo>;
  /** Removes what interrupted uploads left behind (never visible) once older than `olderThanMs`; how many. */
  removeIncomplete(olderThanMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Extensions we write; a key with any other extension is refused. */
export const FILE_EXTENSIONS = ["pptx", "pdf", "xlsx", "md", "csv", "txt", "json", "png"] as const;
export type FileExtension = (typeof FILE_EXTENSIONS)[number];

const MIME_OF: Record<FileExtension, string> = {
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
  png: "image/png",
};

/** The type a file of this key is stored with when nothing better is known (moving files between stores). */
export function mimeOfKey(key: string): string {
  const ext = key.slice(key.lastIndexOf(".") + 1) as FileExtension;
  return MIME_OF[ext] ?? "application/octet-stream";
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KEY_SHAPE = new RegExp(`^tickets/(${UUID})/${UUID}\\.(?:${FILE_EXTENSIONS.join("|")})$`);

export class InvalidFileKeyError extends Error {
  constructor(key: string) {
    super(`not a file key of ours: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = "InvalidFileKeyError";
  }
}

export function isFileKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export function assertFileKey(key: string): void {
  if (!isFileKey(key)) throw new InvalidFileKeyError(key);
}

/** The ticket a key belongs to (keys are `tickets/<ticketId>/…`). */
export function ticketIdOfKey(key: string): string {
  const match = KEY_SHAPE.exec(key);
  if (!match?.[1]) throw new InvalidFileKeyError(key);
  return match[1];
}

/** A new key for a file a ticket produced: `tickets/<ticketId>/<uuid>.<ext>`. */
export function newTicketFileKey(ticketId: string, ext: FileExtension): string {
  const key = `tickets/${ticketId.toLowerCase()}/${randomUUID()}.${ext}`;
  assertFileKey(key);
  return key;
}
