// LDAP search filters (RFC 4511 §4.5.1.7) as frozen data tagged with `kind`, and their string form
// (RFC 4515). The compiler builds these nodes; this file alone turns them into text, so escaping lives in
// one place: every assertion value goes through `escapeFilterValue` and nothing else writes a value.
//
// Absolute true and false (RFC 4526 `(&)` and `(|)`) are written as `(objectClass=*)` and
// `(!(objectClass=*))`: every entry has an objectClass (RFC 4512 §2.4.1), and ldapts' filter parser does
// not read the RFC 4526 forms.

export type LdapFilter =
  | { readonly kind: "and"; readonly filters: readonly LdapFilter[] }
  | { readonly kind: "or"; readonly filters: readonly LdapFilter[] }
  | { readonly kind: "not"; readonly filter: LdapFilter }
  | { readonly kind: "equality"; readonly attribute: string; readonly value: string }
  | {
      readonly kind: "substrings";
      readonly attribute: string;
      readonly initial: string | undefined;
      readonly any: readonly string[];
      readonly final: string | undefined;
    }
  | { readonly kind: "greaterOrEqual"; readonly attribute: string; readonly value: string }
  | { readonly kind: "lessOrEqual"; readonly attribute: string; readonly value: string }
  | { readonly kind: "present"; readonly attribute: string };

export type LdapFilterKind = LdapFilter["kind"];

export const ldapTrue: LdapFilter = Object.freeze({ kind: "and", filters: Object.freeze([]) });
export const ldapFalse: LdapFilter = Object.freeze({ kind: "or", filters: Object.freeze([]) });

export function isTrue(f: LdapFilter): boolean {
  return f.kind === "and" && f.filters.length === 0;
}

export function isFalse(f: LdapFilter): boolean {
  return f.kind === "or" && f.filters.length === 0;
}

/** Members without repetitions (by their text), in first-seen order. */
function distinct(filters: readonly LdapFilter[]): LdapFilter[] {
  const seen = new Set<string>();
  return filters.filter((f) => {
    const text = renderFilter(f);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** A conjunction, flattened, without TRUE or repeated members; FALSE if any member is FALSE. */
export function and(...filters: readonly LdapFilter[]): LdapFilter {
  const members: LdapFilter[] = [];
  for (const f of filters) {
    if (isFalse(f)) return ldapFalse;
    if (f.kind === "and") members.push(...f.filters);
    else members.push(f);
  }
  members.splice(0, members.length, ...distinct(members));
  if (members.length === 1 && members[0] !== undefined) return members[0];
  return Object.freeze({ kind: "and", filters: Object.freeze(members) });
}

/** A disjunction, flattened, without FALSE or repeated members; TRUE if any member is TRUE. */
export function or(...filters: readonly LdapFilter[]): LdapFilter {
  const members: LdapFilter[] = [];
  for (const f of filters) {
    if (isTrue(f)) return ldapTrue;
    if (f.kind === "or") members.push(...f.filters);
    else members.push(f);
  }
  members.splice(0, members.length, ...distinct(members));
  if (members.length === 1 && members[0] !== undefined) return members[0];
  return Object.freeze({ kind: "or", filters: Object.freeze(members) });
}

export function not(filter: LdapFilter): LdapFilter {
  return Object.freeze({ kind: "not", filter });
}

export function equality(attribute: string, value: string): LdapFilter {
  return Object.freeze({ kind: "equality", attribute, value });
}

export function present(attribute: string): LdapFilter {
  return Object.freeze({ kind: "present", attribute });
}

export function greaterOrEqual(attribute: string, value: string): LdapFilter {
  return Object.freeze({ kind: "greaterOrEqual", attribute, value });
}

export function lessOrEqual(attribute: string, value: string): LdapFilter {
  return Object.freeze({ kind: "lessOrEqual", attribute, value });
}

/** RFC 4515 `substring`: at least one of the parts is non-empty (callers use `present` otherwise). */
export function substrings(
  attribute: string,
  parts: { readonly initial?: string; readonly any?: readonly string[]; readonly final?: string },
): LdapFilter {
  return Object.freeze({
    kind: "substrings",
    attribute,
    initial: parts.initial === "" ? undefined : parts.initial,
    any: Object.freeze((parts.any ?? []).filter((p) => p !== "")),
    final: parts.final === "" ? undefined : parts.final,
  });
}

/**
 * RFC 4515 §3 `valueencoding`: the octets `*` `(` `)` `\` and NUL must be written as a backslash and two
 * hex digits; everything else may appear as UTF-8. Only those five are escaped: ldapts decodes `\XX`
 * escapes one octet per character, so escaping a multi-octet UTF-8 character would corrupt it.
 */
export function escapeFilterValue(value: string): string {
  let out = "";
  for (const c of value)
    out += "*()\\\u0000".includes(c) ? `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}` : c;
  return out;
}

const trueText = "(objectClass=*)";

/** The RFC 4515 string of a filter. */
export function renderFilter(f: LdapFilter): string {
  switch (f.kind) {
    case "and":
      return f.filters.length === 0 ? trueText : `(&${f.filters.map(renderFilter).join("")})`;
    case "or":
      return f.filters.length === 0 ? `(!${trueText})` : `(|${f.filters.map(renderFilter).join("")})`;
    case "not":
      return `(!${renderFilter(f.filter)})`;
    case "equality":
      return `(${f.attribute}=${escapeFilterValue(f.value)})`;
    case "greaterOrEqual":
      return `(${f.attribute}>=${escapeFilterValue(f.value)})`;
    case "lessOrEqual":
      return `(${f.attribute}<=${escapeFilterValue(f.value)})`;
    case "present":
      return `(${f.attribute}=*)`;
    case "substrings": {
      const middle = f.any.map((p) => `${escapeFilterValue(p)}*`).join("");
      return `(${f.attribute}=${escapeFilterValue(f.initial ?? "")}*${middle}${escapeFilterValue(f.final ?? "")})`;
    }
  }
}
