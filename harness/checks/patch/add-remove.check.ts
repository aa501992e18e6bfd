// add and remove (RFC 7644 §3.5.2.1, §3.5.2.2): with and without a path, on single-valued and
// multi-valued attributes, with value filters, and what must be refused.
import { describeResponse } from "../expect.js";
import { leftOut } from "../support/advertised-attributes.js";
import { attr, getCi, sameCi, show } from "../support/json.js";
import { patch } from "../support/patch.js";
import { readBack, waitPastTimestampResolution } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { applied, emails, emailValues, patchUser, stringToChange } from "./patch-support.js";

export const addWithPath = scimCheck({
  id: "patch.add.with-path",
  title: "add with a path sets single values and appends to multi-valued ones",
  area: "patch",
  requirements: ["rfc7644.patch.add-with-path"],
  attributes: {
    User: ["title", "emails.value", "emails.type=work", "emails.type=home", "emails.type=other"],
  },
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
  attributes: {
    User: ["title", "emails.value", "emails.type=work", "emails.type=home", "emails.type=other"],
  },
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
  attributes: { User: ["emails.value", "emails.type=work"] },
  expectation:
    "a second add of the User's own work email (primary, where the target lists emails.primary) succeeds, keeps one copy, and leaves meta.lastModified unchanged",
  async run(ctx) {
    const user = await patchUser(ctx);
    // The email exactly as created: patchUser's primary flag is left out where the target lists none.
    const primary =
      leftOut(ctx, "primary on the work email", ["emails.primary"]) === undefined ? { primary: true } : {};
    const before = (await readBack(ctx, user.path)).body;
    await waitPastTimestampResolution(ctx, attr(before, "meta.lastModified"));
    const res = await patch(ctx, user.path, [
      { op: "add", path: "emails", value: [{ value: user.work, type: "work", ...primary }] },
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
  attributes: { User: ["emails.value", "emails.type=work"] },
  expectation:
    'remove "title" (externalId where the target lists no title) and remove "emails" leave the User without it and without any email',
  async run(ctx) {
    const single = stringToChange(ctx, "title");
    const user = await patchUser(ctx, { [single]: ctx.unique.name("gone") });
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "remove", path: single },
      { op: "remove", path: "emails" },
    ]);
    if (after) {
      e.that(getCi(after, single) === undefined, `${single} is ${show(getCi(after, single))}`);
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
  attributes: { User: ["emails.value", "emails.type=work", "emails.type=home"] },
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
  attributes: { User: ["emails.value", "emails.type=work"] },
  expectation:
    'remove emails[value eq "<an address the User does not have>"] succeeds and both emails (the work one, where the target lists no home type) remain',
  async run(ctx) {
    const user = await patchUser(ctx);
    const kept =
      leftOut(ctx, "the home email", ["emails.type=home"]) === undefined
        ? [user.home, user.work]
        : [user.work];
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "remove", path: `emails[value eq "${ctx.unique.missingId()}@example.org"]` },
    ]);
    if (after) e.equal(emailValues(after), kept.sort(), "email values");
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
