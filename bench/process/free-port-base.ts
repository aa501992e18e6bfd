// A port base for tests that start bench servers on pinned ports (base + offset, bench-servers.ts). The
// base lies below the kernel's ephemeral range (ip_local_port_range), from which listen(0) and outgoing
// connections take their ports: with a base inside it, another test's connection took a pinned port
// between the check below and the server's start (EADDRINUSE, seen once in CI and about once in ten runs
// before). The check still guards against a pinned port that something listens on already.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** The first ephemeral port; Linux's default when the kernel does not say. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2048 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function free(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A base such that base + each offset was free a moment ago, and outside the ephemeral range. */
export async function freePortBase(offsets: readonly number[]): Promise<number> {
  const highest = Math.max(...offsets);
  const low = 10_000;
  const span = Math.max(1, Math.min(ephemeralLow(), 65_536) - low - highest - 1);
  for (;;) {
    const base = low + Math.floor(Math.random() * span);
    const checks = await Promise.all(offsets.map((offset) => free(base + offset)));
    if (checks.every(Boolean)) return base;
  }
}
