// The Entra ID provisioning client's request shapes that need logic (Microsoft Learn, "Tutorial:
// Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID"; the Entra SCIM validator;
// Microsoft.SCIM.LogicAppValidationTemplate). Straight request sequences are fixture cases in
// fixtures/cases/interop/entra/. These checks run only under --profile entra.

import { describeResponse } from "../expect.js";
import { applied } from "../patch/patch-support.js";
import { leftOut } from "../support/advertised-attributes.js";
import { asArray, attr, getCi, sameCi, show } from "../support/json.js";
import { list, literal } from "../support/list.js";
import {
  groupsEndpoint,
  hasExtension,
  makeGroup,
  makeUser,
  readBack,
  usersEndpoint,
} from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

const patchOp = (operations: unknown[]) => ({ schemas: [urn.patchOp], Operations: operations });

export const flattenedKeys = scimCheck({
  id: "interop.entra.patch-flattened-keys",
  title: "Entra PATCH dialect — no-path Replace with dotted and URN-qualified keys",
  area: "interop",
  profile: "entra",
  requirements: ["interop.entra.patch-flattened-value-keys"],
  attributes: { User: ["name.givenName", "name.familyName"] },
  expectation:
    'Replace without path and value {"name.givenName": …, "name.familyName": …, "urn:…:enterprise:2.0:User:department": …} updates those three attributes (department where /Schemas lists it)',
  async run(ctx) {
    const user = await makeUser(ctx, { name: { givenName: "Old", familyName: "Name" } });
    const enterprise = leftOut(ctx, "department", [`${urn.enterprise}:department`]) === undefined;
    const value: Record<string, string> = { "name.givenName": "Flat", "name.familyName": "Keys" };
    if (enterprise) value[`${urn.enterprise}:department`] = "Flattened";
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [{ op: "Replace", value }]);
    if (after) {
      e.that(
        sameCi(attr(after, "name.givenName"), "Flat"),
        `name.givenName is ${show(attr(after, "name.givenName"))}`,
      );
      e.that(
        sameCi(attr(after, "name.familyName"), "Keys"),
        `name.familyName is ${show(attr(after, "name.familyName"))}`,
      );
      if (enterprise)
        e.that(
          sameCi(attr(after, `${urn.enterprise}:department`), "Flattened"),
          `department is ${show(attr(after, `${urn.enterprise}:department`))}`,
        );
    }
    return e.done();
  },
});

export const manager = scimCheck({
  id: "interop.entra.manager",
  title: "Entra manager updates — set with {value}, replace with a bare id, remove",
  area: "interop",
  profile: "entra",
  requirements: ["interop.entra.manager"],
  attributes: { User: [`${urn.enterprise}:manager.value`] },
  expectation:
    'Add manager {"value": <id>}, Replace manager with the bare id string of another User, and Remove manager leave manager.value as each asked',
  async run(ctx) {
    need(
      hasExtension(ctx, "User", urn.enterprise),
      "the User resource type declares no enterprise extension",
    );
    const boss = await makeUser(ctx);
    const other = await makeUser(ctx);
    const user = await makeUser(ctx);
    const path = `${urn.enterprise}:manager`;
    const e = ctx.expect();
    const set = await applied(ctx, e, user.path, [{ op: "Add", path, value: { value: boss.id } }]);
    if (set) e.equal(attr(set, `${path}.value`), boss.id, "manager.value after Add");
    const replaced = await applied(ctx, e, user.path, [{ op: "Replace", path, value: other.id }]);
    if (replaced)
      e.equal(attr(replaced, `${path}.value`), other.id, "manager.value after Replace with a bare id");
    const removed = await applied(ctx, e, user.path, [{ op: "Remove", path }]);
    if (removed)
      e.that(
        attr(removed, `${path}.value`) === undefined,
        `manager after Remove is ${show(attr(removed, path))}`,
      );
    return e.done();
  },
});

function memberIds(body: unknown): string[] {
  return asArray(getCi(body, "members"))
    .map((m) => String(getCi(m, "value")))
    .sort();
}

export const groupMembership = scimCheck({
  id: "interop.entra.group-membership",
  title: "Entra group sync — Add several members at once, Remove listed members by value",
  area: "interop",
  profile: "entra",
  requirements: ["interop.entra.patch-add-members", "interop.entra.patch-remove-members-by-value"],
  expectation:
    'one Add on path members with three Users adds all three; Remove on path members with value [{"value": <one id>}] removes only that one',
  async run(ctx) {
    groupsEndpoint(ctx);
    const users = [await makeUser(ctx), await makeUser(ctx), await makeUser(ctx)];
    const group = await makeGroup(ctx);
    const e = ctx.expect();
    const ids = users.map((u) => u.id);
    const add = await ctx.client.send({
      method: "PATCH",
      path: group.path,
      body: patchOp([{ op: "Add", path: "members", value: ids.map((value) => ({ value })) }]),
    });
    if (
      !e.that(add.status === 200 || add.status === 204, `Add members answered ${describeResponse(add)}`, {
        requirements: ["interop.entra.patch-add-members"],
      })
    )
      return e.done();
    e.equal(memberIds((await readBack(ctx, group.path)).body), [...ids].sort(), "members after Add", {
      requirements: ["interop.entra.patch-add-members"],
    });
    const remove = await ctx.client.send({
      method: "PATCH",
      path: group.path,
      body: patchOp([{ op: "Remove", path: "members", value: [{ value: ids[0] }] }]),
    });
    if (
      !e.that(
        remove.status === 200 || remove.status === 204,
        `Remove members answered ${describeResponse(remove)}`,
        { requirements: ["interop.entra.patch-remove-members-by-value"] },
      )
    )
      return e.done();
    e.equal(
      memberIds((await readBack(ctx, group.path)).body),
      ids.slice(1).sort(),
      "members after removing the first",
      { requirements: ["interop.entra.patch-remove-members-by-value"] },
    );
    return e.done();
  },
});

export const groupQueries = scimCheck({
  id: "interop.entra.group-queries",
  title: "Entra group lookups — by displayName and by id, without members",
  area: "interop",
  profile: "entra",
  requirements: ["interop.entra.group-query-by-display-name", "interop.entra.groups-exclude-members"],
  expectation:
    'GET /Groups?excludedAttributes=members&filter=displayName eq "<name>" finds the Group without members, and GET /Groups/{id}?excludedAttributes=members returns it without members',
  async run(ctx) {
    const endpoint = groupsEndpoint(ctx);
    const member = await makeUser(ctx);
    const group = await makeGroup(ctx, { members: [{ value: member.id }] });
    const e = ctx.expect();
    const byName = await list(ctx, endpoint, {
      excludedAttributes: "members",
      filter: `displayName eq ${literal(String(group.body.displayName))}`,
    });
    const found = byName.resources[0];
    const byNameReq = { requirements: ["interop.entra.group-query-by-display-name"] };
    if (
      e.that(
        byName.isList && byName.totalResults === 1 && getCi(found, "id") === group.id,
        `the displayName query answered ${describeResponse(byName.res)}`,
        byNameReq,
      )
    ) {
      e.that(
        getCi(found, "members") === undefined,
        `members is returned: ${show(getCi(found, "members"))}`,
        byNameReq,
      );
    }
    const byId = await ctx.client.send({
      method: "GET",
      path: group.path,
      query: { excludedAttributes: "members" },
    });
    const byIdReq = { requirements: ["interop.entra.groups-exclude-members"] };
    if (
      e.that(
        byId.status === 200,
        `GET ?excludedAttributes=members answered ${describeResponse(byId)}`,
        byIdReq,
      )
    ) {
      e.that(
        getCi(byId.body, "members") === undefined,
        `members is returned: ${show(getCi(byId.body, "members"))}`,
        byIdReq,
      );
    }
    return e.done();
  },
});

export const bearerToken = scimCheck({
  id: "interop.entra.bearer-token",
  title: "Entra authentication — the one configured token works on every endpoint",
  area: "interop",
  profile: "entra",
  requirements: ["interop.entra.bearer-token"],
  expectation:
    "the run's credentials are accepted (no 401 or 403) by /ServiceProviderConfig, /ResourceTypes, /Schemas and every resource endpoint",
  async run(ctx) {
    const e = ctx.expect();
    const paths = [
      "/ServiceProviderConfig",
      "/ResourceTypes",
      "/Schemas",
      ...ctx.discovery.resourceTypes.map((t) => t.endpoint),
    ];
    for (const path of paths) {
      const res = await ctx.client.send({
        method: "GET",
        path,
        ...(path.startsWith("/S") || path.startsWith("/R") ? {} : { query: { count: 1 } }),
      });
      e.that(
        res.status !== 401 && res.status !== 403,
        `GET ${path} refused the credentials: ${describeResponse(res)}`,
      );
    }
    return e.done();
  },
});

const loopback = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

export const throughput = scimCheck({
  id: "interop.entra.throughput",
  title: "Entra load — at least 25 requests per second without errors",
  area: "interop",
  profile: "entra",
  requirements: ["interop.entra.throughput"],
  expectation:
    "100 filtered GETs on /Users, five at a time, complete at 25 requests per second or more, all 200 (loopback targets only)",
  async run(ctx) {
    const url = new URL(ctx.run.baseUrl);
    if (!loopback.test(url.hostname))
      return { kind: "skip", reason: "the load probe runs against loopback targets only" };
    const path = usersEndpoint(ctx);
    const filter = `userName eq ${literal(ctx.unique.missingId())}`;
    const started = performance.now();
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        for (let i = 0; i < 20; i += 1)
          statuses.push((await ctx.client.send({ method: "GET", path, query: { filter } })).status);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = statuses.length / seconds;
    ctx.note(`${statuses.length} requests in ${seconds.toFixed(2)} s: ${rate.toFixed(1)} per second`);
    const e = ctx.expect();
    const bad = statuses.filter((s) => s !== 200);
    e.that(bad.length === 0, `${bad.length} answers were not 200: ${show([...new Set(bad)])}`);
    e.that(rate >= 25, `${rate.toFixed(1)} requests per second`);
    return e.done();
  },
});
