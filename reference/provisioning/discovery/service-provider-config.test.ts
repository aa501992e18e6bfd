// The features the server-wide /ServiceProviderConfig may promise (RFC 7643 §5): a client reading it
// has not said which connection it holds, so a feature is advertised only when every connection has it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ServiceFeatures, sharedFeatures } from "./service-provider-config.js";

const everything: ServiceFeatures = {
  patch: true,
  bulk: true,
  sort: true,
  etag: true,
  changePassword: true,
  cursorPagination: true,
};
const without = (...flags: (keyof ServiceFeatures)[]): ServiceFeatures => ({
  ...everything,
  ...Object.fromEntries(flags.map((f) => [f, false])),
});

describe("sharedFeatures", () => {
  const cases: [string, { given: ServiceFeatures[]; want: ServiceFeatures }][] = [
    ["no connection: the pipeline's own features", { given: [], want: everything }],
    ["one connection: its features", { given: [without("bulk")], want: without("bulk") }],
    ["connections that agree: their features", { given: [everything, everything], want: everything }],
    [
      "connections that differ: only what all of them have",
      {
        given: [without("bulk"), without("cursorPagination"), everything],
        want: without("bulk", "cursorPagination"),
      },
    ],
    [
      "a feature no connection has stays off",
      { given: [without("etag"), without("etag")], want: without("etag") },
    ],
  ];
  for (const [name, { given, want }] of cases) {
    it(`advertises ${name}`, () => {
      assert.deepEqual(sharedFeatures(given, everything), want);
    });
  }
});
