// Comparing what a client sent with what the server returns, the way RFC 7643 allows a server to
// differ: attribute names case-insensitive (§2.1), caseExact=false values in any case (§2.3.1),
// multi-valued attributes as unordered sets (§2.4), extra server-assigned values tolerated (RFC 7644
// §3.3 defaults), and writeOnly/returned=never values never expected back.
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "./json.js";
import { asObject, getCi, show } from "./json.js";

/** Whether the value at `path` (dotted, e.g. "emails.value") is compared case-sensitively. */
export type CaseExactLookup = (path: string) => boolean;

/** Case-exactness from the target's own schemas, with the RFC 7643 defaults as fallback. */
export function caseExactFrom(ctx: CheckContext, schemaUrn: string): CaseExactLookup {
  return (path) => {
    if (path === "externalId" || path === "id") return true; // RFC 7643 §3.1
    return ctx.discovery.attribute(schemaUrn, path)?.caseExact ?? false;
  };
}

function matchesValue(sent: unknown, got: unknown, path: string, exact: CaseExactLookup): boolean {
  return differences(sent, got, path, exact).length === 0;
}

/** Where `got` fails to reflect `sent`; empty when every sent value is there. */
export function differences(sent: unknown, got: unknown, path: string, exact: CaseExactLookup): string[] {
  if (sent === null || sent === undefined) return [];
  if (Array.isArray(sent)) {
    if (sent.length === 0) return [];
    if (!Array.isArray(got)) return [`${path} was sent as ${show(sent)} and reads back as ${show(got)}`];
    return sent
      .filter((item) => !got.some((g) => matchesValue(item, g, path, exact)))
      .map((item) => `${path}: the value ${show(item)} is missing from ${show(got)}`);
  }
  const object = asObject(sent);
  if (object !== undefined) {
    if (asObject(got) === undefined)
      return [`${path} was sent as ${show(sent)} and reads back as ${show(got)}`];
    return Object.entries(object).flatMap(([key, value]) =>
      differences(
        value,
        getCi(got, key),
        path === "" ? key : key.startsWith("urn:") ? key : `${path}.${key}`,
        exact,
      ),
    );
  }
  if (typeof sent === "string" && typeof got === "string" && !exact(path)) {
    return sent.toLowerCase() === got.toLowerCase()
      ? []
      : [`${path} was sent as ${show(sent)} and reads back as ${show(got)}`];
  }
  return sent === got ? [] : [`${path} was sent as ${show(sent)} and reads back as ${show(got)}`];
}

/** The body without the keys a server assigns or never returns. */
export function comparable(body: JsonObject, neverReturned: readonly string[] = ["password"]): JsonObject {
  const skip = new Set(["schemas", "id", "meta", ...neverReturned.map((n) => n.toLowerCase())]);
  return Object.fromEntries(Object.entries(body).filter(([k]) => !skip.has(k.toLowerCase())));
}
