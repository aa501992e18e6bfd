// UTF-8 (RFC 7644 §3.8: "Servers MUST accept requests and be able to return JSON-structured responses
// using UTF-8 encoding"; RFC 7643 §2.3.1). Only encoding damage fails here: a caseExact=false value may
// legitimately come back in another case, so values are compared NFC-normalised and case-folded.
import { attr, show } from "../support/json.js";
import { makeUser, readBack } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

const samples = {
  displayName: "Zoë Ñandú — 漢字かな 😀",
  "name.givenName": "Željko",
  "name.familyName": "Ørsted-Åberg",
};

function same(a: unknown, b: string): boolean {
  return typeof a === "string" && a.normalize("NFC").toLowerCase() === b.normalize("NFC").toLowerCase();
}

export const utf8RoundTrip = scimCheck({
  id: "transport.utf8.round-trip",
  title: "Non-ASCII values survive a create and read in UTF-8",
  area: "transport",
  requirements: ["rfc7644.transport.utf8-json"],
  expectation:
    "a User created with accented, CJK and emoji values (UTF-8 application/scim+json) reads back with the same characters, and responses declare no charset other than UTF-8",
  async run(ctx) {
    const user = await makeUser(ctx, {
      displayName: samples.displayName,
      name: { givenName: samples["name.givenName"], familyName: samples["name.familyName"] },
    });
    const { res, body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    const charset = /charset=([^;]+)/i
      .exec(res.header("content-type") ?? "")?.[1]
      ?.trim()
      .toLowerCase();
    e.that(
      charset === undefined || charset === "utf-8" || charset === "utf8",
      `Content-Type is ${res.header("content-type")}`,
    );
    for (const [path, sent] of Object.entries(samples)) {
      const back = attr(body, path);
      // Absent is judged by create.round-trip; here only a damaged value fails.
      if (back === undefined) continue;
      e.that(same(back, sent), `${path} was sent as ${show(sent)} and reads back as ${show(back)}`);
    }
    return e.done();
  },
});
