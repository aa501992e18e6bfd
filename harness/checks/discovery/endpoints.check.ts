// The discovery endpoints as endpoints (RFC 7644 §4): what they list, how they answer single
// objects, unknown ids and query parameters, and that they are read-only (RFC 7643 §5–§7).
import type { ScimResponse } from "../../client/client.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { asArray, asObject, getCi, show } from "../support/json.js";
import { viewOf } from "../support/list.js";
import { makeUser } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";

export const resourceTypeEndpointAnswers = scimCheck({
  id: "discovery.resource-types.endpoint-answers",
  title: "Every advertised endpoint answers a ListResponse of its type",
  area: "discovery",
  requirements: ["rfc7643.discovery.resource-type-endpoint"],
  expectation:
    "GET {endpoint}?count=1 of each ResourceType answers 200 with a ListResponse whose resources (if any) are of that type",
  async run(ctx) {
    const types = ctx.discovery.resourceTypes;
    if (types.length === 0)
      return { kind: "skip", reason: "no ResourceType could be read from /ResourceTypes" };
    const e = ctx.expect();
    for (const type of types) {
      const view = viewOf(await ctx.client.send({ method: "GET", path: type.endpoint, query: { count: 1 } }));
      if (!e.that(view.isList, `GET ${type.endpoint}: ${describeResponse(view.res)}`)) continue;
      for (const r of view.resources) {
        const resourceType = getCi(getCi(r, "meta"), "resourceType");
        e.that(
          hasUrn(getCi(r, "schemas"), type.schema) || resourceType === type.name,
          `GET ${type.endpoint} lists a resource that is not a ${type.name}: ${show(r)}`,
        );
      }
    }
    return e.done();
  },
});

function schemaList(res: ScimResponse): JsonObject[] {
  return asArray(getCi(res.body, "Resources"))
    .map(asObject)
    .filter((s): s is JsonObject => s !== undefined);
}

export const schemasList = scimCheck({
  id: "discovery.schemas.list",
  title: "Schemas lists every schema in use, each a complete Schema",
  area: "discovery",
  requirements: ["rfc7644.discovery.schemas"],
  expectation:
    "GET /Schemas answers a ListResponse; each Schema has the Schema URN in schemas, a URI id and an attributes array; every URN in a created User's schemas is listed",
  async run(ctx) {
    const res = await ctx.client.send({ method: "GET", path: "/Schemas" });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(
      hasUrn(getCi(res.body, "schemas"), urn.listResponse),
      `schemas is ${show(getCi(res.body, "schemas"))}`,
    );
    const listed = schemaList(res);
    if (!e.that(listed.length > 0, `Resources is ${show(getCi(res.body, "Resources"))}`)) return e.done();
    for (const schema of listed) {
      const id = getCi(schema, "id");
      e.that(
        hasUrn(getCi(schema, "schemas"), urn.schema),
        `Schema ${show(id)}: schemas is ${show(getCi(schema, "schemas"))}`,
      );
      e.that(
        typeof id === "string" && /^[a-z][a-z0-9+.-]*:/i.test(id),
        `a Schema has id ${show(id)}, not a URI`,
      );
      e.that(Array.isArray(getCi(schema, "attributes")), `Schema ${show(id)} has no attributes array`);
    }
    if (ctx.discovery.resourceType("User") !== undefined) {
      const ids = new Set(listed.map((s) => String(getCi(s, "id")).toLowerCase()));
      const user = await makeUser(ctx);
      for (const used of asArray(getCi(user.resource, "schemas"))) {
        e.that(
          typeof used === "string" && ids.has(used.toLowerCase()),
          `a created User names ${show(used)}, which /Schemas does not list`,
        );
      }
    }
    return e.done();
  },
});

export const resourceTypeById = scimCheck({
  id: "discovery.resource-types.get-by-id",
  title: "A ResourceType is served by its id",
  area: "discovery",
  requirements: ["rfc7644.discovery.get-by-id"],
  expectation: "GET /ResourceTypes/{id} answers 200 with that single ResourceType, not a ListResponse",
  async run(ctx) {
    const type = ctx.discovery.resourceTypes[0];
    if (type === undefined)
      return { kind: "skip", reason: "no ResourceType could be read from /ResourceTypes" };
    const id = type.id ?? type.name;
    const res = await ctx.client.send({ method: "GET", path: `/ResourceTypes/${encodeURIComponent(id)}` });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(getCi(res.body, "Resources") === undefined, `a ListResponse came back: ${describeResponse(res)}`);
    e.that(
      getCi(res.body, "name") === type.name,
      `name is ${show(getCi(res.body, "name"))}, expected ${type.name}`,
    );
    return e.done();
  },
});

export const resourceTypeUnknownId = scimCheck({
  id: "discovery.resource-types.unknown-id-404",
  title: "An unknown ResourceType id answers 404",
  area: "discovery",
  requirements: ["rfc7644.discovery.unknown-id-404"],
  expectation: "GET /ResourceTypes/{an id that cannot exist} answers 404",
  async run(ctx) {
    const res = await ctx.client.send({ method: "GET", path: `/ResourceTypes/${ctx.unique.missingId()}` });
    const e = ctx.expect();
    e.status(res, 404);
    return e.done();
  },
});

function idsOf(res: ScimResponse): string[] {
  return schemaList(res)
    .map((r) => String(getCi(r, "id") ?? getCi(r, "name")))
    .sort();
}

export const discoveryIgnoresPaging = scimCheck({
  id: "discovery.query-parameters.ignored",
  title: "ResourceTypes and Schemas ignore sorting and paging parameters",
  area: "discovery",
  requirements: ["rfc7644.discovery.query-parameters-ignored"],
  expectation:
    'GET /ResourceTypes and GET /Schemas with sortBy, sortOrder, startIndex=2 and count=1 list the same documents as without them (RFC 7644 §4: "SHALL ignore")',
  async run(ctx) {
    const e = ctx.expect();
    for (const path of ["/ResourceTypes", "/Schemas"]) {
      const plain = await ctx.client.send({ method: "GET", path });
      if (!e.status(plain, 200)) continue;
      const queried = await ctx.client.send({
        method: "GET",
        path,
        query: { sortBy: "name", sortOrder: "descending", startIndex: 2, count: 1 },
      });
      if (!e.status(queried, 200)) continue;
      e.equal(idsOf(queried), idsOf(plain), `${path} with paging parameters lists`);
    }
    return e.done();
  },
});

export const discoveryReadOnly = scimCheck({
  id: "discovery.read-only.writes-refused",
  title: "The discovery endpoints refuse every write",
  area: "discovery",
  requirements: ["rfc7643.discovery.read-only-endpoints"],
  expectation:
    "POST /Schemas, PUT /ServiceProviderConfig, PATCH /ResourceTypes/{id} and DELETE /Schemas/{id} never succeed (405 or 501 expected) and change nothing",
  async run(ctx) {
    const before = await ctx.client.send({ method: "GET", path: "/ServiceProviderConfig" });
    const type = ctx.discovery.resourceTypes[0];
    // The writes are harmless even if a target wrongly accepts them: the same SPC body back, a no-op
    // PATCH, a DELETE of an id that cannot exist, and a POST the cleanup would remove.
    const attempts: ScimResponse[] = [
      await ctx.client.send({
        method: "POST",
        path: "/Schemas",
        body: { schemas: [urn.schema], id: `urn:${ctx.run.prefix}schema`, name: "x", attributes: [] },
      }),
      await ctx.client.send({
        method: "PUT",
        path: "/ServiceProviderConfig",
        body: before.body ?? {},
        allowForeignTarget: true,
      }),
      await ctx.client.send({
        method: "DELETE",
        path: `/Schemas/urn:${ctx.unique.missingId()}`,
        allowForeignTarget: true,
      }),
    ];
    if (type !== undefined) {
      attempts.push(
        await ctx.client.send({
          method: "PATCH",
          path: `/ResourceTypes/${encodeURIComponent(type.id ?? type.name)}`,
          body: { schemas: [urn.patchOp], Operations: [{ op: "replace", path: "name", value: type.name }] },
          allowForeignTarget: true,
        }),
      );
    }
    const e = ctx.expect();
    for (const res of attempts) {
      e.that(
        res.status < 200 || res.status >= 300,
        `${res.exchange.request.method} ${res.url} succeeded: ${describeResponse(res)}`,
      );
    }
    const after = await ctx.client.send({ method: "GET", path: "/ServiceProviderConfig" });
    e.equal(after.body, before.body, "the ServiceProviderConfig after the writes");
    return e.done();
  },
});
