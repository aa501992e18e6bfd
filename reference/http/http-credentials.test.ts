// Credential resolution through HTTP (connections issue "Credentials"; PingFederate back-channel
// authentication, D-bca): the credential selects the connection (Basic, several bearer tokens per
// connection for rotation), refusals are 401 with WWW-Authenticate and a SCIM error (RFC 7235 §4.1,
// RFC 6750 §3.1, RFC 7644 §3.12) that reveal nothing about usernames, verified credentials cost no hash,
// repeated failures are throttled (429 + Retry-After, RFC 6585 §4), requireSsl refuses plain HTTP (403).
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { basicHeader, testConnection } from "../connections/connection-fixtures.js";
import {
  type ConfiguredServer,
  CountingHasher,
  errorUrn,
  type Json,
  startConfiguredServer,
} from "./configured-test-server.js";

const docs = (id: string) => `https://docs.example.com/${id}`;

const connections = [
  testConnection("alpha", {
    basic: { username: "alpha", password: "alpha-pw" },
    tokens: ["alpha-token-1", "alpha-token-2"],
    documentationUri: docs("alpha"),
  }),
  testConnection("beta", {
    basic: { username: "beta", password: "beta-pw" },
    tokens: ["beta-token"],
    documentationUri: docs("beta"),
  }),
  testConnection("idle", {
    basic: { username: "idle", password: "idle-pw" },
    active: false,
    documentationUri: docs("idle"),
  }),
  testConnection("secure", { basic: { username: "secure", password: "secure-pw" }, requireSsl: true }),
];

function capture() {
  const lines: Json[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Json);
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}

describe("credential resolution", () => {
  let server: ConfiguredServer;
  const hasher = new CountingHasher();
  const log = capture();
  before(async () => {
    server = await startConfiguredServer({ connections, hasher, logger: log.logger, throttle: false });
  });
  after(() => server.close());

  const cases: [string, { authorization: string | undefined; connection: string | undefined }][] = [
    [
      "selects alpha by its Basic username",
      { authorization: basicHeader("alpha", "alpha-pw"), connection: "alpha" },
    ],
    [
      "selects beta by its Basic username",
      { authorization: basicHeader("beta", "beta-pw"), connection: "beta" },
    ],
    [
      "selects alpha by its first bearer token",
      { authorization: "Bearer alpha-token-1", connection: "alpha" },
    ],
    [
      "selects alpha by its second bearer token (rotation)",
      { authorization: "Bearer alpha-token-2", connection: "alpha" },
    ],
    ["selects beta by its bearer token", { authorization: "Bearer beta-token", connection: "beta" }],
    [
      "refuses a username with another connection's password",
      { authorization: basicHeader("alpha", "beta-pw"), connection: undefined },
    ],
    [
      "refuses an unknown username",
      { authorization: basicHeader("nobody", "alpha-pw"), connection: undefined },
    ],
    ["refuses an unknown bearer token", { authorization: "Bearer alpha-token-3", connection: undefined }],
    [
      "refuses the credentials of an inactive connection",
      { authorization: basicHeader("idle", "idle-pw"), connection: undefined },
    ],
    [
      "serves a request without credentials the server-wide document, naming no connection",
      { authorization: undefined, connection: "server-wide" },
    ],
    ["refuses a malformed Authorization header", { authorization: "Bearer", connection: undefined }],
    ["refuses an unknown scheme", { authorization: "Digest abc", connection: undefined }],
  ];
  for (const [name, { authorization, connection }] of cases) {
    it(name, async () => {
      const response = await server.as(authorization).request("/ServiceProviderConfig");
      const body = (await response.json()) as Json;
      if (connection === undefined) {
        assert.equal(response.status, 401);
        assert.deepEqual(body.schemas, [errorUrn]);
        assert.equal(body.status, "401");
        const challenge = response.headers.get("WWW-Authenticate") ?? "";
        assert.match(challenge, /^Bearer realm="scim"/);
        assert.match(challenge, /Basic realm="scim", charset="UTF-8"/);
        assert.equal(/invalid_token/.test(challenge), authorization?.startsWith("Bearer ") === true);
      } else if (connection === "server-wide") {
        // RFC 7643 §5: authenticationSchemes readable "without prior authentication"; the rest still 401s.
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal("documentationUri" in body, false);
        assert.equal((await server.as(authorization).request("/Users")).status, 401);
      } else {
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal(body.documentationUri, docs(connection), "the credential selected the connection");
      }
    });
  }

  it("advertises only the schemes the selected connection accepts (RFC 7643 §5)", async () => {
    const spc = await server.as(basicHeader("alpha", "alpha-pw")).json("/ServiceProviderConfig", 200);
    assert.deepEqual(
      (spc.authenticationSchemes as Json[]).map((s) => [s.type, s.primary]),
      [
        ["oauthbearertoken", true],
        ["httpbasic", false],
      ],
    );
  });

  it("answers an unknown username exactly as a wrong password, after one hash each", async () => {
    const unknown = server.as(basicHeader("nobody-at-all", "x"));
    const wrong = server.as(basicHeader("beta", "wrong-password"));
    const before = hasher.verifications;
    const a = await unknown.request("/Users");
    const afterUnknown = hasher.verifications;
    const b = await wrong.request("/Users");
    assert.equal(afterUnknown - before, 1, "an unknown username still costs one scrypt (the decoy)");
    assert.equal(hasher.verifications - afterUnknown, 1, "a wrong password costs one scrypt");
    assert.equal(a.status, b.status);
    assert.equal(a.headers.get("WWW-Authenticate"), b.headers.get("WWW-Authenticate"));
    assert.equal(await a.text(), await b.text());
  });

  it("logs a refused request without any trace of the username", async () => {
    await server.as(basicHeader("ghost-user-x", "x")).request("/Users?probe=1");
    await server.as(basicHeader("alpha", "not-it")).request("/Users?probe=2");
    const refused = log.lines.filter((l) => l.status === 401 && l.msg === "request").slice(-2);
    assert.equal(refused.length, 2);
    const shape = (l: Json) =>
      Object.keys(l)
        .filter((k) => !["time", "requestId", "latencyMs"].includes(k))
        .sort();
    assert.deepEqual(shape(refused[0] as Json), shape(refused[1] as Json));
    const text = JSON.stringify(log.lines);
    assert.equal(text.includes("ghost-user-x"), false);
    assert.equal(text.includes("alpha-pw") || text.includes("not-it"), false, "no password is ever logged");
  });

  it("verifies a credential once: later requests cost no hash", async () => {
    const alpha = server.as(basicHeader("alpha", "alpha-pw"));
    await alpha.json("/Users", 200);
    const before = hasher.verifications;
    for (let i = 0; i < 5; i++) await alpha.json("/Users", 200);
    await server.as("Bearer beta-token").json("/Users", 200);
    assert.equal(hasher.verifications, before, "cached credentials are compared by keyed hash, not scrypt");
  });

  it("refuses requireSsl connections over plain HTTP with 403, only once the credential is valid", async () => {
    const ok = await server.as(basicHeader("secure", "secure-pw")).request("/Users");
    assert.equal(ok.status, 403);
    const body = (await ok.json()) as Json;
    assert.deepEqual(body.schemas, [errorUrn]);
    assert.match(String(body.detail), /requires HTTPS \(requireSsl\)/);
    const wrong = await server.as(basicHeader("secure", "nope")).request("/Users");
    assert.equal(wrong.status, 401, "a wrong password learns nothing about the connection");
  });
});

describe("failure throttling", () => {
  let server: ConfiguredServer;
  const hasher = new CountingHasher();
  before(async () => {
    server = await startConfiguredServer({
      connections: [
        testConnection("alpha", {
          basic: { username: "alpha", password: "alpha-pw" },
          tokens: ["fresh-token"],
        }),
      ],
      hasher,
      throttle: { capacity: 3, refillPerSecond: 0.5 },
    });
  });
  after(() => server.close());

  it("answers 429 with Retry-After once an address spent its failures, before hashing anything", async () => {
    const good = server.as(basicHeader("alpha", "alpha-pw"));
    await good.json("/Users", 200);
    for (let i = 0; i < 3; i++)
      assert.equal((await server.as(`Bearer guess-${i}`).request("/Users")).status, 401);
    const before = hasher.verifications;
    const throttled = await server.as("Bearer guess-4").request("/Users");
    assert.equal(throttled.status, 429);
    assert.match(throttled.headers.get("Retry-After") ?? "", /^[1-9]\d*$/);
    const body = (await throttled.json()) as Json;
    assert.deepEqual(body.schemas, [errorUrn]);
    assert.equal(body.status, "429");
    assert.equal(hasher.verifications, before, "no scrypt is spent on a throttled address");
    await good.json("/Users", 200);
    const unverified = await server.as("Bearer fresh-token").request("/Users");
    assert.equal(unverified.status, 429, "a credential not yet verified waits like a guess");
  });

  it("counts admin API failures against the same address", async () => {
    const response = await server.admin("Bearer wrong-admin").request("");
    assert.equal(response.status, 429);
    assert.ok(response.headers.get("Retry-After"));
  });

  it("charges nothing for requests without credentials", async () => {
    const fresh = await startConfiguredServer({
      connections: [testConnection("alpha", { tokens: ["t"] })],
      throttle: { capacity: 1, refillPerSecond: 0.01 },
    });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await fresh.as(undefined).request("/Users")).status, 401);
      assert.equal((await fresh.as("Bearer t").request("/Users")).status, 200);
    } finally {
      await fresh.close();
    }
  });
});

describe("the demo configuration's environment credentials", () => {
  it("gives SCIM_BEARER_TOKEN and SCIM_BASIC_USER/SCIM_BASIC_PASSWORD to demo-directory", async () => {
    const server = await startConfiguredServer({
      env: {
        SCIM_ADMIN_TOKEN: "x",
        SCIM_BEARER_TOKEN: "env-token",
        SCIM_BASIC_USER: "env-user",
        SCIM_BASIC_PASSWORD: "env-pw",
      },
    });
    try {
      for (const authorization of ["Bearer env-token", basicHeader("env-user", "env-pw")]) {
        const spc = await server.as(authorization).json("/ServiceProviderConfig", 200);
        assert.equal(
          spc.documentationUri,
          "https://github.com/scim-conformance/scim-conformance#connections",
        );
        assert.deepEqual(
          ((await server.as(authorization).json("/ResourceTypes", 200)).Resources as Json[]).map((r) => r.id),
          ["User", "Group"],
          "demo-directory has User and Group Support",
        );
      }
      assert.deepEqual(server.announcements, [], "nothing is generated when credentials are given");
    } finally {
      await server.close();
    }
  });

  it("refuses to start when SCIM_BASIC_USER comes without SCIM_BASIC_PASSWORD", async () => {
    await assert.rejects(
      startConfiguredServer({ env: { SCIM_ADMIN_TOKEN: "x", SCIM_BASIC_USER: "env-user" } }),
      (error: Error) =>
        error.name === "ConfigurationError" &&
        /idpConnections\[0\]\.credentials\.inboundBackChannelAuth\.httpBasicCredentials\.password/.test(
          error.message,
        ),
    );
  });

  it("generates a token for demo-directory when no credential is set, and prints it once", async () => {
    const server = await startConfiguredServer({ env: { SCIM_ADMIN_TOKEN: "x" } });
    try {
      assert.equal(server.announcements.length, 1);
      const token = /Bearer (\S+)/.exec(server.announcements[0] ?? "")?.[1] ?? "";
      assert.match(server.announcements[0] ?? "", /"demo-directory"/);
      await server.as(`Bearer ${token}`).json("/Groups", 200);
    } finally {
      await server.close();
    }
  });
});
