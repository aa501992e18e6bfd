import { attr, getCi, sameCi, show } from "../support/json.js";
import { patch } from "../support/patch.js";
import { readBack } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { applied, emails, emailValues, patchUser } from "./patch-support.js";

export const replaceSingle = scimCheck({
  id: "patch.replace.single-valued",
  title: "replace sets a single value, or adds it when absent",
  area: "patch",
  requirements: ["rfc7644.patch.replace-single-valued"],
  attributes: { User: ["title", "nickName"] },
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
  attributes: {
    User: ["displayName", "title", "name.givenName", "emails.value", "emails.type=work", "emails.type=home"],
  },
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
  attributes: { User: ["emails.value", "emails.type=work"] },
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
  attributes: { User: ["name.givenName", "name.familyName"] },
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
  attributes: { User: ["emails.value", "emails.type=work", "emails.type=home"] },
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
  attributes: { User: ["emails.value"] },
  expectation:
    'replace emails[value eq "<an address the User does not have>"].value answers 400 "noTarget" and changes nothing',
  async run(ctx) {
    const user = await patchUser(ctx);
    const before = (await readBack(ctx, user.path)).body;
    const res = await patch(ctx, user.path, [
      {
        op: "replace",
        path: `emails[value eq "${ctx.unique.missingId()}@example.org"].value`,
        value: `${ctx.unique.name("nobody")}@example.org`,
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
