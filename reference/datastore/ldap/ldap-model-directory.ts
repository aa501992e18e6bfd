// TEST SUPPORT: a model of how the directory evaluates a filter over an entry, for the soundness property
// that runs without a server. Matching follows RFC 4518 string preparation as slapd applies it: NFKC,
// case folding for the caseIgnore rules, characters mapped to nothing removed, runs of spaces as one and
// none at the ends; booleans, integers and UUIDs compare as their syntax says. ldap-differential.test.ts
// checks the same compiler against slapd itself, which is what keeps this model honest.
import type { DirectorySchema } from "./ldap-directory-schema.js";
import type { LdapFilter } from "./ldap-filter.js";
import { equalityKey } from "./ldap-syntax.js";

/** A directory entry as attribute type (canonical lower-case) → values. */
export type ModelEntry = ReadonlyMap<string, readonly string[]>;

function prepare(rule: string | undefined, text: string): string {
  const r = (rule ?? "").toLowerCase();
  if (r.startsWith("caseignore") || r.startsWith("telephonenumber")) {
    const key = equalityKey(text);
    return r.startsWith("telephonenumber") ? key.replace(/[ -]/g, "") : key;
  }
  if (r.startsWith("caseexact")) return caseExactKey(text);
  if (r === "uuidmatch" || r === "uuidorderingmatch") return text.toLowerCase();
  return text;
}

/** caseExact preparation: NFKC, nothing-mapped characters removed, spaces collapsed; case kept. */
function caseExactKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g, "")
    .replace(/[\s\u0085]+/g, " ")
    .trim();
}

function compareOrdered(rule: string | undefined, a: string, b: string): number {
  const r = (rule ?? "").toLowerCase();
  if (r === "integerorderingmatch") return Number(a) - Number(b);
  const x = prepare(r.replace("ordering", ""), a);
  const y = prepare(r.replace("ordering", ""), b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function modelMatches(schema: DirectorySchema, entry: ModelEntry, filter: LdapFilter): boolean {
  switch (filter.kind) {
    case "and":
      return filter.filters.every((f) => modelMatches(schema, entry, f));
    case "or":
      return filter.filters.some((f) => modelMatches(schema, entry, f));
    case "not":
      return !modelMatches(schema, entry, filter.filter);
    case "present":
      return (
        filter.attribute.toLowerCase() === "objectclass" ||
        (entry.get(schema.canonical(filter.attribute)) ?? []).length > 0
      );
    case "equality": {
      const at = schema.attribute(filter.attribute);
      const wanted = prepare(at?.equality, filter.value);
      return (entry.get(schema.canonical(filter.attribute)) ?? []).some(
        (v) => prepare(at?.equality, v) === wanted,
      );
    }
    case "greaterOrEqual":
    case "lessOrEqual": {
      const at = schema.attribute(filter.attribute);
      const sign = filter.kind === "greaterOrEqual" ? 1 : -1;
      return (entry.get(schema.canonical(filter.attribute)) ?? []).some(
        (v) => sign * compareOrdered(at?.ordering, v, filter.value) >= 0,
      );
    }
    case "substrings": {
      const at = schema.attribute(filter.attribute);
      const prep = (t: string) => prepare(at?.substr?.replace("Substrings", ""), t);
      return (entry.get(schema.canonical(filter.attribute)) ?? []).some((raw) => {
        let v = prep(raw);
        if (filter.initial !== undefined) {
          const i = prep(filter.initial);
          if (!v.startsWith(i)) return false;
          v = v.slice(i.length);
        }
        for (const part of filter.any) {
          const p = prep(part);
          const at2 = v.indexOf(p);
          if (at2 < 0) return false;
          v = v.slice(at2 + p.length);
        }
        return filter.final === undefined || v.endsWith(prep(filter.final));
      });
    }
  }
}
