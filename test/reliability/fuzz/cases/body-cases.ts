// Fuzz family "body": the seeds of every SCIM message (seeds.ts) mutated structurally (mutate-json.ts)
// and, a quarter of the time, damaged byte by byte (mutate-bytes.ts), sent to the endpoint they belong
// to or, now and then, to another one, with assorted content types and If-Match values.
import fc from "fast-check";
import type { JsonObject, JsonValue } from "../../../../reference/protocol/resource/json.js";
import {
  anyTarget,
  authArb,
  contentTypeArb,
  type FuzzCase,
  groupTarget,
  userTarget,
  withContentType,
} from "../fuzz-case.js";
import { applyByteMutation, byteMutationArb } from "../mutate-bytes.js";
import { applyJsonMutations, jsonMutationArb, serialise } from "../mutate-json.js";
import { bulkSeeds, groupPatchSeeds, groupSeeds, searchSeeds, userPatchSeeds, userSeeds } from "../seeds.js";

/** Serialises, then maybe damages the bytes (a quarter of the cases). */
function bodyBytes(value: JsonValue, damage: readonly Parameters<typeof applyByteMutation>[1][]): Buffer {
  return damage.reduce(applyByteMutation, Buffer.from(serialise(value), "utf8"));
}

const damageArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(byteMutationArb, { minLength: 1, maxLength: 2 }) },
);

const bodyKindArb = fc.constantFrom("user", "group", "userPatch", "groupPatch", "bulk", "search");

export const bodyCaseArb: fc.Arbitrary<FuzzCase> = fc
  .record({
    kind: bodyKindArb,
    seedIndex: fc.nat(),
    // A quarter unmutated: accepted writes keep the database changing, so refusals are judged on live data.
    mutations: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: fc.array(jsonMutationArb, { minLength: 1, maxLength: 4 }) },
    ),
    damage: damageArb,
    put: fc.boolean(),
    user: userTarget,
    group: groupTarget,
    mixUp: fc.option(anyTarget, { freq: 8, nil: undefined }),
    contentType: contentTypeArb,
    ifMatch: fc.option(fc.constantFrom('W/"1"', "*", '"garbage"', 'W/"999"'), { freq: 6, nil: undefined }),
    auth: authArb,
  })
  .map((r) => {
    const pick = <T>(list: readonly T[]) => list[r.seedIndex % list.length] as T;
    const [seed, method, target] = ((): [JsonObject, string, string] => {
      switch (r.kind) {
        case "user":
          return [pick(userSeeds), r.put ? "PUT" : "POST", r.put ? r.user : "/Users"];
        case "group":
          return [pick(groupSeeds), r.put ? "PUT" : "POST", r.put ? r.group : "/Groups"];
        case "userPatch":
          return [pick(userPatchSeeds), "PATCH", r.user];
        case "groupPatch":
          return [pick(groupPatchSeeds), "PATCH", r.group];
        case "bulk":
          return [pick(bulkSeeds), "POST", "/Bulk"];
        default:
          return [pick(searchSeeds), "POST", r.put ? "/.search" : "/Users/.search"];
      }
    })();
    return {
      family: "body" as const,
      method,
      target: r.mixUp ?? target,
      headers: [
        ...withContentType(r.contentType),
        ...(r.ifMatch === undefined ? [] : [["If-Match", r.ifMatch] as const]),
      ],
      auth: r.auth,
      body: bodyBytes(applyJsonMutations(seed, r.mutations), r.damage),
    };
  });
