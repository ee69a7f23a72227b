// The DNS-rebinding gap (issue 17): the address a webhook connects to must be the one that was checked.
// A fake resolver plays a rebinding DNS server — a public address on the first question, loopback on
// every later one — in front of a real local receiver. A client that checks with one lookup and then
// resolves again to connect would reach the receiver; ours resolves once, in the socket's lookup.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LookupAddress } from "node:dns";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postWebhook, TargetRefused, type ResolveHost } from "../../src/automations/index.js";

describe("webhook connect pins the vetted address", () => {
  let receiver: Server;
  let port: number;
  let hits = 0;

  beforeEach(async () => {
    hits = 0;
    receiver = createServer((_req, res) => {
      hits += 1;
      res.end("ok");
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    port = (receiver.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((r) => receiver.close(() => r())));

  const options = (resolveHost: ResolveHost, allowPrivate = false) => ({
    allowPrivate,
    timeoutMs: 500,
    maxResponseBytes: 1024,
    snippetBytes: 100,
    resolveHost,
  });

  it("a host that answers public first and loopback after never reaches the loopback receiver", async () => {
    const asked: string[] = [];
    const rebinding: ResolveHost = async (host) => {
      asked.push(host);
      // 192.0.2.1 (TEST-NET-1) is public by our list and unroutable here: the attempt times out.
      return asked.length === 1 ? [{ address: "192.0.2.1", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
    };
    const outcome = await postWebhook(`http://rebind.example:${port}/hook`, {}, "{}", options(rebinding)).then(
      (r) => `answered ${r.status}`,
      (e: Error) => `error ${e.message}`,
    );
    expect(outcome).toMatch(/^error/);
    expect(hits).toBe(0);
    expect(asked).toEqual(["rebind.example"]);
  });

  it("a host resolving to loopback is refused at the connect, permanently", async () => {
    const inward: ResolveHost = async () => [{ address: "127.0.0.1", family: 4 } satisfies LookupAddress];
    await expect(postWebhook(`http://inward.example:${port}/hook`, {}, "{}", options(inward))).rejects.toBeInstanceOf(TargetRefused);
    await expect(postWebhook(`http://127.0.0.1:${port}/hook`, {}, "{}", options(inward))).rejects.toBeInstanceOf(TargetRefused);
    expect(hits).toBe(0);
  });

  it("connects to the resolved address when private targets are allowed (the tests' setting)", async () => {
    const inward: ResolveHost = async () => [{ address: "127.0.0.1", family: 4 }];
    const r = await postWebhook(`http://receiver.example:${port}/hook`, {}, "{}", options(inward, true));
    expect(r).toEqual({ status: 200, snippet: "ok" });
    expect(hits).toBe(1);
  });
});
