// Fuzz families "filter" and "patchPath": filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2) from
// realistic seeds and from the grammar's own arbitraries, mutated token by token (mutate-text.ts), sent as a
// query parameter, in a SearchRequest, raw in the request line and inside PATCH operations.
import fc from "fast-check";
import { printFilter } from "../../../../reference/protocol/filter/print-filter.js";
import { printPatchPath } from "../../../../reference/protocol/path/print-patch-path.js";
import { filterArb, patchPathArb } from "../../../../reference/protocol/testing/filter-arbitraries.js";
import { authArb, type FuzzCase, groupTarget, userTarget } from "../fuzz-case.js";
import { percentEncode } from "../mutate-bytes.js";
import { hostileValueArb, serialise } from "../mutate-json.js";
import { abusiveFilterArb, mutatedText } from "../mutate-text.js";
import { filterSeeds, patchPathSeeds, patchValueSeeds, urn } from "../seeds.js";

const filterTextArb = fc.oneof(
  { weight: 6, arbitrary: mutatedText(fc.constantFrom(...filterSeeds)) },
  { weight: 3, arbitrary: mutatedText(filterArb.map(printFilter)) },
  { weight: 1, arbitrary: abusiveFilterArb },
);

export const filterCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    filter: filterTextArb,
    how: fc.constantFrom("query", "query", "query", "search", "patch", "rawQuery"),
    collection: fc.constantFrom("/Users", "/Groups", "", "/Users", "/Users"),
    extra: fc.constantFrom(
      "",
      "&sortBy=userName",
      "&count=2&startIndex=2",
      "&attributes=userName,emails",
      "&cursor=",
      "&sortBy=emails.value&sortOrder=descending",
    ),
    user: userTarget,
    auth: authArb,
  })
  .map((r): FuzzCase => {
    switch (r.how) {
      case "search":
        return {
          family: "filter",
          method: "POST",
          target: `${r.collection}/.search`,
          headers: [["Content-Type", "application/scim+json"]],
          auth: r.auth,
          body: Buffer.from(JSON.stringify({ schemas: [urn.search], filter: r.filter }), "utf8"),
        };
      case "patch":
        return {
          family: "filter",
          method: "PATCH",
          target: r.user,
          headers: [["Content-Type", "application/scim+json"]],
          auth: r.auth,
          body: Buffer.from(
            JSON.stringify({
              schemas: [urn.patch],
              Operations: [{ op: "remove", path: `emails[${r.filter}]` }],
            }),
            "utf8",
          ),
        };
      case "rawQuery":
        // Unencoded: spaces and bytes over 0x7F reach the request line as they are.
        return {
          family: "filter",
          method: "GET",
          target: `${r.collection || "/"}?filter=${Buffer.from(r.filter, "utf8").toString("latin1")}`,
          headers: [],
          auth: r.auth,
        };
      default:
        return {
          family: "filter",
          method: "GET",
          target: `${r.collection || "/"}?filter=${percentEncode(r.filter)}${r.extra}`,
          headers: [],
          auth: r.auth,
        };
    }
  });

const patchPathTextArb = fc.oneof(
  { weight: 6, arbitrary: mutatedText(fc.constantFrom(...patchPathSeeds)) },
  { weight: 3, arbitrary: mutatedText(patchPathArb.map(printPatchPath)) },
  { weight: 1, arbitrary: abusiveFilterArb.map((f) => `emails[${f}].value`) },
);

const patchOpArb = fc.record({
  op: fc.constantFrom("add", "replace", "remove", "Add", "REPLACE", "Remove", "move", "", "copy"),
  path: fc.option(patchPathTextArb, { freq: 8, nil: undefined }),
  value: fc.option(fc.oneof(fc.constantFrom(...patchValueSeeds), hostileValueArb), {
    freq: 4,
    nil: undefined,
  }),
});

export const patchPathCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    ops: fc.array(patchOpArb, { minLength: 1, maxLength: 3 }),
    group: fc.boolean(),
    user: userTarget,
    groupTarget,
    auth: authArb,
    prefer: fc.option(fc.constantFrom("return=minimal", "return=representation"), {
      freq: 4,
      nil: undefined,
    }),
  })
  .map((r) => {
    const operations = r.ops.map((o) => ({
      op: o.op,
      ...(o.path === undefined ? {} : { path: o.path }),
      ...(o.value === undefined ? {} : { value: o.value }),
    }));
    return {
      family: "patchPath" as const,
      method: "PATCH",
      target: r.group ? r.groupTarget : r.user,
      headers: [
        ["Content-Type", "application/scim+json"] as const,
        ...(r.prefer === undefined ? [] : [["Prefer", r.prefer] as const]),
      ],
      auth: r.auth,
      body: Buffer.from(serialise({ schemas: [urn.patch], Operations: operations }), "utf8"),
    };
  });
