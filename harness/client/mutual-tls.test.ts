// Mutual TLS (`--cert/--key/--ca`; RFC 7644 §2 allows any TLS-based authentication): a server that
// demands a client certificate answers the harness when it presents one signed by the server's CA,
// and refuses the handshake otherwise. Certificates are made on the fly with openssl.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ExchangeFailure } from "./client.js";
import { ClientFactory } from "./client-factory.js";

const openssl = "/usr/bin/openssl";
const skip = existsSync(openssl) ? false : `${openssl} is not installed`;

describe("mutual TLS", { skip }, () => {
  let dir: string;
  let server: https.Server;
  let base: string;
  const pem = (name: string): Buffer => readFileSync(join(dir, name));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "scimc-mtls-"));
    const run = (...args: string[]): void => {
      execFileSync(openssl, args, { cwd: dir, stdio: "ignore" });
    };
    const key = (name: string): void =>
      run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name);
    key("ca.key");
    run(
      "req",
      "-x509",
      "-new",
      "-key",
      "ca.key",
      "-subj",
      "/CN=scimc test CA",
      "-days",
      "1",
      "-out",
      "ca.pem",
    );
    for (const [name, ext] of [
      ["server", "subjectAltName=IP:127.0.0.1"],
      ["client", "extendedKeyUsage=clientAuth"],
    ] as const) {
      key(`${name}.key`);
      run("req", "-new", "-key", `${name}.key`, "-subj", `/CN=scimc ${name}`, "-out", `${name}.csr`);
      // The extension: the server's address as SAN, the client's clientAuth usage.
      writeFileSync(join(dir, `${name}.ext`), `${ext}\n`);
      run(
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        `${name}.ext`,
        "-out",
        `${name}.pem`,
      );
    }
    server = https.createServer(
      {
        key: pem("server.key"),
        cert: pem("server.pem"),
        ca: pem("ca.pem"),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/scim+json" });
        res.end(JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"] }));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("presents the client certificate and trusts the given CA", async () => {
    const f = new ClientFactory({
      baseUrl: base,
      prefix: "scimc-t-",
      tls: { cert: pem("client.pem"), key: pem("client.key"), ca: pem("ca.pem") },
    });
    const res = await f.forCheck("t").send({ method: "GET", path: "/ServiceProviderConfig" });
    f.close();
    assert.equal(res.status, 200);
  });

  it("gets no response without a client certificate", async () => {
    const f = new ClientFactory({ baseUrl: base, prefix: "scimc-t-", tls: { ca: pem("ca.pem") } });
    await assert.rejects(
      f.forCheck("t").send({ method: "GET", path: "/ServiceProviderConfig" }),
      ExchangeFailure,
    );
    f.close();
  });
});
