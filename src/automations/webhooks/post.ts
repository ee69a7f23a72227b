// One webhook attempt over node:http(s), connecting to the address that was checked. The check and the
// connection share ONE resolution: the socket's `lookup` resolves the host, refuses the whole answer if
// any address is private/loopback/link-local (unless allowed), and hands the vetted addresses to the
// connect. Checking with one lookup and then letting the HTTP client resolve again would let a DNS
// answer with a short TTL point the second resolution inward (DNS rebinding).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { checkWebhookUrl, isPublicAddress, privateTargetMessage } from "./target.js";

/** Resolves a host name to every address (the seam a test uses to play a rebinding DNS server). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithSystem: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** The target was refused before a byte was sent: a permanent failure, never retried. */
export class TargetRefused extends Error {}

export interface PostOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  /** Bytes of the answer read at most (the rest is dropped); the log keeps the first `snippetBytes`. */
  maxResponseBytes: number;
  snippetBytes: number;
  resolveHost?: ResolveHost | undefined;
}

export interface PostResult {
  status: number;
  snippet: string;
}

/** A `lookup` for net.connect that only ever yields addresses it has vetted. */
export function vettedLookup(allowPrivate: boolean, resolveHost: ResolveHost = resolveWithSystem): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (all) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = family ? all.filter((a) => a.family === family) : all;
        const inward = allowPrivate ? undefined : all.find((a) => !isPublicAddress(a.address));
        const first = addresses[0];
        if (inward) return callback(new TargetRefused(privateTargetMessage(inward.address)), "", 0);
        if (!first) return callback(Object.assign(new Error(`host ${hostname} does not resolve`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), "", 0),
    );
  };
}

/** POSTs `body` to `url`; resolves with the answer's status and the start of its body. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostResult> {
  const bad = checkWebhookUrl(url);
  if (bad) return Promise.reject(new TargetRefused(bad));
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  // An address literal is never looked up by net.connect, so it is checked here.
  if (isIP(host) && !options.allowPrivate && !isPublicAddress(host)) return Promise.reject(new TargetRefused(privateTargetMessage(host)));
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve, reject) => {
    const req = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: vettedLookup(options.allowPrivate, options.resolveHost),
        // No pooling: each connection goes through the lookup above, never a socket opened for another answer.
        agent: false,
        timeout: options.timeoutMs,
      },
      (res) => void readCapped(res, options).then((snippet) => resolve({ status: res.statusCode ?? 0, snippet }), reject),
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

function readCapped(res: IncomingMessage, options: PostOptions): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, options.snippetBytes).toString("utf8"));
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= options.maxResponseBytes) {
        res.destroy();
        done();
      }
    });
    res.on("end", done);
    res.on("error", done);
    res.on("close", done);
  });
}
