// What the baseline servers serve: the reference server's own representations of the sampled users,
// fetched once by the bench and written to a file, so "the same JSON" is byte-for-byte what the
// reference server returns for GET /Users/{id}.
import { readFileSync } from "node:fs";

export const baselineBasePath = "/scim/v2/Users/";

/** Reads the file of `[{ id, ... }]` into a Map keyed by id. */
export function readBaselineUsers(file: string): Map<string, object> {
  const list = JSON.parse(readFileSync(file, "utf8")) as { readonly id: string }[];
  return new Map(list.map((user) => [user.id, user]));
}

/** `--port 1234 --data file` → values; a baseline server has no other options. */
export function baselineArgs(argv: readonly string[]): { port: number; data: string } {
  const value = (flag: string): string => {
    const at = argv.indexOf(flag);
    const found = at >= 0 ? argv[at + 1] : undefined;
    if (found === undefined) throw new Error(`${flag} is required`);
    return found;
  };
  return { port: Number(value("--port")), data: value("--data") };
}

/** The id in `/scim/v2/Users/{id}` (query string ignored), or undefined for any other path. */
export function userIdOf(url: string): string | undefined {
  const path = url.split("?", 1)[0] ?? "";
  return path.startsWith(baselineBasePath)
    ? decodeURIComponent(path.slice(baselineBasePath.length))
    : undefined;
}
