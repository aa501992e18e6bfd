// The fuzzer's request generator: one fast-check arbitrary per family, each a request template whose
// "@user:N"-style placeholders the runner fills with ids that exist at that moment (fuzz-runner.ts).
// Families: mutated bodies of every SCIM message type, grammar-mutated filters and PATCH paths, hostile
// query strings, hostile headers, raw request lines (methods, invalid UTF-8 targets, path tricks) and
// extremes (deep nesting, huge strings, bodies past the limit).
import fc from "fast-check";
import { printFilter } from "../../../reference/protocol/filter/print-filter.js";
import { printPatchPath } from "../../../reference/protocol/path/print-patch-path.js";
import type { JsonObject, JsonValue } from "../../../reference/protocol/resource/json.js";
import { filterArb, patchPathArb } from "../../../reference/protocol/testing/filter-arbitraries.js";
import { applyByteMutation, byteMutationArb, percentEncode } from "./mutate-bytes.js";
import {
  applyJsonMutations,
  hostileStrings,
  hostileValueArb,
  jsonMutationArb,
  serialise,
} from "./mutate-json.js";
import { abusiveFilterArb, mutatedText } from "./mutate-text.js";
import {
  bulkSeeds,
  filterSeeds,
  groupPatchSeeds,
  groupSeeds,
  patchPathSeeds,
  patchValueSeeds,
  searchSeeds,
  urn,
  userPatchSeeds,
  userSeeds,
} from "./seeds.js";

export const families = ["body", "filter", "patchPath", "query", "headers", "raw", "extreme"] as const;
export type Family = (typeof families)[number];

/** Which credential the case sends: a demo connection's, none, or a broken/forged header. */
export type AuthChoice = "directory" | "directoryBasic" | "hr" | "none" | { readonly raw: string };

export interface FuzzCase {
  readonly family: Family;
  readonly method: string;
  /** Relative to the SCIM base path unless it starts with "!" (then sent as the whole request target). */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly auth: AuthChoice;
  readonly body?: Buffer;
  readonly contentLength?: boolean;
}

const userTarget = fc.oneof(
  { weight: 8, arbitrary: fc.nat(40).map((n) => `/Users/@user:${n}`) },
  { weight: 1, arbitrary: fc.nat(5).map((n) => `/Users/@hr:${n}`) },
  { weight: 1, arbitrary: fc.constantFrom("/Users/does-not-exist", "/Users/.search", "/Users/%00", "/Me") },
);
const groupTarget = fc.oneof(
  { weight: 8, arbitrary: fc.nat(40).map((n) => `/Groups/@group:${n}`) },
  { weight: 1, arbitrary: fc.constantFrom("/Groups/@user:0", "/Groups/missing", "/Groups/@hr:0") },
);
const anyTarget = fc.oneof(
  userTarget,
  groupTarget,
  fc.constantFrom(
    "/Users",
    "/Groups",
    "/",
    "/Bulk",
    "/.search",
    "/Users/.search",
    "/Me",
    "/Schemas",
    "/ResourceTypes/User",
    "/ServiceProviderConfig",
    "/Unknown",
    "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
  ),
);

export const authArb: fc.Arbitrary<AuthChoice> = fc.oneof(
  { weight: 80, arbitrary: fc.constant("directory" as const) },
  { weight: 5, arbitrary: fc.constant("directoryBasic" as const) },
  { weight: 7, arbitrary: fc.constant("hr" as const) },
  { weight: 3, arbitrary: fc.constant("none" as const) },
  {
    weight: 5,
    arbitrary: fc
      .constantFrom(
        "Bearer wrong-token",
        "Bearer",
        "Bearer  a b c",
        "bearer \u00ff\u00fe",
        "Basic !!!",
        `Basic ${Buffer.from("no-colon").toString("base64")}`,
        `Basic ${Buffer.from("hr-scim:").toString("base64")}`,
        `Basic ${Buffer.from(":").toString("base64")}`,
        "Digest username=x",
        `Bearer ${"t".repeat(8000)}`,
        "Negotiate",
        "Basic",
      )
      .map((raw) => ({ raw })),
  },
);

const contentTypeArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/scim+json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json",
      "application/scim+json; charset=utf-8",
      'application/json; charset="UTF-8"',
      "",
      "APPLICATION/SCIM+JSON",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "text/plain",
      "application/scim+json; charset=latin1",
      "application/json; charset=utf-16",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "a/b/c",
      "application/scim+json;;;",
      "application/xml",
      "\u00ff/\u00fe",
      "application/scim+json; charset=",
    ),
  },
);

function withContentType(type: string): (readonly [string, string])[] {
  return type === "" ? [] : [["Content-Type", type]];
}

/** Serialises, then maybe damages the bytes (a quarter of the cases). */
function bodyBytes(value: JsonValue, damage: readonly Parameters<typeof applyByteMutation>[1][]): Buffer {
  return damage.reduce(applyByteMutation, Buffer.from(serialise(value), "utf8"));
}

const damageArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(byteMutationArb, { minLength: 1, maxLength: 2 }) },
);

const bodyKindArb = fc.constantFrom("user", "group", "userPatch", "groupPatch", "bulk", "search");

const bodyCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    kind: bodyKindArb,
    seedIndex: fc.nat(),
    // A quarter unmutated: accepted writes keep the database changing, so refusals are judged on live data.
    mutations: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: fc.array(jsonMutationArb, { minLength: 1, maxLength: 4 }) },
    ),
    damage: damageArb,
    put: fc.boolean(),
    user: userTarget,
    group: groupTarget,
    mixUp: fc.option(anyTarget, { freq: 8, nil: undefined }),
    contentType: contentTypeArb,
    ifMatch: fc.option(fc.constantFrom('W/"1"', "*", '"garbage"', 'W/"999"'), { freq: 6, nil: undefined }),
    auth: authArb,
  })
  .map((r) => {
    const pick = <T>(list: readonly T[]) => list[r.seedIndex % list.length] as T;
    const [seed, method, target] = ((): [JsonObject, string, string] => {
      switch (r.kind) {
        case "user":
          return [pick(userSeeds), r.put ? "PUT" : "POST", r.put ? r.user : "/Users"];
        case "group":
          return [pick(groupSeeds), r.put ? "PUT" : "POST", r.put ? r.group : "/Groups"];
        case "userPatch":
          return [pick(userPatchSeeds), "PATCH", r.user];
        case "groupPatch":
          return [pick(groupPatchSeeds), "PATCH", r.group];
        case "bulk":
          return [pick(bulkSeeds), "POST", "/Bulk"];
        default:
          return [pick(searchSeeds), "POST", r.put ? "/.search" : "/Users/.search"];
      }
    })();
    return {
      family: "body" as const,
      method,
      target: r.mixUp ?? target,
      headers: [
        ...withContentType(r.contentType),
        ...(r.ifMatch === undefined ? [] : [["If-Match", r.ifMatch] as const]),
      ],
      auth: r.auth,
      body: bodyBytes(applyJsonMutations(seed, r.mutations), r.damage),
    };
  });

const filterTextArb = fc.oneof(
  { weight: 6, arbitrary: mutatedText(fc.constantFrom(...filterSeeds)) },
  { weight: 3, arbitrary: mutatedText(filterArb.map(printFilter)) },
  { weight: 1, arbitrary: abusiveFilterArb },
);

const filterCaseArb: fc.Arbitrary<FuzzCase> = fc
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

const patchPathCaseArb: fc.Arbitrary<FuzzCase> = fc
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

const queryNameArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      "filter",
      "attributes",
      "excludedAttributes",
      "count",
      "startIndex",
      "sortBy",
      "sortOrder",
      "cursor",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom("Filter", "COUNT", "startindex", "", "a[]", "__proto__", "constructor"),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const queryValueArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "1",
      "0",
      "-1",
      "2147483648",
      "1e400",
      "-1e400",
      "NaN",
      "Infinity",
      "0x10",
      "1.5",
      "",
      " ",
      "userName",
      "emails.value",
      "ascending",
      "descending",
      "DESCENDING",
      "name.givenName,emails",
      "meta",
      "urn:ietf:params:scim:schemas:core:2.0:User:userName",
      "groups",
      "members.value",
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(2_000, 20_000).map((n) => "a,".repeat(n)) },
);
const rawEncodings = ["%", "%zz", "%FF", "%C0%80", "%ED%A0%80", "%00", "%E0%A4%A", "+", "%2B", "%26"];

const queryCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    method: fc.constantFrom("GET", "GET", "GET", "HEAD", "DELETE"),
    target: anyTarget,
    params: fc.array(fc.tuple(queryNameArb, queryValueArb, fc.nat(rawEncodings.length * 4)), {
      minLength: 1,
      maxLength: 5,
    }),
    auth: authArb,
  })
  .map((r) => {
    const query = r.params
      .map(([name, value, raw]) => `${percentEncode(name)}=${percentEncode(value)}${rawEncodings[raw] ?? ""}`)
      .join("&");
    return {
      family: "query" as const,
      method: r.method,
      target: `${r.target}?${query}`,
      headers: [],
      auth: r.auth,
    };
  });

const headerArb: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom<readonly [string, string]>(
      ["If-Match", "*"],
      ["If-Match", 'W/"1", W/"2"'],
      ["If-Match", 'W/""'],
      ["If-Match", '"unterminated'],
      ["If-Match", "W/"],
      ["If-None-Match", "*"],
      ["If-None-Match", 'W/"1"'],
      ["If-Match", "\u00ff\u00fe"],
      ["Accept", "application/xml"],
      ["Accept", "*/*;q=0"],
      ["Accept-Charset", "latin1"],
      ["Prefer", "return=minimal"],
      ["Prefer", "return=minimal; handling=strict, respond-async"],
      ["X-Request-Id", "a b c"],
      ["X-Request-Id", "x".repeat(200)],
      ["X-HTTP-Method-Override", "DELETE"],
      ["X-Forwarded-Proto", "https"],
      ["X-Forwarded-For", "1.2.3.4"],
      ["Content-Length", "abc"],
      ["Content-Length", "-1"],
      ["Transfer-Encoding", "gzip"],
      ["Content-Encoding", "gzip"],
      ["Content-Encoding", "br"],
      ["Expect", "100-continue"],
      ["Expect", "200-ok"],
      ["Host", ""],
      ["Connection", "keep-alive, Upgrade"],
      ["Upgrade", "websocket"],
      ["Range", "bytes=0-1"],
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom("If-Match", "If-None-Match", "Content-Type", "Prefer", "Authorization"),
        fc.string({ unit: "binary-ascii", maxLength: 40 }),
      )
      .map(([name, value]) => [name, value.replace(/[\r\n]/g, "")] as const),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(9_000, 20_000, 70_000).map((n) => ["X-Huge", "h".repeat(n)] as const),
  },
);

const headersCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    method: fc.constantFrom("GET", "PUT", "PATCH", "DELETE", "POST", "HEAD"),
    user: userTarget,
    headers: fc.array(headerArb, { minLength: 1, maxLength: 4 }),
    many: fc.option(fc.integer({ min: 50, max: 3000 }), { freq: 10, nil: undefined }),
    contentType: contentTypeArb,
    auth: authArb,
  })
  .map((r) => {
    const body =
      r.method === "PUT"
        ? { schemas: [urn.user], userName: "fuzz-put-@n" }
        : r.method === "PATCH"
          ? { schemas: [urn.patch], Operations: [{ op: "replace", path: "title", value: "h" }] }
          : r.method === "POST"
            ? { schemas: [urn.user], userName: "fuzz-post-@n" }
            : undefined;
    const many = Array.from({ length: r.many ?? 0 }, (_, i) => [`X-Many-${i}`, "v"] as const);
    return {
      family: "headers" as const,
      method: r.method,
      target: r.method === "POST" ? "/Users" : r.user,
      headers: [...withContentType(r.contentType), ...r.headers, ...many],
      auth: r.auth,
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
    };
  });

const rawCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    method: fc.constantFrom(
      "GET",
      "POST",
      "PUT",
      "PATCH",
      "DELETE",
      "HEAD",
      "OPTIONS",
      "TRACE",
      "PROPFIND",
      "FOO",
      "get",
      "Delete",
      "SEARCH",
      "MKCOL",
      "LINK",
      "PURGE",
    ),
    target: fc.constantFrom(
      "/Users/\u00ff\u00fe",
      "/Users/\u00c3\u0028",
      "/%",
      "/Users/%E0%A4%A",
      "/Users/%FF",
      "//Users",
      "/./Users",
      "/Users/../Groups",
      "!/scim/v2/../admin/v1/idpConnections",
      "!/scim/v2/%2e%2e/%2e%2e/admin/v1/idpConnections",
      "!/admin/v1/../../scim/v2/Users",
      "!*",
      "!http://evil.example/scim/v2/Users",
      "!/SCIM/V2/users",
      "!/scim/v2",
      "!/scim/v20/Users",
      "/Users#fragment",
      "/Users/%00",
      "/Users%2F@user:0",
      "/Users/@user:0/extra/segments",
      "/Users?\u00ff=\u00fe",
      "/Groups/@group:0?attributes=members&excludedAttributes=members",
      `/Users/${"x".repeat(15_000)}`,
      `/Users/${"%41".repeat(3_000)}`,
      "/Users/ spaced",
      "/Users/\ttab",
    ),
    body: fc.option(fc.constantFrom("{}", "[]", "null", "\u00ff", '{"schemas":[]}'), {
      freq: 3,
      nil: undefined,
    }),
    auth: authArb,
  })
  .map((r) => ({
    family: "raw" as const,
    method: r.method,
    target: r.target,
    headers: r.body === undefined ? [] : [["Content-Type", "application/scim+json"] as const],
    auth: r.auth,
    ...(r.body === undefined ? {} : { body: Buffer.from(r.body, "latin1") }),
  }));

const extremeCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    shape: fc.constantFrom(
      "deepBody",
      "deepAttr",
      "deepPatch",
      "deepBulk",
      "hugeName",
      "declaredHuge",
      "manyOps",
      "overLimit",
      "deepSearch",
    ),
    depth: fc.constantFrom(64, 65, 1_000, 100_000),
    size: fc.constantFrom(10_000, 1_000_000, 5_000_000),
    user: userTarget,
    auth: authArb,
  })
  .map((r): FuzzCase => {
    const deep = `${'{"a":'.repeat(r.depth)}1${"}".repeat(r.depth)}`;
    const json = (text: string) => ({
      headers: [["Content-Type", "application/scim+json"] as const],
      body: Buffer.from(text, "utf8"),
    });
    const base = { family: "extreme" as const, auth: r.auth };
    switch (r.shape) {
      case "deepBody":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          ...json(`${"[".repeat(r.depth)}${"]".repeat(r.depth)}`),
        };
      case "deepAttr":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          ...json(`{"schemas":["${urn.user}"],"userName":"fuzz-deep-@n","name":${deep},"x":${deep}}`),
        };
      case "deepPatch":
        return {
          ...base,
          method: "PATCH",
          target: r.user,
          ...json(`{"schemas":["${urn.patch}"],"Operations":[{"op":"add","value":${deep}}]}`),
        };
      case "deepBulk":
        return {
          ...base,
          method: "POST",
          target: "/Bulk",
          ...json(
            `{"schemas":["${urn.bulk}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":${deep}}]}`,
          ),
        };
      case "deepSearch":
        return {
          ...base,
          method: "POST",
          target: "/.search",
          ...json(`{"schemas":["${urn.search}"],"filter":"userName pr","attributes":${deep}}`),
        };
      case "hugeName":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          ...json(JSON.stringify({ schemas: [urn.user], userName: `fuzz-huge-@n-${"n".repeat(r.size)}` })),
        };
      case "declaredHuge":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          headers: [
            ["Content-Type", "application/scim+json"],
            ["Content-Length", "104857600"],
          ],
          body: Buffer.from("{}"),
          contentLength: false,
        };
      case "manyOps":
        return {
          ...base,
          method: "PATCH",
          target: r.user,
          ...json(
            JSON.stringify({
              schemas: [urn.patch],
              Operations: Array.from({ length: Math.min(r.size / 100, 20_000) }, (_, i) => ({
                op: "replace",
                path: "title",
                value: `t${i}`,
              })),
            }),
          ),
        };
      default:
        return {
          ...base,
          method: "POST",
          target: "/Bulk",
          ...json(`{"schemas":["${urn.bulk}"],"Operations":[],"pad":"${"p".repeat(4 * 1024 * 1024 + 10)}"}`),
        };
    }
  });

export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 30, arbitrary: bodyCaseArb },
  { weight: 20, arbitrary: filterCaseArb },
  { weight: 15, arbitrary: patchPathCaseArb },
  { weight: 10, arbitrary: queryCaseArb },
  { weight: 10, arbitrary: headersCaseArb },
  { weight: 10, arbitrary: rawCaseArb },
  { weight: 3, arbitrary: extremeCaseArb },
);
