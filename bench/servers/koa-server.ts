// Baseline: a bare Koa handler for GET /Users/{id} — one middleware, a Map lookup, Koa's own JSON body.
// The reference server is a Koa app too, so the gap to this baseline is what SCIM adds on top of Koa.
//   node --import tsx bench/servers/koa-server.ts --port 18102 --data users.json
import Koa from "koa";
import { baselineArgs, readBaselineUsers, userIdOf } from "./baseline-data.js";

const { port, data } = baselineArgs(process.argv.slice(2));
const users = readBaselineUsers(data);
const app = new Koa();

app.use((ctx) => {
  const id = userIdOf(ctx.url);
  const user = id === undefined ? undefined : users.get(id);
  if (user === undefined) {
    ctx.status = 404;
    return;
  }
  ctx.type = "application/scim+json; charset=utf-8";
  ctx.body = user;
});
app.listen(port, "127.0.0.1");
