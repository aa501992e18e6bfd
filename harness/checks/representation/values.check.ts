// What a representation holds (RFC 7643 §3.1, §3.3; RFC 7644 §3.3, §3.5): externalId exactly as the
// client set it and never invented, extension attributes under their URN, required extensions, and
// write answers that equal the stored state.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { asObject, attr, getCi, keyCi, lowerKeys, show } from "../support/json.js";
import { patch } from "../support/patch.js";
import { hasExtension, makeUser, readBack } from "../support/resources.js";
import { attributesOf } from "../support/schema-attributes.js";
import { need, scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";

export const externalIdPreserved = scimCheck({
  id: "representation.external-id.preserved",
  title: "externalId comes back exactly as the client set it",
  area: "representation",
  requirements: ["rfc7643.representation.external-id-preserved"],
  expectation:
    "a User created with a mixed-case externalId returns that exact string (caseExact) on POST and GET",
  async run(ctx) {
    const externalId = `${ctx.unique.externalId()}-MiXeD-Case`;
    const user = await makeUser(ctx, { externalId });
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    e.equal(getCi(user.resource, "externalId") ?? externalId, externalId, "externalId in the POST answer");
    e.equal(getCi(body, "externalId"), externalId, "externalId on GET");
    return e.done();
  },
});

export const externalIdClientOnly = scimCheck({
  id: "representation.external-id.client-only",
  title: "A resource created without externalId has none",
  area: "representation",
  requirements: ["rfc7643.representation.external-id-client-only"],
  expectation:
    "a User created without externalId reads back without one (it is issued by the client, RFC 7643 §3.1)",
  async run(ctx) {
    const user = await makeUser(ctx);
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    e.that(
      getCi(body, "externalId") === undefined || getCi(body, "externalId") === null,
      `externalId is ${show(getCi(body, "externalId"))}`,
    );
    return e.done();
  },
});

export const extensionAttributes = scimCheck({
  id: "representation.extension.under-urn",
  title: "Extension attributes sit under their schema URN, which schemas lists",
  area: "representation",
  requirements: ["rfc7643.representation.extension-attributes"],
  expectation:
    "a User created with enterprise employeeNumber and department returns them inside the object keyed by the enterprise URN (not at the top level), and lists that URN in schemas",
  async run(ctx) {
    need(
      hasExtension(ctx, "User", urn.enterprise),
      "the User resource type declares no enterprise extension",
    );
    const user = await makeUser(ctx, {
      schemas: [urn.user, urn.enterprise],
      [urn.enterprise]: { employeeNumber: "70-11", department: "Extensions" },
    });
    const e = ctx.expect();
    for (const [where, body] of [
      ["the POST answer", user.resource],
      ["GET", (await readBack(ctx, user.path)).body],
    ] as const) {
      e.that(
        asObject(getCi(body, urn.enterprise)) !== undefined,
        `${where}: no object under ${urn.enterprise}: ${show(body)}`,
      );
      e.that(
        attr(body, `${urn.enterprise}:employeeNumber`) === "70-11",
        `${where}: employeeNumber is ${show(attr(body, `${urn.enterprise}:employeeNumber`))}`,
      );
      e.that(
        keyCi(body, "employeeNumber") === undefined && keyCi(body, "department") === undefined,
        `${where}: extension attributes at the top level`,
      );
      e.that(
        hasUrn(getCi(body, "schemas"), urn.enterprise),
        `${where}: schemas is ${show(getCi(body, "schemas"))}`,
      );
    }
    return e.done();
  },
});

export const requiredExtension = scimCheck({
  id: "representation.extension.required",
  title: "A required schema extension is always present and enforced",
  area: "representation",
  requirements: ["rfc7643.representation.required-extension"],
  expectation:
    "for a ResourceType whose schemaExtension is required=true, a create without the extension is refused, and resources of that type carry it",
  async run(ctx) {
    const type = ctx.discovery.resourceTypes.find((t) => t.schemaExtensions.some((x) => x.required));
    need(type !== undefined, "no ResourceType declares a required schema extension");
    const required = type.schemaExtensions.filter((x) => x.required).map((x) => x.schema);
    const body = type.name === "Group" ? ctx.resources.groupBody() : ctx.resources.userBody();
    const res = await ctx.client.send({
      method: "POST",
      path: type.endpoint,
      body: { ...body, schemas: [type.schema] },
    });
    const e = ctx.expect();
    e.that(
      res.status >= 400,
      `POST ${type.endpoint} without ${required.join(", ")} answered ${describeResponse(res)}`,
    );
    return e.done();
  },
});

/** Canonical form for comparing two representations: keys lower-cased, arrays order-free. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .map(canonical)
      .map((v) => JSON.stringify(v))
      .sort();
  const o = asObject(value);
  if (o === undefined) return value;
  return Object.fromEntries(
    Object.entries(lowerKeys(o) as JsonObject)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

/** Drops attributes a GET legitimately omits: returned=request values are echoed only on writes. */
function withoutRequestOnly(ctx: CheckContext, body: JsonObject): JsonObject {
  const copy = structuredClone(body);
  for (const { def, container } of attributesOf(ctx, "User")) {
    if (def.returned !== "request") continue;
    const holder = container === undefined ? copy : asObject(getCi(copy, container));
    const key = holder === undefined ? undefined : keyCi(holder, def.name);
    if (holder !== undefined && key !== undefined) delete holder[key];
  }
  return copy;
}

export const reflectsState = scimCheck({
  id: "representation.write-answer.reflects-state",
  title: "POST, PUT and PATCH answer with what a following GET returns",
  area: "representation",
  requirements: ["rfc7644.representation.reflects-state"],
  expectation:
    "the bodies of a POST, a PUT and a PATCH (200) on a User equal the GET that immediately follows each",
  async run(ctx) {
    const user = await makeUser(ctx, { displayName: "Reflect", title: "One" });
    const e = ctx.expect();
    const compare = async (method: string, res: ScimResponse | JsonObject) => {
      const body =
        "status" in res && "exchange" in res
          ? res.status === 200
            ? asObject(res.body)
            : undefined
          : (res as JsonObject);
      if (body === undefined || Object.keys(body).length === 0) return;
      const { body: read } = await readBack(ctx, user.path);
      const answered = canonical(withoutRequestOnly(ctx, body)) as JsonObject;
      const stored = canonical(withoutRequestOnly(ctx, read)) as JsonObject;
      const keys = [...new Set([...Object.keys(answered), ...Object.keys(stored)])];
      const differing = keys.filter((k) => JSON.stringify(answered[k]) !== JSON.stringify(stored[k]));
      e.that(
        differing.length === 0,
        `the ${method} answer differs from the GET after it in ${differing
          .map((k) => `${k}: ${show(answered[k], 80)} vs ${show(stored[k], 80)}`)
          .join("; ")}`,
      );
    };
    await compare("POST", user.resource);
    await compare(
      "PUT",
      await ctx.client.send({ method: "PUT", path: user.path, body: { ...user.body, title: "Two" } }),
    );
    await compare("PATCH", await patch(ctx, user.path, [{ op: "replace", path: "title", value: "Three" }]));
    return e.done();
  },
});
