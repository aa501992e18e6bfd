// Load is only ever sent where the operator clearly meant it: a loopback address by default, any other
// host only with --allow-remote. A mistyped URL must not turn a benchmark into an unannounced load test of
// someone's production identity service (and its rate limits, lockouts and pager).
import { isIP } from "node:net";

/** 127.0.0.0/8, ::1, the IPv4-mapped loopback, and the name "localhost" (RFC 6761 §6.3). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) {
    if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
    // The IPv4-mapped loopback, as typed (::ffff:127.0.0.1) or as WHATWG URL normalises it (::ffff:7f00:1).
    const dotted = /^::ffff:(\d+)\.\d+\.\d+\.\d+$/.exec(host);
    if (dotted !== null) return dotted[1] === "127";
    const hex = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
    return hex !== null && Number.parseInt(hex[1] ?? "", 16) >> 8 === 127;
  }
  return false;
}

/** Undefined when load may go to `url`, otherwise the message that explains the refusal. */
export function refusedTarget(url: URL, allowRemote: boolean): string | undefined {
  if (allowRemote || isLoopbackHost(url.hostname)) return undefined;
  return [
    `${url.host} is not a loopback address, so no load was sent.`,
    "The load command creates, changes and deletes resources as fast as it can; point it at a server you",
    "run yourself (127.0.0.1, ::1, localhost), or add --allow-remote if this target is meant to take it.",
  ].join("\n");
}
