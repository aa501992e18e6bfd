// The transport against servers that close kept-alive connections: a request that meets a socket the
// server already closed is sent again once on a fresh socket (Node's `reusedSocket` pattern, RFC 9112
// §9.3.1), and only then; a connection that fails on its first request is still an error.
import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { after, describe, it } from "node:test";
import { TransportError } from "./http-transport.js";
import { NodeHttpTransport } from "./node-http-transport.js";

/**
 * A raw HTTP/1.1 server. `answerOn(n)` says whether the n-th request of a connection (1-based) is
 * answered; an unanswered request gets its connection reset, as a server does that timed it out as idle.
 */
async function rawServer(answerOn: (n: number) => boolean) {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    let requests = 0;
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      while (buffered.includes("\r\n\r\n")) {
        buffered = buffered.slice(buffered.indexOf("\r\n\r\n") + 4);
        requests += 1;
        if (!answerOn(requests)) {
          socket.resetAndDestroy();
          return;
        }
        const body = `{"n":${requests}}`;
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`,
        );
      }
    });
    socket.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/scim/v2/Users`), connections: () => connections, server };
}

const limits = { timeoutMs: 5000, maxBytes: 1 << 20 };
const get = (url: URL) => ({ method: "GET", url, headers: {} });

describe("NodeHttpTransport and kept-alive connections", () => {
  const transports: NodeHttpTransport[] = [];
  after(() => {
    for (const t of transports) t.close();
  });

  it("sends again on a fresh socket when the server closed the kept-alive one", async () => {
    const target = await rawServer((n) => n === 1);
    const transport = new NodeHttpTransport({ maxSockets: 1 });
    transports.push(transport);
    try {
      assert.equal((await transport.send(get(target.url), limits)).status, 200);
      const second = await transport.send(get(target.url), limits);
      assert.equal(second.status, 200);
      assert.equal(
        Buffer.from(second.body).toString(),
        '{"n":1}',
        "answered as the first of a new connection",
      );
      assert.equal(target.connections(), 2);
    } finally {
      target.server.close();
    }
  });

  it("reports a reset on a fresh connection as a network error, without sending again", async () => {
    const target = await rawServer(() => false);
    const transport = new NodeHttpTransport({ maxSockets: 1 });
    transports.push(transport);
    try {
      await assert.rejects(
        transport.send(get(target.url), limits),
        (error: unknown) => error instanceof TransportError && error.reason === "network",
      );
      assert.equal(target.connections(), 1);
    } finally {
      target.server.close();
    }
  });
});
