// Data types on the wire (RFC 7643 §2.3): booleans as JSON true/false, integers without fraction or
// exponent, xsd:dateTime with date and time, base64 binaries, URI references, and multi-valued
// attributes always as arrays (§2.4). Judged against the target's own attribute definitions.
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { get, makeGroup } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { walk } from "../support/typed-values.js";
import { typedUser } from "./typed-user.js";

const dateTime = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const base64 = /^(?:[A-Za-z0-9+/]|[A-Za-z0-9_-])*={0,2}$/;
const absoluteUri = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const relativeRef = /^[^\s:]*(\/[^\s]*)?$/;

export const booleanAndInteger = scimCheck({
  id: "schema.encoding.boolean-and-integer",
  title: "Booleans are JSON booleans and integers JSON integers",
  area: "schema",
  requirements: ["rfc7643.schema.boolean-and-number-encoding"],
  expectation:
    'in a User with every declared attribute set, boolean attributes are true/false (never "True") and integer attributes are JSON numbers without fraction or exponent',
  async run(ctx) {
    const { user, read } = await typedUser(ctx);
    const e = ctx.expect();
    for (const [where, body] of [
      ["the POST answer", user.resource],
      ["GET", read],
    ] as const) {
      for (const { path, def, value } of walk(ctx, "User", body).values) {
        if (def.type === "boolean")
          e.that(typeof value === "boolean", `${where}: ${path} is ${show(value)}, not a JSON boolean`);
        if (def.type === "integer")
          e.that(Number.isInteger(value), `${where}: ${path} is ${show(value)}, not a JSON integer`);
      }
    }
    return e.done();
  },
});

export const dateTimeFormat = scimCheck({
  id: "schema.encoding.date-time",
  title: "dateTime values are xsd:dateTime with date and time",
  area: "schema",
  requirements: ["rfc7643.schema.datetime-format"],
  expectation:
    "meta.created, meta.lastModified and every dateTime attribute of a User are xsd:dateTime strings with a date and a time",
  async run(ctx) {
    const { read } = await typedUser(ctx);
    const e = ctx.expect();
    for (const { path, def, value } of walk(ctx, "User", read).values) {
      if (def.type !== "dateTime") continue;
      e.that(
        typeof value === "string" && dateTime.test(value) && !Number.isNaN(Date.parse(value)),
        `${path} is ${show(value)}`,
      );
    }
    return e.done();
  },
});

export const binaryBase64 = scimCheck({
  id: "schema.encoding.binary-base64",
  title: "binary values are base64",
  area: "schema",
  requirements: ["rfc7643.schema.binary-base64"],
  expectation:
    "every binary attribute value of a User (e.g. x509Certificates.value) is a base64 (or base64url) string",
  async run(ctx) {
    const { read } = await typedUser(ctx);
    const binaries = walk(ctx, "User", read).values.filter((f) => f.def.type === "binary");
    if (binaries.length === 0)
      return { kind: "skip", reason: "the User has no binary value (the target declares or stores none)" };
    const e = ctx.expect();
    for (const { path, value } of binaries)
      e.that(typeof value === "string" && base64.test(value), `${path} is ${show(value)}`);
    return e.done();
  },
});

export const referenceUris = scimCheck({
  id: "schema.encoding.reference-uri",
  title: "reference values are URIs",
  area: "schema",
  requirements: ["rfc7643.schema.reference-uri"],
  expectation:
    "meta.location, $ref values and every reference attribute of a User and a Group (with a member) are absolute URIs or relative references without spaces",
  async run(ctx) {
    const { user, read } = await typedUser(ctx);
    const e = ctx.expect();
    const found = [...walk(ctx, "User", read).values];
    if (ctx.discovery.resourceType("Group") !== undefined) {
      const group = await makeGroup(ctx, { members: [{ value: user.id }] });
      const res = await get(ctx, group.path);
      if (res.status === 200) found.push(...walk(ctx, "Group", res.body).values);
      else ctx.note(`GET of the Group answered ${describeResponse(res)}`);
    }
    for (const { path, def, value } of found) {
      if (def.type !== "reference") continue;
      e.that(
        typeof value === "string" && (absoluteUri.test(value) || relativeRef.test(value)),
        `${path} is ${show(value)}`,
      );
    }
    e.that(typeof getCi(getCi(read, "meta"), "location") === "string", "the User has no meta.location");
    return e.done();
  },
});

export const multiValuedArrays = scimCheck({
  id: "schema.encoding.multi-valued-arrays",
  title: "Multi-valued attributes are arrays, single-valued ones never",
  area: "schema",
  requirements: ["rfc7643.schema.multi-valued-arrays"],
  expectation:
    "in a User with every declared attribute set (each multi-valued one with a single value), multi-valued attributes are JSON arrays and single-valued ones are not",
  async run(ctx) {
    const { user, read } = await typedUser(ctx);
    const e = ctx.expect();
    for (const [where, body] of [
      ["the POST answer", user.resource],
      ["GET", read],
    ] as const) {
      for (const problem of walk(ctx, "User", body).shape) e.fail(`${where}: ${problem}`);
    }
    return e.done();
  },
});
