// StoreFilter → LDAP filter (RFC 4515). The LDAP filter only narrows the candidates: the full StoreFilter is
// then evaluated on every fetched entry with the in-memory matcher (the contract's executable spec), so
// the one property this compiler must have is SOUNDNESS: it never excludes an entry the StoreFilter
// matches. Exactness is given up on purpose, because the directory's matching rules are not SCIM's:
// - RFC 4518 string preparation folds case with its own (older) Unicode tables, applies NFKC and treats
//   runs of spaces as one, where SCIM folds with the running V8's Unicode and NFC (compare-values.ts).
//   A case-insensitive literal is pushed only when it is printable ASCII without leading, trailing or
//   double spaces: then every SCIM match is a directory match (the only non-ASCII characters that fold
//   into ASCII, U+0130 U+037E U+1FEF U+212A, fold the same way in slapd: ldap-datastore.test.ts). Any
//   other case-insensitive `eq`, on an attribute or a complex value's member, is the exact search of SCIM's
//   own comparison key (scimKey, ldap-value-keys.ts) when the directory holds keys, and such a `sw`, `ew`
//   or `co` a substrings search of those keys where scimKey has a SUBSTR rule.
// - Case-exact literals are pushed for equality only: identical strings prepare identically, but
//   "e\u0301" contains "e" to SCIM's case-exact `co` and not after NFKC.
// - ORDERING rules (caseIgnoreOrderingMatch) sort NFKC-prepared text ("ﬀ" before "z"), SCIM sorts code
//   points ("z" before "ﬀ"): string gt/ge/lt/le only require the attribute to be present. Integers and
//   the engine's timestamps are ordered the same way by both and are pushed.
// - A negation is not pushed: LDAP's NOT of an Undefined comparison is Undefined (RFC 4511 §4.5.1.7),
//   and a negated superset is a subset.
// - A mapped attribute may live in the scimAttributes document instead (ldap-entry-codec.ts): every
//   narrowing on attribute X is (|(narrowing)(scimJsonAttribute=X)).
// Whatever is not pushed is logged by the caller as evaluated in memory, with a bound on the candidates.

import { dateTimeKey } from "../../protocol/filter/date-time.js";
import type { CompareOperator, FilterValue } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { StoreAttribute, StoreFilter } from "../datastore.js";
import type { AttributeTypeInfo, DirectorySchema } from "./ldap-directory-schema.js";
import { engineAttributes } from "./ldap-entry-codec.js";
import {
  and,
  equality,
  greaterOrEqual,
  type LdapFilter,
  ldapFalse,
  ldapTrue,
  lessOrEqual,
  or,
  present,
  substrings,
} from "./ldap-filter.js";
import { isWellFormed, syntaxes, textFits } from "./ldap-syntax.js";
import { type KeyUse, keyAttribute, keyParts, valueKey } from "./ldap-value-keys.js";

/** The directory attribute type a mapped attribute name may be held in, or undefined (document only). */
export type NativeType = (entryAttribute: string) => AttributeTypeInfo | undefined;

/** What the entry codec may write a mapped attribute to: a user attribute type the engine does not own. */
export function nativeTypes(schema: DirectorySchema): NativeType {
  return (name) => {
    const at = schema.attribute(name);
    return at === undefined || at.operational || engineAttributes.has(at.name.toLowerCase()) ? undefined : at;
  };
}

const jsonMarker = "scimJsonAttribute";
const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Printable ASCII whose spaces are single and inside: RFC 4518 §2.6.1 space handling cannot move it. */
export function isPlainAscii(text: string): boolean {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(text) && !text.includes("  ");
}

const caseIgnoreRules = new Set([
  "caseignorematch",
  "caseignoreia5match",
  "caseignoresubstringsmatch",
  "caseignoreia5substringsmatch",
  "telephonenumbermatch",
  "telephonenumbersubstringsmatch",
]);
const caseExactRules = new Set(["caseexactmatch", "caseexactia5match", "octetstringmatch"]);

function ruleIn(rule: string | undefined, rules: ReadonlySet<string>): boolean {
  return rule !== undefined && rules.has(rule.toLowerCase());
}

/** Entries that hold the attribute natively or in the document: the weakest sound narrowing. */
function held(attr: StoreAttribute, at: AttributeTypeInfo | undefined): LdapFilter {
  // A name UTF-8 cannot carry (a lone surrogate) would be sent as U+FFFD and match nothing.
  if (!isWellFormed(attr.name)) return ldapTrue;
  const marker = equality(jsonMarker, attr.name);
  return at === undefined ? marker : or(present(at.name), marker);
}

function caseExact(attr: StoreAttribute): boolean {
  return attr.caseExact || attr.type === "reference" || attr.type === "binary";
}

/**
 * Whether the directory's equality on `at` calls two values of `attr` equal exactly when SCIM does, for
 * `value` and anything compared with it: a case-insensitive string under a case-ignoring rule, printable
 * ASCII. The `eq` narrowing below pushes such a literal; the LDAP writes let the RDN decide uniqueness.
 */
export function sameEqualityAsScim(attr: StoreAttribute, at: AttributeTypeInfo, value: string): boolean {
  return (
    attr.type === "string" &&
    !caseExact(attr) &&
    ruleIn(at.equality, caseIgnoreRules) &&
    isPlainAscii(value) &&
    textFits(at.syntax, value)
  );
}

/** A narrowing of `at op value` for a text attribute, or undefined when only presence is sound. */
function textNarrowing(
  attr: StoreAttribute,
  at: AttributeTypeInfo,
  op: CompareOperator,
  value: string,
): LdapFilter | undefined {
  if (!["string", "reference", "binary"].includes(attr.type) || !isWellFormed(value)) return undefined;
  const exact = caseExact(attr);
  if (op === "eq") {
    if (!textFits(at.syntax, value)) return undefined;
    const rule = at.equality;
    if (
      exact
        ? ruleIn(rule, caseExactRules) || ruleIn(rule, caseIgnoreRules)
        : sameEqualityAsScim(attr, at, value)
    ) {
      return equality(at.name, value);
    }
    return undefined;
  }
  if (op !== "co" && op !== "sw" && op !== "ew") return undefined;
  if (exact || !isPlainAscii(value) || !ruleIn(at.substr, caseIgnoreRules)) return undefined;
  if (op === "sw") return substrings(at.name, { initial: value });
  if (op === "ew") return substrings(at.name, { final: value });
  return substrings(at.name, { any: [value] });
}

function integerNarrowing(at: AttributeTypeInfo, op: CompareOperator, value: number): LdapFilter | undefined {
  if (at.syntax !== syntaxes.integer || !Number.isFinite(value)) return undefined;
  const bound = (n: number) => (Number.isSafeInteger(n) ? String(n) : undefined);
  const ordered = at.ordering?.toLowerCase() === "integerorderingmatch";
  switch (op) {
    case "eq": {
      if (!Number.isInteger(value)) return ldapFalse; // no integer equals 9.5
      const v = bound(value);
      return v === undefined ? undefined : equality(at.name, v);
    }
    case "gt":
    case "ge": {
      const v = bound(op === "gt" ? Math.floor(value) + 1 : Math.ceil(value));
      return ordered && v !== undefined ? greaterOrEqual(at.name, v) : undefined;
    }
    case "lt":
    case "le": {
      const v = bound(op === "lt" ? Math.ceil(value) - 1 : Math.floor(value));
      return ordered && v !== undefined ? lessOrEqual(at.name, v) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether the native substrings narrowing (textNarrowing) selects exactly what SCIM's matcher does. */
function sameSubstringsAsScim(attr: StoreAttribute, at: AttributeTypeInfo, value: string): boolean {
  return (
    attr.type === "string" && !caseExact(attr) && isPlainAscii(value) && ruleIn(at.substr, caseIgnoreRules)
  );
}

/**
 * A case-insensitive comparison the directory's own rules cannot decide, as a search of the SCIM
 * comparison keys (ldap-value-keys.ts): `eq` the exact key, `sw`/`ew`/`co` a substrings assertion on
 * the keys where `search` allows it. The keys hold every text value and complex member of every entry,
 * wherever the codec put it (the members' keys once `keys.members` says so), so no marker for the
 * document is needed. Undefined where the native narrowing is exact already (printable ASCII on a
 * case-ignoring attribute) or the keys cannot serve (another type, a case-exact attribute: the keys are
 * folds, and "e\u0301" starts with "e" while its fold "é" does not start with "e").
 */
function keyNarrowing(
  attr: StoreAttribute,
  at: AttributeTypeInfo | undefined,
  op: CompareOperator,
  value: Exclude<FilterValue, null>,
  keys: KeyUse,
): LdapFilter | undefined {
  const { search } = keys;
  if (search === "none" || typeof value !== "string") return undefined;
  if (attr.type !== "string" || caseExact(attr)) return undefined;
  if (attr.subPath !== undefined && !keys.members) return undefined;
  // A sub-attribute has no native narrowing but presence (a complex value is one JSON text per element).
  const native = attr.subPath === undefined ? at : undefined;
  if (op === "eq") {
    if (native !== undefined && sameEqualityAsScim(attr, native, value)) return undefined;
    return equality(keyAttribute, valueKey(attr.name, attr.subPath, value));
  }
  if (search !== "substrings" || (op !== "sw" && op !== "ew" && op !== "co")) return undefined;
  if (native !== undefined && sameSubstringsAsScim(attr, native, value)) return undefined;
  return substrings(keyAttribute, keyParts(attr.name, attr.subPath, op, value));
}

function entryCompare(
  attr: StoreAttribute,
  at: AttributeTypeInfo | undefined,
  op: CompareOperator,
  value: Exclude<FilterValue, null>,
  keys: KeyUse,
): LdapFilter {
  const byKey = keyNarrowing(attr, at, op, value, keys);
  if (byKey !== undefined) return byKey;
  if (at === undefined || attr.subPath !== undefined) return held(attr, at);
  let narrowed: LdapFilter | undefined;
  if (typeof value === "string") narrowed = textNarrowing(attr, at, op, value);
  else if (typeof value === "number" && (attr.type === "integer" || attr.type === "decimal")) {
    narrowed = integerNarrowing(at, op, value);
  } else if (typeof value === "boolean" && attr.type === "boolean" && op === "eq") {
    if (at.syntax === syntaxes.boolean && at.equality?.toLowerCase() === "booleanmatch") {
      narrowed = equality(at.name, value ? "TRUE" : "FALSE");
    }
  }
  return or(narrowed ?? present(at.name), held(attr, undefined));
}

/** RFC 4517 §3.3.13 GeneralizedTime of a SCIM instant, whole seconds, rounded down or up. */
function generalizedTime(value: FilterValue, round: "down" | "up"): string | undefined {
  const key = typeof value === "string" ? dateTimeKey(value) : undefined;
  if (key === undefined) return undefined;
  let ms = Date.parse(`${key.slice(0, 19)}Z`);
  if (Number.isNaN(ms)) return undefined;
  if (round === "up" && /[1-9]/.test(key.slice(20, 29))) ms += 1000;
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso)) return undefined;
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * meta.created is createTimestamp (whole seconds), so a range rounded outwards to seconds selects every
 * entry the instant comparison can match. meta.lastModified (ldap-entries.ts) is entryCSN's time, or the
 * creation time of an entry never modified; modifyTimestamp is the whole second of the last change, so it
 * bounds lastModified from below only: a group whose member was renamed has a later modifyTimestamp while
 * its lastModified stays its creation time.
 */
function timestampCompare(
  ldapAttr: string,
  op: CompareOperator,
  value: FilterValue,
  bounds: "both" | "lower",
): LdapFilter {
  const low = op === "eq" || op === "gt" || op === "ge" ? generalizedTime(value, "down") : undefined;
  const upper = bounds === "both" && (op === "eq" || op === "lt" || op === "le");
  const high = upper ? generalizedTime(value, "up") : undefined;
  return and(
    low === undefined ? ldapTrue : greaterOrEqual(ldapAttr, low),
    high === undefined ? ldapTrue : lessOrEqual(ldapAttr, high),
  );
}

function engineCompare(
  attr: StoreAttribute,
  op: CompareOperator,
  value: Exclude<FilterValue, null>,
): LdapFilter {
  switch (attr.name) {
    case "id":
      // Ids are entryUUIDs; a literal that is not one names no entry. UUIDMatch ignores case, SCIM ids
      // do not: the matcher drops the differently cased ones.
      if (op !== "eq") return ldapTrue;
      return typeof value === "string" && uuid.test(value) ? equality("entryUUID", value) : ldapFalse;
    case "meta.created":
      return timestampCompare("createTimestamp", op, value, "both");
    case "meta.lastModified":
      return timestampCompare("modifyTimestamp", op, value, "lower");
    default:
      return ldapTrue; // members and groups: evaluated on the membership graph
  }
}

/**
 * A sound LDAP narrowing of a validated StoreFilter (validate-store-filter.ts runs first). `keys`: what
 * the directory's scimKey can be searched for, given which keys the container's entries have
 * (ldap-value-keys.ts); `noKeys` for a directory without it.
 */
export function compileStoreFilter(filter: StoreFilter, nativeType: NativeType, keys: KeyUse): LdapFilter {
  const typeOf = (attr: StoreAttribute) => (attr.source === "entry" ? nativeType(attr.name) : undefined);
  const presence = (attr: StoreAttribute) => (attr.source === "entry" ? held(attr, typeOf(attr)) : ldapTrue);
  const inner = (f: StoreFilter) => compileStoreFilter(f, nativeType, keys);
  return visitFilter<StoreAttribute, LdapFilter>(filter, {
    compare: (n) => {
      if (n.value === null) return n.op === "ne" ? presence(n.attr) : ldapTrue;
      if (n.op === "ne") return ldapTrue;
      return n.attr.source === "engine"
        ? engineCompare(n.attr, n.op, n.value)
        : entryCompare(n.attr, typeOf(n.attr), n.op, n.value, keys);
    },
    present: (n) => presence(n.attr),
    and: (n) => and(inner(n.left), inner(n.right)),
    or: (n) => or(inner(n.left), inner(n.right)),
    not: () => ldapTrue,
    // One element satisfies the inner filter, so the entry satisfies each of its (monotone) narrowings.
    valuePath: (n) => and(presence(n.attr), inner(n.filter)),
  });
}
