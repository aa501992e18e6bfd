// PATCH over HTTP (RFC 7644 §3.5.2): the RFC's examples, atomicity, no-op writes (§3.5.2.1), the
// 200/204 choice (RFC 7240 §4.2), If-Match (§3.14), concurrent PATCHes, and one Entra ID request shape.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createGroup,
  createUser,
  type Json,
  metaOf,
  patchBody,
  startTestServer,
  type TestServer,
} from "./http-test-support.js";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const patch = (path: string, body: Json, status = 200, headers: Record<string, string> = {}) =>
  server.json(path, status, { method: "PATCH", json: body, headers });

const memberIds = (group: Json) => ((group.members as Json[] | undefined) ?? []).map((m) => m.value);

describe("PATCH examples of RFC 7644 §3.5.2", () => {
  let babs: Json;
  let mandy: Json;
  let group: Json;
  before(async () => {
    babs = await createUser(server, "babs");
    mandy = await createUser(server, "mandy");
    group = await createGroup(server, "Tour Guides");
  });

  it("adds a member (§3.5.2.1) and fills in display and $ref", async () => {
    const result = await patch(
      `/Groups/${group.id}`,
      patchBody({
        op: "add",
        path: "members",
        value: [{ display: "Babs Jensen", $ref: "ignored", value: babs.id }],
      }),
    );
    const member = (result.members as Json[])[0] as Json;
    assert.equal(member.value, babs.id);
    assert.equal(member.display, "babs", "display comes from the member, not the request");
    assert.equal(member.$ref, `${server.url}/Users/${babs.id}`);
  });

  it("adds attributes without a path (§3.5.2.1) on the user", async () => {
    const result = await patch(
      `/Users/${babs.id}`,
      patchBody({
        op: "add",
        value: { emails: [{ value: "babs@jensen.org", type: "home" }], nickName: "Babs" },
      }),
    );
    assert.equal(result.nickName, "Babs");
    assert.deepEqual(result.emails, [{ value: "babs@jensen.org", type: "home" }]);
  });

  it("removes one member by a value filter (§3.5.2.2)", async () => {
    await patch(
      `/Groups/${group.id}`,
      patchBody({ op: "add", path: "members", value: [{ value: mandy.id }] }),
    );
    const result = await patch(
      `/Groups/${group.id}`,
      patchBody({ op: "remove", path: `members[value eq "${babs.id}"]` }),
    );
    assert.deepEqual(memberIds(result), [mandy.id]);
  });

  it("replaces all members (§3.5.2.3) and removes them all (§3.5.2.2)", async () => {
    const replaced = await patch(
      `/Groups/${group.id}`,
      patchBody({ op: "replace", path: "members", value: [{ value: babs.id }, { value: mandy.id }] }),
    );
    assert.deepEqual(new Set(memberIds(replaced)), new Set([babs.id, mandy.id]));
    const emptied = await patch(`/Groups/${group.id}`, patchBody({ op: "remove", path: "members" }));
    assert.equal(emptied.members, undefined);
  });

  it("replaces a sub-attribute of the value a filter selects (§3.5.2.3)", async () => {
    const user = await createUser(server, "mover", {
      addresses: [
        { type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood" },
        { type: "home", streetAddress: "456 Hollywood Blvd" },
      ],
    });
    const result = await patch(
      `/Users/${user.id}`,
      patchBody({
        op: "replace",
        path: 'addresses[type eq "work"].streetAddress',
        value: "1010 Broadway Ave",
      }),
    );
    const addresses = result.addresses as Json[];
    assert.equal(addresses.find((a) => a.type === "work")?.streetAddress, "1010 Broadway Ave");
    assert.equal(addresses.find((a) => a.type === "home")?.streetAddress, "456 Hollywood Blvd");
  });

  it("answers a replace whose filter matches nothing with 400 noTarget (§3.5.2.3)", async () => {
    const response = await server.request(`/Users/${babs.id}`, {
      method: "PATCH",
      json: patchBody({ op: "replace", path: 'emails[type eq "pager"].value', value: "x@y.z" }),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).scimType, "noTarget");
  });
});

describe("PATCH semantics", () => {
  it("is atomic: one failing operation leaves the resource untouched (§3.5.2)", async () => {
    const user = await createUser(server, "atomic", { nickName: "before" });
    const response = await server.request(`/Users/${user.id}`, {
      method: "PATCH",
      json: patchBody(
        { op: "replace", path: "nickName", value: "after" },
        { op: "remove", path: "userName" },
      ),
    });
    assert.equal(response.status, 400);
    const now = await server.json(`/Users/${user.id}`, 200);
    assert.equal(now.nickName, "before");
    assert.equal(metaOf(now).version, 'W/"1"');
  });

  it("writes nothing when nothing changes: version and lastModified stay (§3.5.2.1)", async () => {
    const user = await createUser(server, "steady", { nickName: "same" });
    const result = await patch(
      `/Users/${user.id}`,
      patchBody({ op: "replace", path: "nickName", value: "same" }),
    );
    assert.equal(metaOf(result).version, metaOf(user).version);
    assert.equal(metaOf(result).lastModified, metaOf(user).lastModified);
  });

  it("re-adding a present member or removing an absent one writes nothing (§3.5.2.1)", async () => {
    const member = await createUser(server, "present");
    const stranger = await createUser(server, "stranger");
    const group = await createGroup(server, "Steady group", [String(member.id)]);
    const again = await patch(
      `/Groups/${group.id}`,
      patchBody({ op: "add", path: "members", value: [{ value: member.id }] }),
    );
    assert.equal(metaOf(again).version, metaOf(group).version);
    assert.equal(metaOf(again).lastModified, metaOf(group).lastModified);
    const absent = await patch(
      `/Groups/${group.id}`,
      patchBody({ op: "remove", path: `members[value eq "${stranger.id}"]` }),
    );
    assert.equal(metaOf(absent).version, metaOf(group).version);
    assert.deepEqual(memberIds(absent), [member.id]);
  });

  it("answers 204 with ETag when the client prefers return=minimal (RFC 7240 §4.2)", async () => {
    const user = await createUser(server, "minimal");
    const response = await server.request(`/Users/${user.id}`, {
      method: "PATCH",
      headers: { Prefer: "return=minimal" },
      json: patchBody({ op: "add", path: "nickName", value: "m" }),
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("preference-applied"), "return=minimal");
    assert.equal(response.headers.get("etag"), 'W/"2"');
    assert.equal(await response.text(), "");
  });

  it("answers 200 despite return=minimal when attributes are asked for (§3.5.2: MUST return 200)", async () => {
    const user = await createUser(server, "minimal-attrs");
    const result = await patch(
      `/Users/${user.id}?attributes=nickName`,
      patchBody({ op: "add", path: "nickName", value: "n" }),
      200,
      { Prefer: "return=minimal" },
    );
    assert.deepEqual(Object.keys(result).sort(), ["id", "nickName", "schemas"]);
  });

  it("answers a stale If-Match with 412 and changes nothing (§3.14)", async () => {
    const user = await createUser(server, "pinned");
    const response = await server.request(`/Users/${user.id}`, {
      method: "PATCH",
      headers: { "If-Match": 'W/"3"' },
      json: patchBody({ op: "add", path: "nickName", value: "x" }),
    });
    assert.equal(response.status, 412);
    await patch(`/Users/${user.id}`, patchBody({ op: "add", path: "nickName", value: "x" }), 200, {
      "If-Match": 'W/"1"',
    });
  });

  it("lands every one of concurrent member PATCHes (the retry itself: provisioning read-modify-write.test.ts)", async () => {
    const group = await createGroup(server, "Racers");
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(server, `racer${i}`)));
    await Promise.all(
      users.map((u) =>
        patch(`/Groups/${group.id}`, patchBody({ op: "add", path: "members", value: [{ value: u.id }] })),
      ),
    );
    const final = await server.json(`/Groups/${group.id}`, 200);
    assert.equal(memberIds(final).length, 8);
    assert.equal(metaOf(final).version, 'W/"9"');
  });

  it("refuses a body without the PatchOp schema with 400 (§3.5.2)", async () => {
    const user = await createUser(server, "schemaless");
    const response = await server.request(`/Users/${user.id}`, {
      method: "PATCH",
      json: { Operations: [{ op: "add", path: "nickName", value: "x" }] },
    });
    assert.equal(response.status, 400);
  });
});

describe("client compatibility layers (on by default)", () => {
  it("accepts Entra ID's capitalised ops, string booleans and remove-members-by-value", async () => {
    const user = await createUser(server, "entra-user", { active: true });
    const other = await createUser(server, "entra-other");
    const group = await createGroup(server, "Entra", [String(user.id), String(other.id)]);
    const disabled = await patch(
      `/Users/${user.id}`,
      patchBody({ op: "Replace", path: "active", value: "False" }),
    );
    assert.equal(disabled.active, false);
    const result = await patch(
      `/Groups/${group.id}`,
      patchBody({ op: "Remove", path: "members", value: [{ value: user.id }] }),
    );
    assert.deepEqual(memberIds(result), [other.id], "only the listed member is removed");
  });
});
