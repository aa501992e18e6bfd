// Fuzz family "extreme": nesting past 32 levels and up to 100,000, names of megabytes, bodies past the
// limits (declared or real), 20,000 PATCH operations.
import fc from "fast-check";
import { authArb, type FuzzCase, userTarget } from "../fuzz-case.js";
import { urn } from "../seeds.js";

export const extremeCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    shape: fc.constantFrom(
      "deepBody",
      "deepAttr",
      "deepPatch",
      "deepBulk",
      "hugeName",
      "declaredHuge",
      "manyOps",
      "overLimit",
      "deepSearch",
    ),
    depth: fc.constantFrom(64, 65, 1_000, 100_000),
    size: fc.constantFrom(10_000, 1_000_000, 5_000_000),
    user: userTarget,
    auth: authArb,
  })
  .map((r): FuzzCase => {
    const deep = `${'{"a":'.repeat(r.depth)}1${"}".repeat(r.depth)}`;
    const json = (text: string) => ({
      headers: [["Content-Type", "application/scim+json"] as const],
      body: Buffer.from(text, "utf8"),
    });
    const base = { family: "extreme" as const, auth: r.auth };
    switch (r.shape) {
      case "deepBody":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          ...json(`${"[".repeat(r.depth)}${"]".repeat(r.depth)}`),
        };
      case "deepAttr":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          ...json(`{"schemas":["${urn.user}"],"userName":"fuzz-deep-@n","name":${deep},"x":${deep}}`),
        };
      case "deepPatch":
        return {
          ...base,
          method: "PATCH",
          target: r.user,
          ...json(`{"schemas":["${urn.patch}"],"Operations":[{"op":"add","value":${deep}}]}`),
        };
      case "deepBulk":
        return {
          ...base,
          method: "POST",
          target: "/Bulk",
          ...json(
            `{"schemas":["${urn.bulk}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":${deep}}]}`,
          ),
        };
      case "deepSearch":
        return {
          ...base,
          method: "POST",
          target: "/.search",
          ...json(`{"schemas":["${urn.search}"],"filter":"userName pr","attributes":${deep}}`),
        };
      case "hugeName":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          ...json(JSON.stringify({ schemas: [urn.user], userName: `fuzz-huge-@n-${"n".repeat(r.size)}` })),
        };
      case "declaredHuge":
        return {
          ...base,
          method: "POST",
          target: "/Users",
          headers: [
            ["Content-Type", "application/scim+json"],
            ["Content-Length", "104857600"],
          ],
          body: Buffer.from("{}"),
          contentLength: false,
        };
      case "manyOps":
        return {
          ...base,
          method: "PATCH",
          target: r.user,
          ...json(
            JSON.stringify({
              schemas: [urn.patch],
              Operations: Array.from({ length: Math.min(r.size / 100, 20_000) }, (_, i) => ({
                op: "replace",
                path: "title",
                value: `t${i}`,
              })),
            }),
          ),
        };
      default:
        return {
          ...base,
          method: "POST",
          target: "/Bulk",
          ...json(`{"schemas":["${urn.bulk}"],"Operations":[],"pad":"${"p".repeat(4 * 1024 * 1024 + 10)}"}`),
        };
    }
  });
