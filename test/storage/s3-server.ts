// Starts test/storage/fixtures/s3rver-process.ts and hands back the settings the s3 store needs.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { S3Settings } from "../../src/storage/index.js";

const ROOT = resolve(import.meta.dirname, "../..");

export interface LocalS3 {
  settings: S3Settings;
  /** Where s3rver keeps objects and unfinished multipart uploads. */
  directory: string;
  /** The same settings as environment variables, for a worksmith process. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalS3(bucket = "worksmith-test"): Promise<LocalS3> {
  const dir = await mkdtemp(join(tmpdir(), "s3rver-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--openssl-legacy-provider", "--import", "tsx", "test/storage/fixtures/s3rver-process.ts", dir, bucket],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => done((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => fail(new Error(`s3rver exited with ${code} before listening`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts any credentials; these are its documented defaults.
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  return {
    directory: dir,
    settings: { bucket, endpoint, region: "us-east-1", forcePathStyle: true, prefix: "", credentials },
    env: {
      WORKSMITH_FILE_STORE: "s3",
      WORKSMITH_S3_BUCKET: bucket,
      WORKSMITH_S3_ENDPOINT: endpoint,
      WORKSMITH_S3_REGION: "us-east-1",
      WORKSMITH_S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
