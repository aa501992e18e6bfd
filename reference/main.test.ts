// The composition root on embedded SQLite (reference-core issue "Run"): the server starts on an ephemeral
// port over `:memory:`, serves the RFC 7644 §3.3 example, announces a generated token once and never
// logs it, and its options follow flag > environment > default.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { Command } from "commander";
import { pino } from "pino";
import { parse } from "yaml";
import { defaultConfigFile } from "./connections/connections-file.js";
import { ScryptPasswordHasher } from "./connections/password-hasher.js";
import { scratchDirectory } from "./datastore/ldap/ldap-scratch.js";
import { ldapSkipReason, ldapTestUrl } from "./datastore/ldap/ldap-test-support.js";
import { openDatastore } from "./datastore/open-datastore.js";
import { startReferenceServer } from "./main.js";
import { registerServeCommand } from "./serve-command.js";
import { defaultDb, defaultHost, defaultPort, resolveServeOptions } from "./serve-options.js";

function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}

describe("startReferenceServer", () => {
  it("serves SCIM on SQLite :memory: with a generated token that is announced once and never logged", async () => {
    const { logger, lines } = capturingLogger();
    const announcements: string[] = [];
    const server = await startReferenceServer({
      db: ":memory:",
      env: {},
      logger,
      announce: (m) => announcements.push(m),
      provisioning: {},
      hasher: new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 }),
    });
    try {
      // One for the first demo connection (no SCIM_BEARER_TOKEN/SCIM_BASIC_USER), one for the admin API.
      assert.equal(announcements.length, 2);
      const scimAnnouncement = announcements.find((m) => m.includes('"demo-directory"')) ?? "";
      const token = /Bearer (\S+)/.exec(scimAnnouncement)?.[1] ?? "";
      assert.match(announcements.find((m) => m.includes("admin API")) ?? "", /Bearer scimadmin_/);
      const created = await fetch(`${server.url}/Users`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
        body: JSON.stringify({
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: "bjensen",
          password: "pw-123",
        }),
      });
      assert.equal(created.status, 201);
      const denied = await fetch(`${server.url}/Users`);
      assert.equal(denied.status, 401);
      const log = lines.join("");
      assert.ok(log.includes('"status":201'), "requests are logged");
      assert.equal(log.includes(token), false, "the token never reaches the log");
      assert.equal(log.includes("pw-123"), false, "passwords never reach the log");
    } finally {
      await server.close();
    }
  });
});

describe("startReferenceServer and the datastore", () => {
  // The datastore has no log of its own: a background checkpoint worker that fails is reported to the
  // server through openDatastore's options, and logged there (sqlite-checkpointer.ts).
  it("logs a warning when SQLite's background checkpoints stop", async () => {
    const { logger, lines } = capturingLogger();
    let report: ((error: Error) => void) | undefined;
    const server = await startReferenceServer({
      db: ":memory:",
      env: {},
      logger,
      announce: () => {},
      openDatastore: (db, options) => {
        report = options.onCheckpointFailure;
        return openDatastore(db, options);
      },
      provisioning: {},
      hasher: new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 }),
    });
    try {
      assert.ok(report !== undefined, "the server passed no failure report to the datastore");
      report(new Error("SQLITE_NOTADB: file is not a database"));
      const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.component === "sqlite");
      assert.equal(warning?.level, 40);
      assert.match(warning?.msg ?? "", /background checkpoints stopped/);
      assert.match(warning?.err?.message ?? "", /SQLITE_NOTADB/);
    } finally {
      await server.close();
    }
  });
});

describe("resolveServeOptions", () => {
  const cases: [string, { flags: object; env: Record<string, string>; want: object }][] = [
    [
      "uses the defaults",
      { flags: {}, env: {}, want: { port: defaultPort, host: defaultHost, db: defaultDb } },
    ],
    [
      "reads PORT, HOST and SCIM_DB",
      {
        flags: {},
        env: { PORT: "9000", HOST: "127.0.0.1", SCIM_DB: ":memory:" },
        want: { port: 9000, host: "127.0.0.1", db: ":memory:" },
      },
    ],
    [
      "prefers flags to the environment",
      {
        flags: { port: 1234, db: "x.sqlite" },
        env: { PORT: "9000", SCIM_DB: "y" },
        want: { port: 1234, host: defaultHost, db: "x.sqlite" },
      },
    ],
  ];
  for (const [name, { flags, env, want }] of cases) {
    it(name, () => assert.deepEqual(resolveServeOptions(flags, env), want));
  }

  it("reads the connections file and TLS files from flags or SCIM_CONFIG and SCIM_TLS_*", () => {
    assert.deepEqual(resolveServeOptions({ config: "a.yaml", tlsCert: "c.pem", tlsKey: "k.pem" }, {}), {
      port: defaultPort,
      host: defaultHost,
      db: defaultDb,
      config: "a.yaml",
      tls: { cert: "c.pem", key: "k.pem" },
    });
    const fromEnv = resolveServeOptions(
      {},
      { SCIM_CONFIG: "b.yaml", SCIM_TLS_CERT: "c", SCIM_TLS_KEY: "k", SCIM_TLS_CA: "ca" },
    );
    assert.equal(fromEnv.config, "b.yaml");
    assert.deepEqual(fromEnv.tls, { cert: "c", key: "k", ca: "ca" });
  });

  it("refuses half a TLS configuration", () => {
    assert.throws(
      () => resolveServeOptions({ tlsCert: "c.pem" }, {}),
      /--tls-cert and --tls-key go together/,
    );
    assert.throws(() => resolveServeOptions({ tlsCa: "ca.pem" }, {}), /--tls-ca needs --tls-cert/);
  });

  it("refuses a PORT that is not a port", () => {
    assert.throws(() => resolveServeOptions({}, { PORT: "http" }), /port/);
    assert.throws(() => resolveServeOptions({}, { PORT: "70000" }), /port/);
  });
});

describe("registerServeCommand", () => {
  it("adds `serve` with --port, --host, --db, --config and the TLS files", () => {
    const program = new Command("scim-conformance");
    registerServeCommand(program);
    const serve = program.commands.find((c) => c.name() === "serve");
    assert.ok(serve);
    assert.deepEqual(
      serve.options.map((o) => o.long),
      ["--port", "--host", "--db", "--config", "--tls-cert", "--tls-key", "--tls-ca"],
    );
  });
});

describe("npm start (reference/main.ts)", () => {
  it("starts, answers, and exits 0 on SIGTERM after closing the datastore", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "reference/main.ts", "--port", "0", "--db", ":memory:", "--host", "127.0.0.1"],
      {
        cwd: new URL("..", import.meta.url).pathname,
        env: { ...process.env, SCIM_BEARER_TOKEN: "t", LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 20 s: ${out}`)), 20_000);
      child.stdout.on("data", () => {
        const match = /"url":"([^"]+)"/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const response = await fetch(`${url}/ServiceProviderConfig`, { headers: { Authorization: "Bearer t" } });
    assert.equal(response.status, 200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    assert.match(out, /"msg":"stopped"/);
  });
});

describe("startReferenceServer and the LDAP store's bounds (SCIM_LDAP_MAX_CANDIDATES, SCIM_LDAP_MAX_LISTED)", () => {
  const quiet = { logger: pino({ level: "silent" }), announce: () => {} };

  for (const name of ["SCIM_LDAP_MAX_CANDIDATES", "SCIM_LDAP_MAX_LISTED"]) {
    it(`refuses to start with ${name}=0`, async () => {
      await assert.rejects(
        startReferenceServer({
          db: ":memory:",
          // Never reached: the bounds are read before the directory is opened.
          env: { SCIM_LDAP_URL: "ldap://127.0.0.1:1", [name]: "0" },
          ...quiet,
        }),
        (error: Error) => error.name === "ConfigurationError" && error.message.includes(name),
      );
    });
  }

  it(
    "applies the candidate bound to filters, and lists everyone past it (ldap-plain-listing.ts)",
    ldapTestUrl === undefined ? { skip: ldapSkipReason } : {},
    async () => {
      const directory = scratchDirectory("bounds");
      const server = await startReferenceServer({
        db: ":memory:",
        directory: directory.settings,
        configDocument: directory.rebase(parse(readFileSync(defaultConfigFile, "utf8"))),
        env: { SCIM_BEARER_TOKEN: "bounds-token", SCIM_LDAP_MAX_CANDIDATES: "2" },
        ...quiet,
      });
      try {
        const call = (method: string, path: string, body?: unknown) =>
          fetch(`${server.url}${path}`, {
            method,
            headers: { Authorization: "Bearer bounds-token", "Content-Type": "application/scim+json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
        for (const userName of ["b1", "b2", "b3"]) {
          const created = await call("POST", "/Users", {
            schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
            userName,
          });
          assert.equal(created.status, 201);
        }
        const refused = await call("GET", `/Users?filter=${encodeURIComponent('userName ne "b0"')}`);
        assert.equal(refused.status, 400);
        assert.equal(((await refused.json()) as { scimType?: string }).scimType, "tooMany");
        const everyone = await call("GET", "/Users?startIndex=2&count=2");
        assert.equal(everyone.status, 200);
        const list = (await everyone.json()) as { totalResults: number; Resources: { userName: string }[] };
        assert.equal(list.totalResults, 3);
        assert.deepEqual(
          list.Resources.map((r) => r.userName),
          ["b2", "b3"],
        );
      } finally {
        await server.close();
        await directory.drop();
      }
    },
  );
});
