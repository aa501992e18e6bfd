// HTTPS and client certificates (connections issue: "the server can listen with TLS"; PingFederate
// back-channel "SSL Client Certificate" with anchored or unanchored trust, D-bca): the server asks for a
// certificate but never requires one, a pinned certificate selects its connection, a CA-anchored
// certificate selects the connection whose subject (and issuer) DN it carries, compared as names; a DN
// from an untrusted CA and an unknown DN are 401, and a missing certificate reads only the server-wide
// /ServiceProviderConfig. Certificates are made for the run by fixtures/tls/make-test-pki.sh (no private
// key is committed).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { basicHeader, testConnection } from "../connections/connection-fixtures.js";
import { formatDn } from "../connections/distinguished-name.js";
import { certificateNames } from "../connections/x509-name.js";
import { type ConfiguredServer, type Json, startConfiguredServer } from "./configured-test-server.js";

const openssl = "/usr/bin/openssl";
const skip = existsSync(openssl)
  ? false
  : `${openssl} is not installed (fixtures/tls/make-test-pki.sh needs it)`;
const script = new URL("../../fixtures/tls/make-test-pki.sh", import.meta.url).pathname;
const docs = (id: string) => `https://docs.example.com/${id}`;

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Json;
}

describe("TLS and client certificates", { skip }, () => {
  let dir: string;
  let server: ConfiguredServer;
  const file = (name: string) => join(dir, name);
  const pem = (name: string) => readFileSync(file(name), "utf8");

  /** GET over HTTPS, trusting the test CA, with an optional client certificate and Authorization. */
  function get(url: string, options: { client?: string; authorization?: string } = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          ca: pem("ca.pem"),
          ...(options.client === undefined
            ? {}
            : { cert: pem(`${options.client}.pem`), key: pem(`${options.client}.key`) }),
          headers: options.authorization === undefined ? {} : { Authorization: options.authorization },
          agent: false,
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => {
            text += String(chunk);
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text ? (JSON.parse(text) as Json) : {},
            }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "scim-tls-"));
    execFileSync("sh", [script, dir], { stdio: "ignore" });
    server = await startConfiguredServer({
      tls: { cert: file("server.pem"), key: file("server.key"), ca: file("ca.pem") },
      connections: [
        testConnection("pinned", {
          auth: { certs: [{ x509File: { fileData: pem("pinned.pem") }, primaryVerificationCert: true }] },
          documentationUri: docs("pinned"),
        }),
        testConnection("anchored", {
          // Written loosely on purpose: other case, spaces after commas. Names compare as names.
          auth: {
            verificationSubjectDN: "cn=SCIM-Client, ou=provisioning, o=example corp, c=US",
            verificationIssuerDN: "CN=SCIM Test CA,O=Example Corp",
          },
          documentationUri: docs("anchored"),
        }),
        testConnection("basic-tls", {
          basic: { username: "tls-user", password: "tls-pw" },
          requireSsl: true,
          documentationUri: docs("basic-tls"),
        }),
      ],
    });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("listens with HTTPS", () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
  });

  const cases: [string, { client?: string; authorization?: string; connection: string | undefined }][] = [
    ["selects the connection that pins the certificate", { client: "pinned", connection: "pinned" }],
    [
      "selects the connection whose subject and issuer DN a CA-signed certificate carries",
      { client: "client", connection: "anchored" },
    ],
    [
      "refuses a certificate with the same DNs from an untrusted CA",
      { client: "rogue-client", connection: undefined },
    ],
    [
      "refuses a CA-signed certificate with another subject",
      { client: "other-client", connection: undefined },
    ],
    [
      "serves a request with neither certificate nor header the server-wide document only",
      { connection: "server-wide" },
    ],
    [
      "accepts Basic over TLS without a certificate (requireSsl satisfied)",
      { authorization: basicHeader("tls-user", "tls-pw"), connection: "basic-tls" },
    ],
    [
      "lets the Authorization header decide when both are sent",
      { client: "pinned", authorization: basicHeader("tls-user", "wrong"), connection: undefined },
    ],
  ];
  for (const [name, { client, authorization, connection }] of cases) {
    it(name, async () => {
      const reply = await get(`${server.url}/ServiceProviderConfig`, {
        ...(client === undefined ? {} : { client }),
        ...(authorization === undefined ? {} : { authorization }),
      });
      if (connection === undefined) {
        assert.equal(reply.status, 401, JSON.stringify(reply.body));
        assert.ok(reply.headers["www-authenticate"], "401 carries a challenge");
      } else if (connection === "server-wide") {
        // RFC 7643 §5: authenticationSchemes readable "without prior authentication"; the rest still 401s.
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.equal("documentationUri" in reply.body, false);
        assert.equal((await get(`${server.url}/Users`, {})).status, 401);
      } else {
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.equal(reply.body.documentationUri, docs(connection));
      }
    });
  }

  it("serves the admin API over the same TLS listener, with a certView of each pinned certificate", async () => {
    const reply = await get(`${server.adminUrl}/pinned`, { authorization: "Bearer test-admin-token" });
    assert.equal(reply.status, 200);
    const auth = (reply.body.credentials as Json).inboundBackChannelAuth as Json;
    const view = ((auth.certs as Json[])[0] as Json).certView as Json;
    assert.equal(view.subjectDN, "CN=pinned-client");
    assert.equal(
      view.sha256Fingerprint,
      new X509Certificate(pem("pinned.pem")).fingerprint256.replaceAll(":", ""),
    );
  });

  it("reads certificate names from DER exactly as openssl prints them in RFC 2253 form", () => {
    for (const name of ["client", "other-client", "rogue-client", "pinned", "server"]) {
      const x509 = new X509Certificate(pem(`${name}.pem`));
      const names = certificateNames(x509.raw);
      for (const [field, dn] of [
        ["-subject", names.subject],
        ["-issuer", names.issuer],
      ] as const) {
        const printed = execFileSync(
          openssl,
          ["x509", "-in", file(`${name}.pem`), "-noout", field, "-nameopt", "RFC2253"],
          {
            encoding: "utf8",
          },
        )
          .trim()
          .replace(/^(subject|issuer)=/, "");
        assert.equal(formatDn(dn), printed, `${name} ${field}`);
      }
    }
  });

  it("does not match anchored trust when the server was given no --tls-ca, but still matches a pinned certificate", async () => {
    const noCa = await startConfiguredServer({
      tls: { cert: file("server.pem"), key: file("server.key") },
      connections: [
        testConnection("anchored", {
          auth: { verificationSubjectDN: "CN=scim-client,OU=Provisioning,O=Example Corp,C=US" },
          documentationUri: docs("anchored"),
        }),
        testConnection("pinned", {
          auth: { certs: [{ x509File: { fileData: pem("pinned.pem") } }] },
          documentationUri: docs("pinned"),
        }),
      ],
    });
    try {
      assert.equal((await get(`${noCa.url}/ServiceProviderConfig`, { client: "client" })).status, 401);
      const pinned = await get(`${noCa.url}/ServiceProviderConfig`, { client: "pinned" });
      assert.equal(pinned.body.documentationUri, docs("pinned"));
    } finally {
      await noCa.close();
    }
  });
});
