// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the ${env:…} syntax under test is plain text
// ${env:NAME} and ${env:NAME:-default} in connections files (fixtures/connections/demo.yaml): filled from
// the environment; a whole value naming an unset variable is left out with its key, and objects emptied
// that way go too, so an unset SCIM_BEARER_TOKEN removes that token instead of configuring an empty one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillEnvironment } from "./env-substitution.js";

describe("fillEnvironment", () => {
  const env = { USER: "idp", PASS: "s3cret", EMPTY: "" };
  const cases: [string, { given: unknown; want: unknown }][] = [
    ["fills a whole value", { given: { u: "${env:USER}" }, want: { u: "idp" } }],
    [
      "fills references inside a longer value",
      { given: { u: "svc-${env:USER}-1" }, want: { u: "svc-idp-1" } },
    ],
    [
      "uses the default of an unset variable",
      { given: { p: "${env:NOPE:-fallback}" }, want: { p: "fallback" } },
    ],
    ["treats an empty variable as unset", { given: { p: "${env:EMPTY:-d}" }, want: { p: "d" } }],
    ["leaves out a value whose variable is unset", { given: { a: 1, p: "${env:NOPE}" }, want: { a: 1 } }],
    [
      "leaves out an object emptied by unset variables",
      { given: { basic: { username: "${env:NOPE}", password: "${env:NOPE2}" }, x: 1 }, want: { x: 1 } },
    ],
    [
      "keeps an object that still has members, for validation to complain about",
      {
        given: { basic: { username: "${env:NOPE}", password: "${env:PASS}" } },
        want: { basic: { password: "s3cret" } },
      },
    ],
    [
      "drops list items emptied that way",
      {
        given: { t: [{ token: "${env:NOPE}" }, { token: "${env:PASS}" }] },
        want: { t: [{ token: "s3cret" }] },
      },
    ],
    ["leaves other ${…} alone", { given: { f: "uid=${userName}" }, want: { f: "uid=${userName}" } }],
    ["keeps non-strings", { given: { a: true, b: 2, c: null }, want: { a: true, b: 2, c: null } }],
  ];
  for (const [name, { given, want }] of cases) {
    it(name, () => {
      const filled = fillEnvironment(given, env);
      assert.deepEqual(filled.issues, []);
      assert.deepEqual(filled.value, want);
    });
  }

  it("reports an unset variable inside a longer value, naming the field", () => {
    const filled = fillEnvironment({ c: { u: "svc-${env:NOPE}" } }, env, "idpConnections[0]");
    assert.deepEqual(
      filled.issues.map((i) => [i.fieldPath, i.errorId]),
      [["idpConnections[0].c.u", "unset_variable"]],
    );
  });
});
