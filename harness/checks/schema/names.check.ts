// Attribute names (RFC 7643 §2.1): case-insensitive in requests, ATTRNAME syntax everywhere, and the
// order of members in a JSON object never matters (RFC 7159 objects are unordered; RFC 7643 §2).

import { describeResponse } from "../expect.js";
import { leftOut } from "../support/advertised-attributes.js";
import type { JsonObject } from "../support/json.js";
import { asArray, asObject, attr, getCi, sameCi, show } from "../support/json.js";
import { readBack, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";
import { typedUser } from "./typed-user.js";

export const namesCaseInsensitive = scimCheck({
  id: "schema.attribute-names.case-insensitive",
  title: "Attribute names in a request body match in any letter case",
  area: "schema",
  requirements: ["rfc7643.schema.attribute-names-case-insensitive"],
  expectation:
    'POST {Users} with keys "USERNAME", "Name": {"GivenName": …} and "DisplayName" (the last two where /Schemas lists them) creates a User with those attributes set',
  async run(ctx) {
    const userName = ctx.unique.userName();
    // userName alone carries the check; the other two keys go in where the target lists them (RFC 7643 §7).
    const optional: [string, string, unknown, unknown][] = [
      ["name.givenName", "Name", { GivenName: "Grace" }, "Grace"],
      ["displayName", "DisplayName", "Case Blind", "Case Blind"],
    ];
    const sent = optional.filter(([path]) => leftOut(ctx, path, [path]) === undefined);
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: {
        schemas: [urn.user],
        USERNAME: userName,
        ...Object.fromEntries(sent.map(([, key, value]) => [key, value])),
      },
    });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    need(typeof id === "string", `no id in ${describeResponse(res)}`);
    const { body } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
    e.that(sameCi(getCi(body, "userName"), userName), `userName is ${show(getCi(body, "userName"))}`);
    for (const [path, , , expected] of sent)
      e.that(sameCi(attr(body, path), expected), `${path} is ${show(attr(body, path))}`);
    return e.done();
  },
});

const attrName = /^(?:\$ref|[A-Za-z][A-Za-z0-9_$-]*)$/;

function badKeys(value: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) badKeys(v, `${path}[${i}]`, out);
    return out;
  }
  const o = asObject(value);
  if (o === undefined) return out;
  for (const [k, v] of Object.entries(o)) {
    // Extension containers are keyed by their schema URN, which is not an attribute name (RFC 7643 §3.3).
    if (!k.toLowerCase().startsWith("urn:") && !attrName.test(k)) out.push(`${path}${path ? "." : ""}${k}`);
    badKeys(v, `${path}${path ? "." : ""}${k}`, out);
  }
  return out;
}

export const nameSyntax = scimCheck({
  id: "schema.attribute-names.syntax",
  title: "Attribute names follow the ATTRNAME grammar",
  area: "schema",
  requirements: ["rfc7643.schema.attribute-name-syntax"],
  expectation:
    'every attribute and sub-attribute name declared in /Schemas, and every key of a User representation, matches ATTRNAME = ALPHA *("-" / "_" / "$" / DIGIT / ALPHA) ("$ref" allowed)',
  async run(ctx) {
    const e = ctx.expect();
    const schemas = await ctx.client.send({ method: "GET", path: "/Schemas" });
    for (const schema of asArray(getCi(schemas.body, "Resources"))) {
      for (const a of asArray(getCi(schema, "attributes"))) {
        const name = String(getCi(a, "name"));
        e.that(attrName.test(name), `${String(getCi(schema, "id"))} declares "${name}"`);
        for (const s of asArray(getCi(a, "subAttributes"))) {
          const sub = String(getCi(s, "name"));
          e.that(attrName.test(sub), `${String(getCi(schema, "id"))} declares "${name}.${sub}"`);
        }
      }
    }
    const { read } = await typedUser(ctx);
    for (const key of badKeys(read, "", [])) e.fail(`the User representation has the key "${key}"`);
    return e.done();
  },
});

export const memberOrder = scimCheck({
  id: "schema.member-order.insignificant",
  title: "The order of attributes in a request body does not matter",
  area: "schema",
  requirements: ["rfc7643.schema.member-order-insignificant"],
  expectation:
    "POST {Users} whose body lists name (sub-attributes reversed), emails and userName before schemas creates the User with those values",
  async run(ctx) {
    const userName = ctx.unique.userName();
    const body: JsonObject = {
      name: { familyName: "Order", givenName: "Any" },
      emails: [{ primary: true, type: "work", value: `${userName}@example.org` }],
      userName,
      schemas: [urn.user],
    };
    const res = await ctx.client.send({ method: "POST", path: usersEndpoint(ctx), body });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    need(typeof id === "string", `no id: ${describeResponse(res)}`);
    const { body: read } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
    e.that(sameCi(getCi(read, "userName"), userName), `userName is ${show(getCi(read, "userName"))}`);
    e.that(
      sameCi(attr(read, "name.familyName"), "Order"),
      `name.familyName is ${show(attr(read, "name.familyName"))}`,
    );
    return e.done();
  },
});
