// Baseline: the floor of any SQLite-backed SCIM server on Koa — one middleware that checks the bearer
// token (SHA-256 digests compared in constant time) and reads the user's stored JSON by primary key from
// a SQLite file in WAL mode, as the reference server's store is. No access log, mapping, groups, ETag or
// SCIM error handling, and only the sampled users in the table: an optimistic floor. Its ratio to the
// bare Koa handler shows how much of the GET target is left for everything SCIM adds (bench/README.md).
//   SCIM_BEARER_TOKEN=… node --import tsx bench/servers/koa-sqlite-server.ts --port 18103 --data users.json
import { createHash, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import Koa from "koa";
import { baselineArgs, readBaselineUsers, userIdOf } from "./baseline-data.js";

const { port, data } = baselineArgs(process.argv.slice(2));
const token = process.env.SCIM_BEARER_TOKEN ?? "";
if (token === "") throw new Error("SCIM_BEARER_TOKEN is required");
const digest = createHash("sha256").update(token).digest();

const dir = mkdtempSync(join(tmpdir(), "bench-koa-sqlite-"));
const db = new Database(join(dir, "users.sqlite"));
db.pragma("journal_mode = WAL");
db.exec("CREATE TABLE users (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID");
const insert = db.prepare("INSERT INTO users (id, body) VALUES (?, ?)");
db.transaction(() => {
  for (const [id, user] of readBaselineUsers(data)) insert.run(id, JSON.stringify(user));
})();
const byId = db.prepare("SELECT body FROM users WHERE id = ?").pluck();
const close = () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once("SIGTERM", close);
process.once("SIGINT", close);

const app = new Koa();
app.use((ctx) => {
  const auth = ctx.get("authorization");
  const given = createHash("sha256").update(auth.slice("Bearer ".length)).digest();
  if (!auth.startsWith("Bearer ") || !timingSafeEqual(given, digest)) {
    ctx.status = 401;
    return;
  }
  const id = userIdOf(ctx.url);
  const body = id === undefined ? undefined : (byId.get(id) as string | undefined);
  if (body === undefined) {
    ctx.status = 404;
    return;
  }
  ctx.type = "application/scim+json; charset=utf-8";
  ctx.body = body;
});
app.listen(port, "127.0.0.1");
