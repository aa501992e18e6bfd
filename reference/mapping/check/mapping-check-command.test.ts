// `scim-conformance mapping check` (reference/mapping-check-command.ts): it finds deliberately lossy
// mappings, says which attribute, how and with what counter-example and seed, and passes the demo.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Command } from "commander";
import { registerMappingCheckCommand, runMappingCheck } from "../../mapping-check-command.js";

const fixtures = new URL("../../../fixtures/connections/", import.meta.url).pathname;
const file = (name: string) => join(fixtures, name);

describe("mapping check", () => {
  it("finds title lost by a mapping that never stores it, with a shrunk counter-example and the seed", async () => {
    const outcome = await runMappingCheck(file("lossy/drops-title.yaml"), { runs: 50, seed: 42 });
    assert.equal(outcome.exitCode, 1);
    assert.match(outcome.output, /lost\s+title\s+\(in \d+ of 50 resources\)/);
    assert.match(outcome.output, /sent: +\{.*"title"/);
    assert.match(outcome.output, /stored: +\{/);
    assert.match(outcome.output, /returned: +\{/);
    assert.match(outcome.output, /--seed 42 --runs 50/);
  });

  it("finds displayName changed by a mapping that lower-cases it", async () => {
    const outcome = await runMappingCheck(file("lossy/lowercases-displayname.yaml"), { runs: 50, seed: 42 });
    assert.equal(outcome.exitCode, 1);
    assert.match(outcome.output, /recased\s+displayName/);
  });

  it("shrinks the counter-example to the attribute that shows the loss", async () => {
    const outcome = await runMappingCheck(file("lossy/drops-title.yaml"), { runs: 50, seed: 1 });
    const sent = /sent: +(\{.*\})/.exec(outcome.output)?.[1];
    assert.ok(sent);
    assert.deepEqual(Object.keys(JSON.parse(sent)).sort(), ["schemas", "title", "userName"]);
  });

  it("passes all three demo connections", async () => {
    const outcome = await runMappingCheck(file("demo.yaml"), { runs: 40 });
    assert.equal(outcome.exitCode, 0, outcome.output);
    assert.equal(outcome.output.match(/nothing lost, altered or invented/g)?.length, 4);
  });

  it("fails the partial demo connections only with --strict-coverage", async () => {
    assert.equal(
      (
        await runMappingCheck(file("demo.yaml"), {
          connection: "demo-directory",
          runs: 20,
          strictCoverage: true,
        })
      ).exitCode,
      0,
    );
    const hr = await runMappingCheck(file("demo.yaml"), {
      connection: "hr-system",
      runs: 20,
      strictCoverage: true,
    });
    assert.equal(hr.exitCode, 1);
    assert.match(hr.output, /outside the attribute contract, lossy \(--strict-coverage\): .*nickName/);
  });

  it("reports an invalid mapping configuration with its issues", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mapping-check-"));
    const path = join(dir, "bad.yaml");
    writeFileSync(
      path,
      "idpConnections:\n  - id: bad\n    inboundProvisioning:\n      groupSupport: false\n      users:\n        writeUsers: { attributeFulfillment: { uid: { source: { type: ADAPTER }, value: x } } }\n        readUsers: { attributeFulfillment: {} }\n",
    );
    const outcome = await runMappingCheck(path, { runs: 5 });
    assert.equal(outcome.exitCode, 1);
    assert.match(outcome.output, /Connection bad: the mapping configuration is invalid/);
    assert.match(outcome.output, /attributeFulfillment\.uid\.source\.type: Source type ADAPTER/);
  });

  it("answers 2 for an unknown connection or an unreadable file", async () => {
    const unknown = await runMappingCheck(file("demo.yaml"), { connection: "nope", runs: 5 });
    assert.equal(unknown.exitCode, 2);
    assert.match(unknown.output, /demo-directory, hr-system, fold-split/);
    assert.equal((await runMappingCheck(file("does-not-exist.yaml"), { runs: 5 })).exitCode, 2);
  });

  it("registers as `mapping check` on a commander program and sets the exit code", async () => {
    const program = new Command("scim-conformance").exitOverride();
    registerMappingCheckCommand(program);
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const before = process.exitCode;
    try {
      await program.parseAsync(
        ["mapping", "check", file("lossy/drops-title.yaml"), "--runs", "10", "--seed", "3"],
        { from: "user" },
      );
      assert.equal(process.exitCode, 1);
    } finally {
      process.stdout.write = write;
      process.exitCode = before;
    }
    assert.match(written.join(""), /lost\s+title/);
  });
});
