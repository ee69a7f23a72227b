// The `s3` FileStore: any S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …) through the official AWS
// SDK v3. Object names are `<prefix><key>`. Decision 0007.
//
// Write, then publish comes with S3 itself: an object appears only when its PutObject or its
// multipart upload completes, so a process killed mid-upload leaves no object — only an incomplete
// multipart upload, which `removeIncomplete` aborts (a bucket lifecycle rule can do the same).
// Uploads stream in parts (lib-storage), downloads stream the response body with a Range header.
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { assertFileKey, isFileKey, type ByteRange, type FileStore, type StoredFileInfo, type StoredObject } from "./file-store.js";
import { lazyWebStream, measured, readAll } from "./streams.js";

export interface S3Settings {
  bucket: string;
  /** e.g. http://127.0.0.1:9000 for MinIO; absent → AWS's own endpoint for the region. */
  endpoint: string | undefined;
  region: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (MinIO and most self-hosted services). */
  forcePathStyle: boolean;
  /** Prepended to every object name, e.g. `worksmith/`. */
  prefix: string;
  /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN; absent → the SDK's default chain (profiles, instance roles). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined } | undefined;
}

/** 5 MiB parts (S3's smallest), two in flight: an upload holds a few parts' worth whatever the file's size. */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

function isNotFound(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey";
}

/** Passes `take` bytes after skipping `skip`, then ends. */
function byteWindow(skip: number, take: number): TransformStream<Uint8Array, Uint8Array> {
  let toSkip = Math.max(0, skip);
  let left = take;
  return new TransformStream({
    transform(chunk, controller) {
      if (left <= 0) return;
      const from = Math.min(toSkip, chunk.byteLength);
      toSkip -= from;
      const part = chunk.subarray(from, from + left);
      left -= part.byteLength;
      if (part.byteLength > 0) controller.enqueue(part);
      if (left <= 0) controller.terminate();
    },
  });
}

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where S3 requires them: many S3-compatible services reject the CRC headers
    // and aws-chunked bodies recent SDKs send by default; our own SHA-256 is checked by `files migrate`.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export async function createS3FileStore(settings: S3Settings, client: S3Client = createS3Client(settings)): Promise<FileStore> {
  const { bucket, prefix } = settings;
  // Said at start-up, not at the first download: a wrong bucket, endpoint or credential.
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    client.destroy();
    const what = err instanceof S3ServiceException ? `${err.name} (HTTP ${err.$metadata.httpStatusCode ?? "?"})` : String(err);
    throw new Error(`the S3 bucket "${bucket}" at ${settings.endpoint ?? `AWS ${settings.region}`} cannot be reached: ${what}`);
  }
  const objectName = (key: string) => {
    assertFileKey(key);
    return `${prefix}${key}`;
  };

  async function head(key: string): Promise<{ bytes: number; etag: string } | null> {
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectName(key) }));
      return { bytes: found.ContentLength ?? 0, etag: found.ETag ?? '""' };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  return {
    kind: "s3",

    async put(key, body, mime) {
      const name = objectName(key);
      const counted = measured(body);
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: name, Body: Readable.from(counted.pieces, { objectMode: false }), ContentType: mime },
        partSize: PART_BYTES,
        queueSize: PARTS_IN_FLIGHT,
        // A failed multipart upload is aborted, not left to hold its parts.
        leavePartsOnError: false,
      });
      await upload.done();
      return counted.result();
    },

    async get(key): Promise<StoredObject | null> {
      const found = await head(key);
      if (!found) return null;
      const name = objectName(key);
      const stream = (range?: ByteRange) =>
        found.bytes === 0
          ? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
          : lazyWebStream(async () => {
              const answer = await client.send(
                new GetObjectCommand({
                  Bucket: bucket,
                  Key: name,
                  Range: range ? `bytes=${range.start}-${range.end}` : undefined,
                  // The version we announced (length, ETag), or an error: never another version's bytes.
                  IfMatch: found.etag,
                }),
              );
              if (!answer.Body) throw new Error(`S3 returned no body for ${name}`);
              const body = answer.Body.transformToWebStream() as ReadableStream<Uint8Array>;
              if (!range) return body;
              // HTTP lets a server ignore a Range, and some S3-compatible ones answer more than was
              // asked (s3rver sends the whole object for bytes=0-0): cut what came to the range.
              const sentFrom = /^bytes (\d+)-/.exec(answer.ContentRange ?? "")?.[1];
              const skip = range.start - (sentFrom === undefined ? 0 : Number(sentFrom));
              return skip === 0 && answer.ContentLength === range.end - range.start + 1
                ? body
                : body.pipeThrough(byteWindow(skip, range.end - range.start + 1));
            });
      return { bytes: found.bytes, etag: found.etag, stream, read: () => readAll(stream()) };
    },

    async exists(key) {
      return (await head(key)) !== null;
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectName(key) }));
    },

    async *list(): AsyncIterable<StoredFileInfo> {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}tickets/`, ContinuationToken: token }));
        for (const item of page.Contents ?? []) {
          const key = item.Key?.slice(prefix.length) ?? "";
          if (isFileKey(key)) yield { key, bytes: item.Size ?? 0, modifiedAt: item.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async removeIncomplete(olderThanMs) {
      const before = Date.now() - olderThanMs;
      let removed = 0;
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      for (;;) {
        const page = await client
          .send(
            new ListMultipartUploadsCommand({
              Bucket: bucket,
              Prefix: `${prefix}tickets/`,
              KeyMarker: keyMarker,
              UploadIdMarker: uploadIdMarker,
            }),
          )
          // A service without ListMultipartUploads (s3rver, some gateways): its bucket lifecycle rule
          // (AbortIncompleteMultipartUpload) is then the only cleaner, as README says.
          .catch((err: unknown) => {
            if (err instanceof S3ServiceException && err.name === "NotImplemented") return null;
            throw err;
          });
        if (!page) return removed;
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || (upload.Initiated?.getTime() ?? 0) > before) continue;
          await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
          removed += 1;
        }
        if (!page.IsTruncated) return removed;
        keyMarker = page.NextKeyMarker;
        uploadIdMarker = page.NextUploadIdMarker;
      }
    },

    async close() {
      client.destroy();
    },
  };
}
