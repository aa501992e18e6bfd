// Secrets never leave (issue "Reliability and security": secrets; RFC 7644 §7.5.2, README "Never log
// secrets"): the whole harness (its engine and reporters, as `scim-conformance test` runs them) runs
// against an in-process reference server whose demo connections have known Basic passwords, a known bearer
// token and a known admin token. Then the server's log, every response the server sent (headers and
// bodies, recorded under the harness), the admin API's connection views and every report file are scanned
// for each secret and for each base64 Basic form an Authorization header would carry: none may appear.
// Reduced scale runs the areas that handle credentials, errors and writes; SCIM_STRESS=1 runs every check of
// every profile, once with the bearer token and once with Basic.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Credentials } from "../../harness/client/client-config.js";
import type {
  HttpTransport,
  TransportLimits,
  WireRequest,
  WireResponse,
} from "../../harness/client/http-transport.js";
import { NodeHttpTransport } from "../../harness/client/node-http-transport.js";
import { defaultCheckSources } from "../../harness/engine/check-sources.js";
import { runConformance } from "../../harness/engine/run-conformance.js";
import { writeReports } from "../../harness/reporters/write-reports.js";
import {
  demoAuth,
  demoSecrets,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "../reliability/support/reference-under-test.js";
import { recordFigures, scaled, stress, suiteSeed } from "../reliability/support/scale.js";

/** Records every response exactly as the server sent it, before the harness redacts anything. */
class RecordingTransport implements HttpTransport {
  readonly #inner = new NodeHttpTransport({ maxSockets: 8 });
  readonly responses: { readonly url: string; readonly headers: string; readonly body: Buffer }[] = [];

  async send(request: WireRequest, limits: TransportLimits): Promise<WireResponse> {
    const response = await this.#inner.send(request, limits);
    this.responses.push({
      url: `${request.method} ${request.url.pathname}`,
      headers: JSON.stringify(response.headers),
      body: Buffer.from(response.body),
    });
    return response;
  }

  close(): void {
    this.#inner.close();
  }
}

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** Each secret and the forms it travels in: itself, and Basic user:password in base64. */
const forbidden: readonly [string, string][] = [
  ["the bearer token", demoSecrets.bearer],
  ["the Basic password", demoSecrets.basicPassword],
  ["the HR system's password", demoSecrets.hrPassword],
  ["the fold-split password", demoSecrets.foldSplitPassword],
  ["the admin token", demoSecrets.admin],
  ["the Basic header", b64(`${demoSecrets.basicUser}:${demoSecrets.basicPassword}`)],
  ["the HR Basic header", b64(`hr-scim:${demoSecrets.hrPassword}`)],
  ["the fold-split Basic header", b64(`fold-split:${demoSecrets.foldSplitPassword}`)],
  ["the bearer token in base64", b64(demoSecrets.bearer)],
];

function scan(where: string, text: string): string[] {
  return forbidden.filter(([, secret]) => text.includes(secret)).map(([name]) => `${name} in ${where}`);
}

describe("secrets in logs, responses and reports", () => {
  let server: ReferenceUnderTest;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "scim-secrets-"));
    server = await startReferenceUnderTest({ logLevel: "debug" });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runs: [string, Credentials][] = [
    ["the bearer token", { kind: "bearer", token: demoSecrets.bearer }],
    ...(stress
      ? [
          [
            "HTTP Basic",
            { kind: "basic", user: demoSecrets.basicUser, password: demoSecrets.basicPassword },
          ] as [string, Credentials],
        ]
      : []),
  ];
  for (const [name, credentials] of runs) {
    it(`finds no configured secret after a harness run with ${name}`, async (t) => {
      const transport = new RecordingTransport();
      const seed = suiteSeed();
      const started = Date.now();
      const { report } = await runConformance({
        baseUrl: server.url,
        credentials,
        checks: defaultCheckSources(),
        profiles: ["rfc", "entra", "okta"],
        // The areas that send credentials, refuse them, echo errors and write; every area at full scale.
        only: stress ? [] : ["auth", "security", "errors", "create", "patch", "bulk", "me", "interop.okta"],
        seed: seed % 2 ** 31,
        concurrency: scaled(4, 4),
        transport,
      });
      transport.close();
      const written = writeReports(report, {
        outDir: join(dir, `out-${credentials.kind}`),
        reportsRoot: dir,
      });
      t.diagnostic(
        `secrets: ${report.results.length} checks, ${transport.responses.length} responses, ${written.files.length} report files, seed ${report.run.seed}`,
      );
      assert.ok(transport.responses.length > 50, "the harness hardly ran");

      // The admin API's views of every connection hold no secret either (write-only secrets, README).
      const views = await fetch(server.adminUrl, { headers: { Authorization: demoAuth.admin } });
      const viewsText = await views.text();
      assert.equal(views.status, 200);

      const found = [
        ...scan("the server log", server.logs.text),
        ...transport.responses.flatMap((r) =>
          scan(`the response to ${r.url}`, `${r.headers}\n${r.body.toString("utf8")}`),
        ),
        ...scan("the admin API's connection views", viewsText),
        ...readdirSync(written.dir).flatMap((f) =>
          scan(`report ${f}`, readFileSync(join(written.dir, f), "utf8")),
        ),
      ];
      assert.deepEqual(found, []);
      // The scan can see a secret: the log does carry the credential's name (not its value).
      assert.match(server.logs.text, /"credential":/);
      recordFigures(`secrets-${credentials.kind}`, {
        checks: report.results.length,
        responses: transport.responses.length,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      });
    });
  }
});
