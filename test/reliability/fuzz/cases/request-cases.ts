// Fuzz families "query", "headers" and "raw": hostile query strings (odd names and values, broken
// percent-encoding), hostile headers (If-Match garbage, content codings, Expect, huge and numerous
// headers), and raw request lines (unknown and miscased methods, bytes over 0x7F, path tricks, absolute
// and asterisk forms).
import fc from "fast-check";
import {
  anyTarget,
  authArb,
  contentTypeArb,
  type FuzzCase,
  userTarget,
  withContentType,
} from "../fuzz-case.js";
import { percentEncode } from "../mutate-bytes.js";
import { hostileStrings } from "../mutate-json.js";
import { urn } from "../seeds.js";

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

export const queryCaseArb: fc.Arbitrary<FuzzCase> = fc
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

export const headersCaseArb: fc.Arbitrary<FuzzCase> = fc
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

export const rawCaseArb: fc.Arbitrary<FuzzCase> = fc
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
