// Attribute definitions in /Schemas (RFC 7643 §7, §2.2): complete, from the defined value sets, and the
// User and Group schemas with the characteristics RFC 7643 §4.1 and §4.2 fix.

import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { asArray, asObject, getCi, show } from "../support/json.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

const valueSets: Readonly<Record<string, readonly string[]>> = {
  type: ["string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex"],
  mutability: ["readOnly", "readWrite", "immutable", "writeOnly"],
  returned: ["always", "never", "default", "request"],
  uniqueness: ["none", "server", "global"],
};
const booleans = ["multiValued", "required", "caseExact"];

interface Definition {
  readonly where: string;
  readonly def: JsonObject;
}

/** Every attribute and sub-attribute definition of every schema /Schemas lists, with its path. */
async function definitions(ctx: CheckContext): Promise<Definition[]> {
  const res = await ctx.client.send({ method: "GET", path: "/Schemas" });
  need(res.status === 200, `GET /Schemas did not answer 200: ${describeResponse(res)}`);
  const out: Definition[] = [];
  for (const schema of asArray(getCi(res.body, "Resources")).map(asObject)) {
    const id = String(getCi(schema, "id"));
    for (const attr of asArray(getCi(schema, "attributes")).map(asObject)) {
      if (attr === undefined) continue;
      const name = String(getCi(attr, "name"));
      out.push({ where: `${id}:${name}`, def: attr });
      for (const sub of asArray(getCi(attr, "subAttributes")).map(asObject)) {
        if (sub !== undefined) out.push({ where: `${id}:${name}.${String(getCi(sub, "name"))}`, def: sub });
      }
    }
  }
  need(out.length > 0, "/Schemas lists no attribute definitions");
  return out;
}

function inSet(value: unknown, set: readonly string[]): boolean {
  return typeof value === "string" && set.some((s) => s.toLowerCase() === value.toLowerCase());
}

export const attributeDefinitions = scimCheck({
  id: "discovery.schemas.attribute-definitions",
  title: "Every attribute definition states all its characteristics",
  area: "discovery",
  requirements: ["rfc7643.discovery.attribute-definitions"],
  expectation:
    "every attribute and sub-attribute in /Schemas has name, type, multiValued, required, caseExact, mutability, returned and uniqueness, with values from the RFC 7643 §7 sets",
  async run(ctx) {
    const e = ctx.expect();
    for (const { where, def } of await definitions(ctx)) {
      e.that(typeof getCi(def, "name") === "string", `${where}: name is ${show(getCi(def, "name"))}`);
      for (const key of booleans) {
        e.that(typeof getCi(def, key) === "boolean", `${where}: ${key} is ${show(getCi(def, key))}`);
      }
      for (const [key, set] of Object.entries(valueSets)) {
        e.that(inSet(getCi(def, key), set), `${where}: ${key} is ${show(getCi(def, key))}`);
      }
    }
    return e.done();
  },
});

export const complexSubAttributes = scimCheck({
  id: "discovery.schemas.complex-sub-attributes",
  title: "Complex attributes declare their sub-attributes",
  area: "discovery",
  requirements: ["rfc7643.discovery.complex-sub-attributes"],
  expectation: 'every attribute of type "complex" in /Schemas has a non-empty subAttributes array',
  async run(ctx) {
    const e = ctx.expect();
    for (const { where, def } of await definitions(ctx)) {
      if (String(getCi(def, "type")).toLowerCase() !== "complex") continue;
      const subs = getCi(def, "subAttributes");
      e.that(Array.isArray(subs) && subs.length > 0, `${where} is complex without subAttributes`);
    }
    return e.done();
  },
});

export const referenceTypes = scimCheck({
  id: "discovery.schemas.reference-types",
  title: "Reference attributes declare their referenceTypes",
  area: "discovery",
  requirements: ["rfc7643.discovery.reference-types"],
  expectation: 'every attribute of type "reference" in /Schemas has a non-empty referenceTypes array',
  async run(ctx) {
    const e = ctx.expect();
    for (const { where, def } of await definitions(ctx)) {
      if (String(getCi(def, "type")).toLowerCase() !== "reference") continue;
      const types = getCi(def, "referenceTypes");
      e.that(Array.isArray(types) && types.length > 0, `${where} is a reference without referenceTypes`);
    }
    return e.done();
  },
});

export const userSchema = scimCheck({
  id: "discovery.schemas.user-schema",
  title: "The User schema declares userName, groups and password as RFC 7643 §4.1 does",
  area: "discovery",
  requirements: ["rfc7643.discovery.user-schema"],
  expectation:
    "userName is required, caseExact=false, uniqueness server or global; groups (if declared) is readOnly; password (if declared) is writeOnly and returned never",
  async run(ctx) {
    need(ctx.discovery.resourceType("User") !== undefined, "the target has no User resource type");
    const res = await ctx.client.send({ method: "GET", path: `/Schemas/${urn.user}` });
    const e = ctx.expect();
    let schema = res.status === 200 ? asObject(res.body) : undefined;
    if (schema === undefined || getCi(schema, "attributes") === undefined) {
      // GET by id is a SHOULD (discovery.schemas.get-by-id); fall back to the list.
      const list = await ctx.client.send({ method: "GET", path: "/Schemas" });
      schema = asArray(getCi(list.body, "Resources"))
        .map(asObject)
        .find((s) => String(getCi(s, "id")).toLowerCase() === urn.user.toLowerCase());
    }
    if (!e.that(schema !== undefined, `${urn.user} is not served by /Schemas`)) return e.done();
    const attrs = asArray(getCi(schema, "attributes")).map(asObject);
    const find = (name: string) =>
      attrs.find((a) => String(getCi(a, "name")).toLowerCase() === name.toLowerCase());
    const userName = find("userName");
    if (e.that(userName !== undefined, "the User schema does not declare userName")) {
      e.that(
        getCi(userName, "required") === true,
        `userName.required is ${show(getCi(userName, "required"))}`,
      );
      e.that(
        getCi(userName, "caseExact") === false,
        `userName.caseExact is ${show(getCi(userName, "caseExact"))}`,
      );
      e.that(
        inSet(getCi(userName, "uniqueness"), ["server", "global"]),
        `userName.uniqueness is ${show(getCi(userName, "uniqueness"))}`,
      );
    }
    const groups = find("groups");
    if (groups !== undefined)
      e.that(
        inSet(getCi(groups, "mutability"), ["readOnly"]),
        `groups.mutability is ${show(getCi(groups, "mutability"))}`,
      );
    const password = find("password");
    if (password !== undefined) {
      e.that(
        inSet(getCi(password, "mutability"), ["writeOnly"]),
        `password.mutability is ${show(getCi(password, "mutability"))}`,
      );
      e.that(
        inSet(getCi(password, "returned"), ["never"]),
        `password.returned is ${show(getCi(password, "returned"))}`,
      );
    }
    return e.done();
  },
});

export const groupSchema = scimCheck({
  id: "discovery.schemas.group-schema",
  title: "The Group schema declares displayName as required",
  area: "discovery",
  requirements: ["rfc7643.discovery.group-schema"],
  expectation: "the Group schema in /Schemas declares displayName with required=true (RFC 7643 §4.2)",
  async run(ctx) {
    need(
      ctx.discovery.resourceType("Group") !== undefined,
      "the target has no Group resource type (a users-only connection)",
    );
    const list = await ctx.client.send({ method: "GET", path: "/Schemas" });
    const e = ctx.expect();
    if (!e.status(list, 200)) return e.done();
    const schema = asArray(getCi(list.body, "Resources"))
      .map(asObject)
      .find((s) => String(getCi(s, "id")).toLowerCase() === urn.group.toLowerCase());
    if (!e.that(schema !== undefined, `${urn.group} is not served by /Schemas`)) return e.done();
    const displayName = asArray(getCi(schema, "attributes"))
      .map(asObject)
      .find((a) => String(getCi(a, "name")).toLowerCase() === "displayname");
    e.that(getCi(displayName, "required") === true, `displayName is ${show(displayName)}`);
    return e.done();
  },
});
