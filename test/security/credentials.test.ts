// Credentials (issue "Reliability and security": authentication matrix, second half):
// - comparison in constant time, proven in the code rather than by timing: every verification of a bearer
//   token, a Basic password, a cached credential and the admin token reaches crypto.timingSafeEqual with
//   two buffers of one fixed length (scrypt output or an HMAC-SHA-256 digest, never the secret's bytes),
//   an unknown username included (it is checked against a decoy hash); and no source file that handles
//   credentials compares a secret with ===, == or Buffer#equals;
// - throttling: after 10 refused credentials from one address, 429 with Retry-After (RFC 6585 §4), on
//   SCIM and on the admin API; requests without credentials cost nothing; a credential verified earlier
//   keeps working from the throttled address.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";
import { after, before, describe, it, mock } from "node:test";
import ts from "typescript";
import { CredentialVerifier } from "../../reference/connections/credential-verifier.js";
import { ScryptPasswordHasher } from "../../reference/connections/password-hasher.js";
import {
  basic,
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "../reliability/support/reference-under-test.js";
import { scimErrorProblems } from "../reliability/support/scim-error-shape.js";

const hasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

describe("credential comparison in constant time", () => {
  const calls: [Buffer, Buffer][] = [];
  before(() => {
    const original = crypto.timingSafeEqual;
    mock.method(crypto, "timingSafeEqual", (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push([
        Buffer.from(a.buffer, a.byteOffset, a.byteLength),
        Buffer.from(b.buffer, b.byteOffset, b.byteLength),
      ]);
      return original(a, b);
    });
    // Named imports of node:crypto (password-hasher.ts, credential-cache.ts) see the spy only after this.
    syncBuiltinESMExports();
  });
  after(() => {
    mock.restoreAll();
    syncBuiltinESMExports();
  });

  const token = "the-right-bearer-token-0123456789";
  const password = "the-right-password";
  async function verifier(): Promise<CredentialVerifier> {
    return new CredentialVerifier(
      [
        { id: "t", kind: "bearer", secretHash: await hasher.hash(token) },
        { id: "b", kind: "basic", username: "alice", secretHash: await hasher.hash(password) },
      ],
      hasher,
    );
  }

  const cases: [string, Parameters<CredentialVerifier["verify"]>[0], boolean][] = [
    ["the right bearer token", { kind: "bearer", token }, true],
    ["a wrong bearer token of another length", { kind: "bearer", token: "x" }, false],
    ["a wrong bearer token of the same length", { kind: "bearer", token: token.replace("0", "1") }, false],
    ["the right Basic password", { kind: "basic", username: "alice", password }, true],
    ["a wrong Basic password", { kind: "basic", username: "alice", password: "nope" }, false],
    [
      "an unknown Basic username (checked against a decoy)",
      { kind: "basic", username: "mallory", password },
      false,
    ],
  ];
  for (const [name, credential, accepted] of cases) {
    it(`compares ${name} with timingSafeEqual on fixed-length digests, first and cached`, async () => {
      const v = await verifier();
      for (const pass of ["first", "cached"]) {
        calls.length = 0;
        assert.equal((await v.verify(credential)) !== undefined, accepted, pass);
        assert.ok(calls.length > 0, `${pass}: timingSafeEqual was never called`);
        const secret = credential.kind === "bearer" ? credential.token : credential.password;
        // A Basic username is no secret; it is looked up with timingSafeEqual too, at its own length.
        const username = credential.kind === "basic" ? Buffer.from(credential.username) : undefined;
        const secretCalls = calls.filter(
          ([a, b]) => username === undefined || !(a.equals(username) || b.equals(username)),
        );
        assert.ok(secretCalls.length > 0, `${pass}: the secret was never compared with timingSafeEqual`);
        for (const [a, b] of secretCalls) {
          assert.equal(a.length, b.length, `${pass}: buffers of different lengths`);
          assert.equal(a.length, 32, `${pass}: not a 32-byte digest`);
          // (A one-byte secret turns up inside random digests by chance; longer ones never do.)
          const raw = Buffer.from(secret);
          const holds = (x: Buffer) => x.equals(raw) || (raw.length >= 8 && x.includes(raw));
          assert.ok(!holds(a) && !holds(b), `${pass}: the secret itself was compared`);
        }
      }
    });
  }

  it("never compares a secret with ===, ==, !==, != or Buffer#equals in the code that handles credentials", () => {
    const root = new URL("../../reference/", import.meta.url).pathname;
    const files = [
      ...readdirSync(join(root, "connections")).map((f) => join(root, "connections", f)),
      ...["authenticate.ts", "admin/admin-api.ts", "failure-throttle.ts"].map((f) => join(root, "http", f)),
    ].filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith("-fixtures.ts"));
    // An operand that holds a secret: a name such as token, password, secret, digest or hash (but not a
    // kind, length, id or type of one, and not a literal or typeof).
    const secretName = /(token|password|secret|digest|hash)(?!.*\.(kind|length|id|type|size)$)/i;
    const unwrap = (node: ts.Expression): ts.Expression =>
      ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;
    const harmless = (side: ts.Expression) => {
      const node = unwrap(side);
      return (
        // A boolean from another comparison or a negation, as in (user === "") !== (password === "").
        ts.isBinaryExpression(node) ||
        ts.isPrefixUnaryExpression(node) ||
        ts.isStringLiteral(node) ||
        ts.isNumericLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTypeOfExpression(node) ||
        node.kind === ts.SyntaxKind.NullKeyword ||
        node.kind === ts.SyntaxKind.TrueKeyword ||
        node.kind === ts.SyntaxKind.FalseKeyword ||
        (ts.isIdentifier(node) && node.text === "undefined") ||
        /\.(kind|length|type|id|size|status)$/.test(node.getText())
      );
    };
    // Reviewed comparisons of values that are not secrets, each with the reason.
    const reviewed = new Set([
      // The SHA-256 reference of a stored hash, which GET on the admin API shows to admins: no secret.
      "input.reference === secretReference(kept)",
      // Which process's token hash won a settings claim (generated-token.ts): both values are the servers'
      // own; no credential a client presents is involved.
      "claimed === hash",
    ]);
    const found: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node)) {
          const op = node.operatorToken.kind;
          const equality = [
            ts.SyntaxKind.EqualsEqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsEqualsToken,
            ts.SyntaxKind.EqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsToken,
          ].includes(op);
          const sides = [node.left, node.right];
          if (
            equality &&
            !sides.some(harmless) &&
            sides.some((s) => secretName.test(s.getText())) &&
            !reviewed.has(node.getText())
          )
            found.push(
              `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText()}`,
            );
        }
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
          const method = node.expression.name.text;
          if (
            (method === "equals" || method === "compare" || method === "localeCompare") &&
            secretName.test(node.getText())
          )
            found.push(
              `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText()}`,
            );
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual(found, []);
  });
});

describe("throttling refused credentials (RFC 6585 §4)", () => {
  let server: ReferenceUnderTest;
  before(async () => {
    server = await startReferenceUnderTest();
  });
  after(() => server?.close());

  const get = (path: string, authorization?: string, url = server.url) =>
    fetch(`${url}${path}`, { headers: authorization === undefined ? {} : { Authorization: authorization } });

  it("answers 429 with Retry-After after 10 refusals, keeps verified credentials working, and throttles the admin API too", async () => {
    // Verified before the attack: keeps working from the throttled address.
    assert.equal((await get("/Users?count=1", demoAuth.directory)).status, 200);
    // Requests without credentials guess nothing and cost nothing.
    for (let i = 0; i < 15; i++) assert.equal((await get("/Users")).status, 401);
    for (let i = 0; i < 10; i++)
      assert.equal((await get("/Users", basic("directory-admin", `guess-${i}`))).status, 401, `guess ${i}`);
    const throttled = await get("/Users", basic("directory-admin", "guess-10"));
    assert.equal(throttled.status, 429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After ${retryAfter}`);
    const body = await throttled.text();
    assert.deepEqual(
      scimErrorProblems({ status: 429, headers: Object.fromEntries(throttled.headers), body }, "GET"),
      [],
    );
    assert.equal((await get("/Users", `Bearer ${"z".repeat(30)}`)).status, 429);
    assert.equal((await get("/Users?count=1", demoAuth.directory)).status, 200);
    // A credential never verified from here waits like a guess would: nothing is hashed for the address.
    assert.equal((await get("/Users?count=1", demoAuth.hr)).status, 429);
    const admin = await get(
      "/idpConnections",
      "Bearer wrong-admin-token",
      server.adminUrl.replace(/\/idpConnections$/, ""),
    );
    assert.equal(admin.status, 429);
    assert.ok(Number(admin.headers.get("retry-after")) >= 1);
    assert.equal(typeof ((await admin.json()) as { resultId?: unknown }).resultId, "string");
  });
});
