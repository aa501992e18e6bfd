// attributes and excludedAttributes (RFC 7644 §3.9, §3.4.2.5, §3.10): on GET, lists, .search and
// write responses; sub-attributes, URN-qualified names, and names in any letter case (RFC 7643 §2.1).
// Only attributes the User really has (in its default GET) are asserted absent, so a server that does
// not store some attribute is never failed here.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { asObject, attr, getCi, keyCi, show } from "../support/json.js";
import { scopedUsers, search, viewOf } from "../support/list.js";
import { patch } from "../support/patch.js";
import type { Made } from "../support/resources.js";
import { get, makeUser, readBack, richUserBody, usersEndpoint } from "../support/resources.js";
import { answered, need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";
import { alwaysReturned, unexpectedKeys } from "./projection-support.js";

async function richUser(
  ctx: CheckContext,
  tag: string,
  userName?: string,
): Promise<{ user: Made; full: JsonObject }> {
  const extension = ctx.discovery
    .resourceType("User")
    ?.schemaExtensions.some((x) => x.schema.toLowerCase() === urn.enterprise.toLowerCase());
  const body = richUserBody(ctx, tag);
  if (userName !== undefined) body.userName = userName;
  if (extension) {
    body.schemas = [urn.user, urn.enterprise];
    body[urn.enterprise] = { employeeNumber: `${tag.slice(-6)}-701`, department: "Tours" };
  }
  const user = await makeUser(ctx, body);
  const { body: full } = await readBack(ctx, user.path);
  return { user, full };
}

/** The body of a projected GET: the request under test, so a refusal makes the check unmet. */
function projected(res: ScimResponse): JsonObject {
  const body = asObject(res.body);
  answered(res.status === 200 && body !== undefined, `GET ${res.url} answered ${describeResponse(res)}`);
  return body;
}

export const attributesParameter = scimCheck({
  id: "read.projection.attributes",
  title: "attributes= returns only the named attributes and id",
  area: "read",
  requirements: ["rfc7644.read.attributes-parameter"],
  expectation:
    "GET {Users}/{id}?attributes=userName holds userName and id, and none of the User's other default attributes (displayName, name, emails, title…)",
  async run(ctx) {
    const { user, full } = await richUser(ctx, ctx.unique.name("attr"));
    const e = ctx.expect();
    const body = projected(await get(ctx, user.path, { attributes: "userName" }));
    e.that(getCi(body, "userName") !== undefined, "userName is missing");
    e.equal(getCi(body, "id"), user.id, "id");
    const allowed = alwaysReturned(ctx);
    allowed.add("username");
    const extra = unexpectedKeys(body, allowed).filter((k) => keyCi(full, k) !== undefined);
    e.that(extra.length === 0, `attributes not asked for are returned: ${extra.join(", ")}`);
    return e.done();
  },
});

export const excludedAttributesParameter = scimCheck({
  id: "read.projection.excluded-attributes",
  title: "excludedAttributes= removes the named attributes but never id",
  area: "read",
  requirements: ["rfc7644.read.excluded-attributes-parameter"],
  expectation:
    "GET {Users}/{id}?excludedAttributes=emails,id omits emails, still holds id, and keeps the other default attributes (userName, displayName)",
  async run(ctx) {
    const { user, full } = await richUser(ctx, ctx.unique.name("excl"));
    const e = ctx.expect();
    const body = projected(await get(ctx, user.path, { excludedAttributes: "emails,id" }));
    e.that(keyCi(body, "emails") === undefined, `emails is still returned: ${show(getCi(body, "emails"))}`);
    e.equal(getCi(body, "id"), user.id, "id (returned=always, cannot be excluded)");
    for (const kept of ["userName", "displayName"]) {
      if (keyCi(full, kept) !== undefined) e.that(keyCi(body, kept) !== undefined, `${kept} was removed too`);
    }
    return e.done();
  },
});

export const subAttributeProjection = scimCheck({
  id: "read.projection.sub-attributes",
  title: "Projection works on sub-attributes (name.givenName)",
  area: "read",
  requirements: ["rfc7644.read.sub-attribute-projection"],
  expectation:
    "attributes=name.givenName returns name with givenName only; excludedAttributes=name.familyName removes familyName and keeps givenName",
  async run(ctx) {
    const { user, full } = await richUser(ctx, ctx.unique.name("sub"));
    need(
      attr(full, "name.givenName") !== undefined && attr(full, "name.familyName") !== undefined,
      "the target did not store name.givenName and name.familyName",
    );
    const e = ctx.expect();
    const only = projected(await get(ctx, user.path, { attributes: "name.givenName" }));
    e.that(
      attr(only, "name.givenName") !== undefined,
      `name.givenName is missing: ${show(getCi(only, "name"))}`,
    );
    e.that(
      attr(only, "name.familyName") === undefined,
      `name.familyName was not asked for: ${show(getCi(only, "name"))}`,
    );
    e.that(keyCi(only, "emails") === undefined, "emails was not asked for");
    const without = projected(await get(ctx, user.path, { excludedAttributes: "name.familyName" }));
    e.that(
      attr(without, "name.familyName") === undefined,
      `name.familyName was excluded: ${show(getCi(without, "name"))}`,
    );
    e.that(
      attr(without, "name.givenName") !== undefined,
      `name.givenName was not excluded: ${show(getCi(without, "name"))}`,
    );
    return e.done();
  },
});

export const urnQualifiedProjection = scimCheck({
  id: "read.projection.urn-qualified",
  title: "Projection accepts fully qualified attribute names",
  area: "read",
  requirements: ["rfc7644.read.urn-qualified-projection"],
  expectation:
    "attributes=urn:ietf:params:scim:schemas:core:2.0:User:userName returns userName without displayName; with the enterprise extension, attributes=…enterprise:2.0:User:employeeNumber returns it under its URN; excludedAttributes=…:User:displayName removes displayName",
  async run(ctx) {
    const { user, full } = await richUser(ctx, ctx.unique.name("urn"));
    const e = ctx.expect();
    const only = projected(await get(ctx, user.path, { attributes: `${urn.user}:userName` }));
    e.that(getCi(only, "userName") !== undefined, "userName is missing");
    if (keyCi(full, "displayName") !== undefined)
      e.that(keyCi(only, "displayName") === undefined, "displayName was not asked for");
    const without = projected(await get(ctx, user.path, { excludedAttributes: `${urn.user}:displayName` }));
    e.that(keyCi(without, "displayName") === undefined, "displayName was excluded by its URN-qualified name");
    if (attr(full, `${urn.enterprise}:employeeNumber`) !== undefined) {
      const ext = projected(await get(ctx, user.path, { attributes: `${urn.enterprise}:employeeNumber` }));
      e.that(
        attr(ext, `${urn.enterprise}:employeeNumber`) !== undefined,
        `employeeNumber is missing: ${show(ext)}`,
      );
      e.that(attr(ext, `${urn.enterprise}:department`) === undefined, "department was not asked for");
      e.that(
        keyCi(ext, "userName") === undefined || alwaysReturned(ctx).has("username"),
        "userName was not asked for",
      );
    }
    return e.done();
  },
});

export const caseInsensitiveProjection = scimCheck({
  id: "read.projection.case-insensitive",
  title: "Projection matches attribute names in any letter case",
  area: "read",
  requirements: ["rfc7644.read.projection-case-insensitive"],
  expectation:
    "attributes=USERNAME,Name.GivenName returns userName and name.givenName; excludedAttributes=DISPLAYNAME removes displayName",
  async run(ctx) {
    const { user, full } = await richUser(ctx, ctx.unique.name("ci"));
    const e = ctx.expect();
    const only = projected(await get(ctx, user.path, { attributes: "USERNAME,Name.GivenName" }));
    e.that(getCi(only, "userName") !== undefined, `userName is missing: ${show(only)}`);
    if (attr(full, "name.givenName") !== undefined)
      e.that(attr(only, "name.givenName") !== undefined, `name.givenName is missing: ${show(only)}`);
    if (keyCi(full, "title") !== undefined)
      e.that(keyCi(only, "title") === undefined, "title was not asked for");
    const without = projected(await get(ctx, user.path, { excludedAttributes: "DISPLAYNAME" }));
    if (keyCi(full, "displayName") !== undefined)
      e.that(keyCi(without, "displayName") === undefined, "displayName was excluded as DISPLAYNAME");
    return e.done();
  },
});

export const projectionOnList = scimCheck({
  id: "read.projection.on-list",
  title: "Projection applies to every resource of a list",
  area: "read",
  requirements: ["rfc7644.read.projection-on-list"],
  expectation:
    "GET {Users}?filter=<own users>&attributes=userName returns each User with userName and id only",
  async run(ctx) {
    const tag = ctx.unique.name("plist");
    const a = await richUser(ctx, tag, `${tag}-a`);
    await makeUser(ctx, { ...richUserBody(ctx, tag), userName: `${tag}-b` });
    const res = await ctx.client.send({
      method: "GET",
      path: usersEndpoint(ctx),
      query: { filter: scopedUsers(tag), attributes: "userName" },
    });
    return judgeList(ctx, res, a.full);
  },
});

function judgeList(ctx: CheckContext, res: ScimResponse, full: JsonObject) {
  const view = viewOf(res);
  answered(view.isList, `the projected query did not answer a ListResponse: ${describeResponse(res)}`);
  need(
    view.resources.length > 0,
    `the scoped query found none of the check's Users: ${describeResponse(res)}`,
  );
  const e = ctx.expect();
  const allowed = alwaysReturned(ctx);
  allowed.add("username");
  for (const r of view.resources) {
    e.that(getCi(r, "userName") !== undefined, `an entry has no userName: ${show(r)}`);
    e.that(typeof getCi(r, "id") === "string", `an entry has no id: ${show(r)}`);
    const extra = unexpectedKeys(r, allowed).filter((k) => keyCi(full, k) !== undefined);
    e.that(extra.length === 0, `an entry has attributes not asked for: ${extra.join(", ")}`);
  }
  return e.done();
}

export const projectionOnSearch = scimCheck({
  id: "read.projection.on-search",
  title: "Projection in a SearchRequest applies to every result",
  area: "read",
  requirements: ["rfc7644.read.projection-on-search"],
  expectation:
    'POST {Users}/.search with "attributes": ["userName"] returns each matching User with userName and id only',
  async run(ctx) {
    const tag = ctx.unique.name("psearch");
    const a = await richUser(ctx, tag, `${tag}-a`);
    const view = await search(ctx, usersEndpoint(ctx), {
      filter: scopedUsers(tag),
      attributes: ["userName"],
    });
    return judgeList(ctx, view.res, a.full);
  },
});

export const projectionOnWrite = scimCheck({
  id: "read.projection.on-write",
  title: "attributes= also shapes POST, PUT and PATCH answers",
  area: "read",
  requirements: ["rfc7644.read.projection-on-write"],
  expectation:
    "POST {Users}?attributes=userName, PUT …?attributes=userName and PATCH …?attributes=userName answer with userName and id and none of the User's other attributes",
  async run(ctx) {
    const tag = ctx.unique.name("pwrite");
    const body = richUserBody(ctx, tag);
    const created = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body,
      query: { attributes: "userName" },
    });
    const id = getCi(created.body, "id");
    answered(
      (created.status === 201 || created.status === 200) && typeof id === "string",
      `POST ?attributes=userName answered ${describeResponse(created)}`,
    );
    const path = `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`;
    const { body: full } = await readBack(ctx, path);
    const answers: [string, ScimResponse][] = [["POST", created]];
    answers.push([
      "PUT",
      await ctx.client.send({
        method: "PUT",
        path,
        body: { ...body, title: "Senior Guide" },
        query: { attributes: "userName" },
      }),
    ]);
    if (ctx.discovery.feature("patch") !== "not-advertised") {
      answers.push([
        "PATCH",
        await patch(ctx, path, [{ op: "replace", path: "title", value: "Chief Guide" }], {
          query: { attributes: "userName" },
        }),
      ]);
    }
    const e = ctx.expect();
    const allowed = alwaysReturned(ctx);
    allowed.add("username");
    for (const [method, res] of answers) {
      if (!e.that(res.status === 200 || res.status === 201, `${method} answered ${describeResponse(res)}`))
        continue;
      const answer = asObject(res.body) ?? {};
      e.that(getCi(answer, "userName") !== undefined, `${method}: userName is missing`);
      const extra = unexpectedKeys(answer, allowed).filter((k) => keyCi(full, k) !== undefined);
      e.that(extra.length === 0, `${method} returned attributes not asked for: ${extra.join(", ")}`);
    }
    return e.done();
  },
});
