// Where a webhook may be sent: http(s) only, and never to private, loopback, link-local or other
// non-public addresses unless the operator allows it (WORKSMITH_WEBHOOK_ALLOW_PRIVATE). The host is
// resolved and every address checked when the endpoint is made; at delivery time the connection itself
// goes through a lookup that checks the addresses it connects to (post.ts), so a DNS name cannot be
// pointed inward later, not even between a check and the connect.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, bits, "ipv6");

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6 && address.toLowerCase().startsWith("::ffff:")) return isPublicAddress(address.slice(7));
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Why the URL may not be a webhook target, or null when it may. */
export function checkWebhookUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be http or https";
  if (url.username || url.password) return "must not carry credentials";
  return null;
}

/** Refuses (with a reason) a target that resolves to a non-public address, unless private targets are allowed. */
export async function refuseTarget(raw: string, allowPrivate: boolean): Promise<string | null> {
  const bad = checkWebhookUrl(raw);
  if (bad) return bad;
  if (allowPrivate) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `host ${host} does not resolve`;
  }
  const inward = addresses.find((a) => !isPublicAddress(a));
  return inward ? privateTargetMessage(inward) : null;
}

export const privateTargetMessage = (address: string): string =>
  `resolves to a private, loopback or link-local address (${address}); set WORKSMITH_WEBHOOK_ALLOW_PRIVATE=true to allow`;
