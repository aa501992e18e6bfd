// Baseline: the least a Node server can do for GET /Users/{id} — node:http, a Map lookup, JSON.stringify.
// No authentication, no validation, no logging: the floor the reference server is compared against.
//   node --import tsx bench/servers/node-http-server.ts --port 18101 --data users.json
import { createServer } from "node:http";
import { baselineArgs, readBaselineUsers, userIdOf } from "./baseline-data.js";

const { port, data } = baselineArgs(process.argv.slice(2));
const users = readBaselineUsers(data);

createServer((req, res) => {
  const id = userIdOf(req.url ?? "");
  const user = id === undefined ? undefined : users.get(id);
  if (user === undefined) {
    res.writeHead(404).end();
    return;
  }
  const body = JSON.stringify(user);
  res.writeHead(200, {
    "content-type": "application/scim+json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}).listen(port, "127.0.0.1");
