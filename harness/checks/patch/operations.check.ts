// add, remove and replace on single-valued, complex and multi-valued attributes, with and without a
// path, with value filters (RFC 7644 §3.5.2.1–§3.5.2.3).
import { describeResponse } from "../expect.js";
import { attr, getCi, sameCi, show } from "../support/json.js";
import { patch } from "../support/patch.js";
import { readBack, waitPastTimestampResolution } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { applied, emails, emailValues, patchUser } from "./patch-support.js";

export const addWithPath = scimCheck({
  id: "patch.add.with-path",
  title: "add with a path sets single values and appends to multi-valued ones",
  area: "patch",
  requirements: ["rfc7644.patch.add-with-path"],
  expectation:
    'add "title" replaces the old title; add "emails" with a new value keeps both old emails and appends it',
  async run(ctx) {
    const user = await patchUser(ctx);
    const extra = `${ctx.unique.name("add")}@example.org`;
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "add", path: "title", value: "Added Title" },
      { op: "add", path: "emails", value: [{ value: extra, type: "other" }] },
    ]);
    if (after) {
      e.that(sameCi(getCi(after, "title"), "Added Title"), `title is ${show(getCi(after, "title"))}`);
      e.equal(emailValues(after), [user.home, user.work, extra.toLowerCase()].sort(), "email values");
    }
    return e.done();
  },
});

export const addWithoutPath = scimCheck({
  id: "patch.add.without-path",
  title: "add without a path merges the value object",
  area: "patch",
  requirements: ["rfc7644.patch.add-without-path"],
  expectation:
    'add with value {"title": …, "emails": [new]} sets title and appends the email, keeping the others',
  async run(ctx) {
    const user = await patchUser(ctx);
    const extra = `${ctx.unique.name("addnp")}@example.org`;
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "add", value: { title: "Merged Title", emails: [{ value: extra, type: "other" }] } },
    ]);
    if (after) {
      e.that(sameCi(getCi(after, "title"), "Merged Title"), `title is ${show(getCi(after, "title"))}`);
      e.equal(emailValues(after), [user.home, user.work, extra.toLowerCase()].sort(), "email values");
    }
    return e.done();
  },
});

export const addExistingTimestamp = scimCheck({
  id: "patch.add.existing-value-keeps-timestamp",
  title: "Adding a value already present changes nothing, not even lastModified",
  area: "patch",
  requirements: ["rfc7644.patch.add-existing-value-timestamp", "rfc7644.patch.add-existing-value-success"],
  expectation:
    "a second add of the User's own work email succeeds, keeps one copy, and leaves meta.lastModified unchanged",
  async run(ctx) {
    const user = await patchUser(ctx);
    const before = (await readBack(ctx, user.path)).body;
    await waitPastTimestampResolution(ctx, attr(before, "meta.lastModified"));
    const res = await patch(ctx, user.path, [
      { op: "add", path: "emails", value: [{ value: user.work, type: "work", primary: true }] },
    ]);
    const e = ctx.expect();
    if (
      !e.that(res.status === 200 || res.status === 204, `the PATCH answered ${describeResponse(res)}`, {
        requirements: ["rfc7644.patch.add-existing-value-success"],
      })
    )
      return e.done();
    const after = (await readBack(ctx, user.path)).body;
    e.equal(attr(after, "meta.lastModified"), attr(before, "meta.lastModified"), "meta.lastModified", {
      requirements: ["rfc7644.patch.add-existing-value-timestamp"],
    });
    e.equal(emailValues(after), emailValues(before), "email values", {
      requirements: ["rfc7644.patch.add-existing-value-success"],
    });
    return e.done();
  },
});

export const removeRequiresPath = scimCheck({
  id: "patch.remove.requires-path",
  title: "remove without a path is a 400 noTarget",
  area: "patch",
  requirements: ["rfc7644.patch.remove-requires-path"],
  expectation: 'remove with no path answers 400 with scimType "noTarget"',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    e.scimError(await patch(ctx, user.path, [{ op: "remove" }]), 400, "noTarget");
    return e.done();
  },
});

export const removeAttribute = scimCheck({
  id: "patch.remove.attribute",
  title: "remove with a path unassigns the attribute",
  area: "patch",
  requirements: ["rfc7644.patch.remove-attribute"],
  expectation: 'remove "title" and remove "emails" leave the User without title and without any email',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "remove", path: "title" },
      { op: "remove", path: "emails" },
    ]);
    if (after) {
      e.that(getCi(after, "title") === undefined, `title is ${show(getCi(after, "title"))}`);
      e.that(emails(after).length === 0, `emails is ${show(getCi(after, "emails"))}`);
    }
    return e.done();
  },
});

export const removeValuePath = scimCheck({
  id: "patch.remove.value-filter",
  title: "remove with a value filter removes only the matching values",
  area: "patch",
  requirements: ["rfc7644.patch.remove-value-path"],
  expectation:
    'remove emails[type eq "work"] leaves only the home email; removing that one too leaves emails unassigned',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const first = await applied(ctx, e, user.path, [{ op: "remove", path: 'emails[type eq "work"]' }]);
    if (first) e.equal(emailValues(first), [user.home], "email values after removing the work email");
    const second = await applied(ctx, e, user.path, [
      { op: "remove", path: `emails[value eq "${user.home}"]` },
    ]);
    if (second)
      e.that(
        emails(second).length === 0,
        `emails after removing the last one is ${show(getCi(second, "emails"))}`,
      );
    return e.done();
  },
});

export const removeAbsentValue = scimCheck({
  id: "patch.remove.absent-value",
  title: "Removing a value that is not there succeeds without change",
  area: "patch",
  requirements: ["rfc7644.patch.remove-absent-value"],
  expectation:
    'remove emails[value eq "<an address the User does not have>"] succeeds and both emails remain',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "remove", path: `emails[value eq "${ctx.unique.missingId()}@example.org"]` },
    ]);
    if (after) e.equal(emailValues(after), [user.home, user.work].sort(), "email values");
    return e.done();
  },
});

export const removeRequired = scimCheck({
  id: "patch.remove.required-or-read-only",
  title: "Removing userName or a readOnly attribute fails with mutability",
  area: "patch",
  requirements: ["rfc7644.patch.remove-required-or-read-only"],
  expectation:
    'remove "userName" and remove "meta" each fail with scimType "mutability", and the User keeps its userName',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    for (const path of ["userName", "meta"]) {
      const res = await patch(ctx, user.path, [{ op: "remove", path }]);
      if (!e.that(res.status >= 400, `remove ${path} answered ${describeResponse(res)}`)) continue;
      e.that(
        getCi(res.body, "scimType") === "mutability",
        `remove ${path}: scimType is ${show(getCi(res.body, "scimType"))}`,
      );
    }
    const { body } = await readBack(ctx, user.path);
    e.that(
      sameCi(getCi(body, "userName"), user.body.userName),
      `userName is ${show(getCi(body, "userName"))}`,
    );
    return e.done();
  },
});

export const replaceSingle = scimCheck({
  id: "patch.replace.single-valued",
  title: "replace sets a single value, or adds it when absent",
  area: "patch",
  requirements: ["rfc7644.patch.replace-single-valued"],
  expectation: 'replace "title" changes it; replace "nickName" on a User without one adds it',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "replace", path: "title", value: "Replaced Title" },
      { op: "replace", path: "nickName", value: "Nicky" },
    ]);
    if (after) {
      e.that(sameCi(getCi(after, "title"), "Replaced Title"), `title is ${show(getCi(after, "title"))}`);
      e.that(sameCi(getCi(after, "nickName"), "Nicky"), `nickName is ${show(getCi(after, "nickName"))}`);
    }
    return e.done();
  },
});

export const replaceWithoutPath = scimCheck({
  id: "patch.replace.without-path",
  title: "replace without a path replaces the named attributes only",
  area: "patch",
  requirements: ["rfc7644.patch.replace-without-path"],
  expectation:
    'replace with value {"displayName": …, "title": …} changes both and leaves name and emails as they were',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "replace", value: { displayName: "No Path", title: "No Path Title" } },
    ]);
    if (after) {
      e.that(
        sameCi(getCi(after, "displayName"), "No Path"),
        `displayName is ${show(getCi(after, "displayName"))}`,
      );
      e.that(sameCi(getCi(after, "title"), "No Path Title"), `title is ${show(getCi(after, "title"))}`);
      e.that(
        sameCi(attr(after, "name.givenName"), "Pat"),
        `name.givenName is ${show(attr(after, "name.givenName"))}`,
      );
      e.equal(emailValues(after), [user.home, user.work].sort(), "email values");
    }
    return e.done();
  },
});

export const replaceMultiValued = scimCheck({
  id: "patch.replace.multi-valued",
  title: "replace of a multi-valued attribute replaces all its values",
  area: "patch",
  requirements: ["rfc7644.patch.replace-multi-valued"],
  expectation: 'replace "emails" with one new value leaves exactly that email',
  async run(ctx) {
    const user = await patchUser(ctx);
    const only = `${ctx.unique.name("only")}@example.org`;
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "replace", path: "emails", value: [{ value: only, type: "work" }] },
    ]);
    if (after) e.equal(emailValues(after), [only.toLowerCase()], "email values");
    return e.done();
  },
});

export const replaceComplex = scimCheck({
  id: "patch.replace.complex",
  title: "replace of a complex attribute updates only the given sub-attributes",
  area: "patch",
  requirements: ["rfc7644.patch.replace-complex"],
  expectation: 'replace "name" with {"givenName": "Newgiven"} changes givenName and keeps familyName',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "replace", path: "name", value: { givenName: "Newgiven" } },
    ]);
    if (after) {
      e.that(
        sameCi(attr(after, "name.givenName"), "Newgiven"),
        `name.givenName is ${show(attr(after, "name.givenName"))}`,
      );
      e.that(
        sameCi(attr(after, "name.familyName"), "Cher"),
        `name.familyName is ${show(attr(after, "name.familyName"))}`,
      );
    }
    return e.done();
  },
});

export const replaceValuePath = scimCheck({
  id: "patch.replace.value-filter",
  title: "replace with a value filter changes only the matching values",
  area: "patch",
  requirements: ["rfc7644.patch.replace-value-path"],
  expectation:
    'replace emails[type eq "work"].value changes the work address only; replace emails[type eq "home"] with a whole value replaces the home email only',
  async run(ctx) {
    const user = await patchUser(ctx);
    const tag = ctx.unique.name("rvp");
    const e = ctx.expect();
    const first = await applied(ctx, e, user.path, [
      { op: "replace", path: 'emails[type eq "work"].value', value: `${tag}-new-work@example.org` },
    ]);
    if (first)
      e.equal(
        emailValues(first),
        [user.home, `${tag}-new-work@example.org`].sort(),
        "email values after replacing the work address",
      );
    const second = await applied(ctx, e, user.path, [
      {
        op: "replace",
        path: 'emails[type eq "home"]',
        value: { value: `${tag}-new-home@example.org`, type: "home" },
      },
    ]);
    if (second)
      e.equal(
        emailValues(second),
        [`${tag}-new-home@example.org`, `${tag}-new-work@example.org`].sort(),
        "email values after replacing the home email",
      );
    return e.done();
  },
});

export const replaceNoTarget = scimCheck({
  id: "patch.replace.value-filter-no-target",
  title: "replace with a value filter that matches nothing is a 400 noTarget",
  area: "patch",
  requirements: ["rfc7644.patch.replace-value-path-no-target"],
  expectation:
    'replace emails[value eq "<an address the User does not have>"].display answers 400 "noTarget" and changes nothing',
  async run(ctx) {
    const user = await patchUser(ctx);
    const before = (await readBack(ctx, user.path)).body;
    const res = await patch(ctx, user.path, [
      {
        op: "replace",
        path: `emails[value eq "${ctx.unique.missingId()}@example.org"].display`,
        value: "Nobody",
      },
    ]);
    const e = ctx.expect();
    e.scimError(res, 400, "noTarget");
    e.equal(
      emails((await readBack(ctx, user.path)).body),
      emails(before),
      "the emails after the refused PATCH",
    );
    return e.done();
  },
});
