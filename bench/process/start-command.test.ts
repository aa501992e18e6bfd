// parseStartScript: the bench starts the reference server as package.json's start script does.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repositoryRoot } from "../../scripts/build-server.js";
import { describeStartCommand, parseStartScript } from "./start-command.js";

const at = (path: string) => join(repositoryRoot, path);

const cases: readonly [string, { given: string; want: object }][] = [
  [
    "the TypeScript entry under tsx",
    {
      given: "node --import tsx reference/main.ts",
      want: { nodeArgs: ["--import", "tsx"], script: at("reference/main.ts"), env: {} },
    },
  ],
  [
    "the compiled entry with a V8 flag",
    {
      given: "node --max-semi-space-size=4 dist/reference/main.js",
      want: { nodeArgs: ["--max-semi-space-size=4"], script: at("dist/reference/main.js"), env: {} },
    },
  ],
  [
    "an environment set before node",
    {
      given: "MALLOC_ARENA_MAX=2 node dist/reference/main.js",
      want: { nodeArgs: [], script: at("dist/reference/main.js"), env: { MALLOC_ARENA_MAX: "2" } },
    },
  ],
];

describe("parseStartScript", () => {
  for (const [name, { given, want }] of cases) {
    it(`reads ${name}`, () => assert.deepEqual(parseStartScript(given), want));
  }

  for (const given of ["tsx reference/main.ts", "node --import tsx", "node main.js --port 1"]) {
    it(`refuses "${given}" rather than start something else`, () => {
      assert.throws(() => parseStartScript(given), /start script/);
    });
  }

  it("describes a command as it was written, relative to the repository", () => {
    const line = "MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 dist/reference/main.js";
    assert.equal(describeStartCommand(parseStartScript(line)), line);
  });

  it("reads the repository's own start script", () => {
    const pkg = JSON.parse(readFileSync(at("package.json"), "utf8")) as { scripts: { start: string } };
    assert.match(parseStartScript(pkg.scripts.start).script, /main\.(ts|js)$/);
  });
});
