// The shared compiler with a dialect that numbers its placeholders as PostgreSQL does: what SQLite and
// PostgreSQL share must not depend on `?`, and no filter literal may ever reach the SQL text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../../protocol/filter/filter-builders.js";
import { a, userPlan } from "../contract/contract-fixtures.js";
import type { StoreFilter } from "../datastore.js";
import { sqliteDialect } from "../sqlite/sqlite-dialect.js";
import { compilePlan } from "./index-rows.js";
import type { SqlDialect } from "./sql-dialect.js";
import { compileStoreFilter } from "./sql-filter-compiler.js";
import { render } from "./sql-fragment.js";

const numberedDialect: SqlDialect = { ...sqliteDialect, name: "numbered", placeholder: (n) => `$${n}` };
const context = {
  dialect: numberedDialect,
  scopeId: 7,
  compiled: compilePlan(userPlan),
  connectionScopes: [
    { scopeId: 7, resourceType: "User", hasMembers: false },
    { scopeId: 8, resourceType: "Group", hasMembers: true },
  ],
};

const hostile = "x' OR '1'='1";
const cases: readonly [string, StoreFilter][] = [
  ["indexed compare", compareNode(a.userName, "eq", hostile)],
  ["not indexed compare", compareNode(a.title, "co", hostile)],
  ["multi-valued not indexed", compareNode(a.emailType, "sw", hostile)],
  ["present", presentNode(a.nickName)],
  [
    "and / or / not",
    andNode(
      orNode(compareNode(a.userName, "sw", hostile), compareNode(a.externalId, "eq", hostile)),
      notNode(compareNode(a.title, "ew", hostile)),
    ),
  ],
  [
    "value path",
    valuePathNode(
      a.emails,
      andNode(compareNode(a.emailType, "eq", hostile), compareNode(a.emailValue, "eq", hostile)),
    ),
  ],
  ["members", compareNode(a.memberDisplay, "co", hostile)],
  [
    "groups",
    valuePathNode(
      a.groups,
      andNode(compareNode(a.groupValue, "eq", hostile), compareNode(a.groupType, "eq", "direct")),
    ),
  ],
];

describe("SqlFilterCompiler", () => {
  for (const [name, filter] of cases) {
    it(`compiles ${name} with numbered parameters and no literal in the text`, () => {
      const { text, params } = render(
        compileStoreFilter(filter, context).condition,
        numberedDialect.placeholder,
      );
      assert.ok(!text.includes(hostile.toLowerCase()) && !text.includes(hostile), text);
      assert.ok(!text.includes("?"), text);
      const numbers = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(
        numbers,
        params.map((_, i) => i + 1),
        "placeholders run $1..$n in textual order",
      );
    });
  }

  it("binds the normalised key, not the literal (caseExact=false folds in JS)", () => {
    const { params } = render(
      compileStoreFilter(compareNode(a.userName, "eq", "BJensen"), context).condition,
      (n) => `$${n}`,
    );
    assert.ok(params.includes("bjensen"));
    assert.ok(!params.includes("BJensen"));
  });

  it("turns `sw` into a key range, so an index serves it", () => {
    const { text, params } = render(
      compileStoreFilter(compareNode(a.userName, "sw", "ab"), context).condition,
      (n) => `$${n}`,
    );
    assert.match(text, /k\.key >= \$\d+ AND k\.key < \$\d+/);
    assert.ok(params.includes("ab") && params.includes("ac"));
  });

  it("refuses an invalid filter before emitting SQL", () => {
    assert.throws(() => compileStoreFilter(compareNode(a.active, "gt", true), context), {
      status: 400,
      scimType: "invalidFilter",
    });
  });
});
