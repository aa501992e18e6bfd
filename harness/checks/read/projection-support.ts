// What a projected representation may hold (RFC 7644 §3.9, RFC 7643 §7 "returned"): the requested
// attributes plus those returned "always" — id and schemas by definition, plus any the target's own
// schema declares "always". meta is tolerated: RFC 7643 gives it no "returned" characteristic in a
// listing, and servers differ; failing on it would be a false failure.
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "../support/json.js";
import { urn } from "../support/urns.js";

export function alwaysReturned(ctx: CheckContext, schemaUrn: string = urn.user): Set<string> {
  const names = new Set(["id", "schemas", "meta"]);
  for (const a of ctx.discovery.schema(schemaUrn)?.attributes ?? []) {
    if (a.returned === "always") names.add(a.name.toLowerCase());
  }
  return names;
}

/** Top-level keys of `body` that are neither allowed extras nor requested. */
export function unexpectedKeys(body: JsonObject, allowed: ReadonlySet<string>): string[] {
  return Object.keys(body).filter((k) => !allowed.has(k.toLowerCase()));
}
