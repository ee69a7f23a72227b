// The file store contract and the shape of its keys. Keys are minted here from ids we generated
// (ticket id + random uuid + a known extension), and every store refuses any other shape, so no
// string from a user can ever become a filesystem path or an object name.
import { randomUUID } from "node:crypto";

export interface StoredObject {
  bytes: number;
  /** A fresh stream of the file's bytes (web stream: Hono and fetch take it as a body). */
  stream(): ReadableStream<Uint8Array>;
  /** The whole file in memory (small files, tests). */
  read(): Promise<Buffer>;
}

export interface FileStore {
  put(key: string, data: Buffer, mime: string): Promise<void>;
  /** null when there is no such file. */
  get(key: string): Promise<StoredObject | null>;
  exists(key: string): Promise<boolean>;
}

/** Extensions we write; a key with any other extension is refused. */
export const FILE_EXTENSIONS = ["pptx", "pdf", "xlsx", "md", "csv", "txt", "json", "png"] as const;
export type FileExtension = (typeof FILE_EXTENSIONS)[number];

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KEY_SHAPE = new RegExp(`^tickets/${UUID}/${UUID}\\.(?:${FILE_EXTENSIONS.join("|")})$`);

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

/** A new key for a file a ticket produced: `tickets/<ticketId>/<uuid>.<ext>`. */
export function newTicketFileKey(ticketId: string, ext: FileExtension): string {
  const key = `tickets/${ticketId.toLowerCase()}/${randomUUID()}.${ext}`;
  assertFileKey(key);
  return key;
}
