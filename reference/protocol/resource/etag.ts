// Entity tags for resource versions (RFC 7644 §3.14, RFC 7643 §3.1 `meta.version`) and the conditional
// request headers If-Match / If-None-Match (RFC 7232 §2.3, §3.1, §3.2, §6; the same rules are in RFC 9110
// §8.8.3, §13.1.1, §13.1.2, §13.2.2).
//
// Every tag this server issues is weak, `W/"<version>"`: the version is a per-resource counter, not a hash
// of the bytes sent, and one version is served in many representations (projections, key order), which
// RFC 7232 §2.1 calls weak. RFC 7643 §3.1: a version that is not strong "MUST be weak", prefixed "W/".
//
// Decision: If-Match uses the weak comparison. RFC 7232 §3.1 prescribes the strong one, under which a weak
// tag never matches, so a client could never update conditionally; RFC 7644 §3.14 shows the client
// echoing the weak tag it received (`If-Match: W/"e180ee84f0671b1"`) for PUT and PATCH and expects that to
// succeed while the version is current. If-None-Match uses the weak comparison as RFC 7232 §3.2 says.
// Weak comparison: the opaque tags are equal, whether or not either is marked weak (RFC 7232 §2.3.2).

export interface EntityTag {
  readonly weak: boolean;
  /** The characters between the quotes. */
  readonly opaque: string;
}

export type EntityTagCondition =
  | { readonly kind: "any" }
  | { readonly kind: "tags"; readonly tags: readonly EntityTag[] }
  | { readonly kind: "invalid"; readonly reason: string };

/** etagc = %x21 / %x23-7E / obs-text (RFC 7232 §2.3): visible characters but DQUOTE. */
const etagc = /^[\x21\x23-\x7e\x80-\xff]*$/;

/** The weak entity-tag of a version: `W/"<version>"` (RFC 7643 §3.1, RFC 7644 §3.14). */
export function etagOf(version: string): string {
  if (!etagc.test(version)) {
    throw new TypeError(
      `a version must consist of entity-tag characters (RFC 7232 §2.3): ${JSON.stringify(version)}`,
    );
  }
  return `W/"${version}"`;
}

/**
 * Parses an If-Match or If-None-Match value: `"*"` / 1#entity-tag (RFC 7232 §3.1, §3.2). Several header
 * lines may be passed as an array. List elements are comma-separated with optional whitespace, empty
 * elements are skipped (RFC 7230 §7). `W/` is case-sensitive and quotes are required, so `w/"1"` or a bare
 * `1` is invalid rather than guessed at.
 */
export function parseEntityTags(header: string | readonly string[]): EntityTagCondition {
  const text = typeof header === "string" ? header : header.join(",");
  if (text.trim() === "*") return { kind: "any" };
  const tags: EntityTag[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === ",")) i++;
  };
  skip();
  while (i < text.length) {
    const weak = text.startsWith('W/"', i);
    if (!weak && text[i] !== '"') {
      return { kind: "invalid", reason: `expected a quoted entity-tag at position ${i} (RFC 7232 §2.3)` };
    }
    const open = weak ? i + 2 : i;
    const close = text.indexOf('"', open + 1);
    if (close < 0)
      return { kind: "invalid", reason: "an entity-tag is missing its closing quote (RFC 7232 §2.3)" };
    const opaque = text.slice(open + 1, close);
    if (!etagc.test(opaque))
      return { kind: "invalid", reason: "an entity-tag holds a character RFC 7232 §2.3 forbids" };
    tags.push({ weak, opaque });
    i = close + 1;
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    if (i < text.length && text[i] !== ",") {
      return { kind: "invalid", reason: `expected "," between entity-tags at position ${i} (RFC 7232 §3.1)` };
    }
    skip();
  }
  if (tags.length === 0)
    return { kind: "invalid", reason: "no entity-tag given (RFC 7232 §3.1: 1#entity-tag)" };
  return { kind: "tags", tags };
}

/** An alias for the If-Match header, for readability at the call site. */
export const parseIfMatch = parseEntityTags;

function weaklyMatches(condition: EntityTagCondition, version: string | undefined): boolean {
  if (version === undefined) return false;
  if (condition.kind === "any") return true;
  return condition.kind === "tags" && condition.tags.some((t) => t.opaque === version);
}

/**
 * True when the If-Match header lets the write go ahead: `*` and a current resource, or one of the tags
 * names the current `version` (weak comparison, see the header). `version` undefined means there is no
 * current representation. An invalid header never matches (the write gets 412 rather than proceeding on
 * a condition nobody can check); `parseEntityTags` tells the caller it was invalid if it prefers a 400.
 */
export function matchesIfMatch(header: string | readonly string[], version: string | undefined): boolean {
  return weaklyMatches(parseEntityTags(header), version);
}

/**
 * True when the If-None-Match header names the current representation: `*` and a current resource, or a
 * tag that weakly matches `version` (RFC 7232 §3.2). Then GET and HEAD answer 304, other methods 412. An
 * invalid header matches nothing, so the request is served normally.
 */
export function matchesIfNoneMatch(header: string | readonly string[], version: string | undefined): boolean {
  return weaklyMatches(parseEntityTags(header), version);
}

export type PreconditionOutcome = "proceed" | "preconditionFailed" | "notModified";

/**
 * Evaluates both headers in the order of RFC 7232 §6 (If-Match first, then If-None-Match), for a method on
 * a resource whose current version is `version` (undefined when it does not exist). Headers absent →
 * "proceed". 412 `preconditionFailed`; 304 `notModified` only for GET and HEAD.
 */
export function evaluatePreconditions(request: {
  readonly method: string;
  readonly ifMatch?: string | readonly string[] | undefined;
  readonly ifNoneMatch?: string | readonly string[] | undefined;
  readonly version: string | undefined;
}): PreconditionOutcome {
  if (request.ifMatch !== undefined && !matchesIfMatch(request.ifMatch, request.version))
    return "preconditionFailed";
  if (request.ifNoneMatch !== undefined && matchesIfNoneMatch(request.ifNoneMatch, request.version)) {
    const method = request.method.toUpperCase();
    return method === "GET" || method === "HEAD" ? "notModified" : "preconditionFailed";
  }
  return "proceed";
}
