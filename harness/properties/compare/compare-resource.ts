// SCIM-aware comparison of a sent (or predicted) resource with the one the target returned, per
// attribute path. The rules, each from the RFCs:
// - attribute names and schema URNs match case-insensitively (RFC 7643 §2.1);
// - absent, null and [] are the same state (RFC 7643 §2.5);
// - values compare by type (values/scalar.ts): caseExact-aware strings (RFC 7643 §2.3.1), numbers
//   numerically, dateTimes as instants (RFC 7643 §2.3.5), binary by octets;
// - multi-valued attributes are unordered (RFC 7643 §2.4), so values are paired before comparing;
// - readOnly attributes are the server's (RFC 7643 §7), `returned: never` and writeOnly values are
//   never returned (RFC 7643 §7), so neither is compared; `returned: request` only when requested;
// - values the request left out may get server defaults (RFC 7644 §3.3, §3.5.1): tolerated inventions.
import type { JsonObject } from "../json/json.js";
import { getCi, isObject, isUnassigned, keyCi } from "../json/json.js";
import { attributeValue } from "../schema-model/resource-access.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../schema-model/schema-model.js";
import { scalarEquals } from "../values/scalar.js";
import type { FieldDiff, ResourceDiff } from "./resource-diff.js";

export interface CompareOptions {
  /** returned=request attribute paths the read asked for with `attributes` (case-insensitive). */
  readonly requested?: readonly string[];
  /**
   * What an invention at an attribute the request left out means. "server-default" (create, PUT)
   * tolerates it (RFC 7644 §3.3 "MAY assign a default value"); "defect" (PATCH, whose model starts from
   * the server's own representation) does not.
   */
  readonly absentMeans?: "server-default" | "defect";
  /** The reason recorded on tolerated inventions. */
  readonly defaultReason?: string;
}

interface Walk {
  readonly out: FieldDiff[];
  readonly requested: ReadonlySet<string>;
  readonly tolerateDefaults: boolean;
  readonly defaultReason: string;
}

/** Whether the attribute's values can be compared at all after a read (RFC 7643 §7 returned). */
export function comparable(attr: AttributeDef, requested: ReadonlySet<string>): boolean {
  if (attr.mutability === "readOnly" || attr.mutability === "writeOnly") return false;
  if (attr.returned === "never") return false;
  if (attr.returned === "request") return requested.has(attr.path.toLowerCase());
  return true;
}

/** RFC 7643 §2.4: only `primary: true` marks a value; false and absent both mean "not primary". */
function isPrimaryFlag(attr: AttributeDef): boolean {
  return attr.parent !== undefined && attr.type === "boolean" && attr.name.toLowerCase() === "primary";
}

function normalised(attr: AttributeDef, value: unknown): unknown {
  return isPrimaryFlag(attr) && value === false ? undefined : value;
}

function scalar(attr: AttributeDef, sent: unknown, got: unknown, walk: Walk, tolerate: boolean): void {
  const s = normalised(attr, sent);
  const g = normalised(attr, got);
  const su = isUnassigned(s);
  const gu = isUnassigned(g);
  const base = { path: attr.path, caseExact: attr.caseExact };
  if (su && gu) return;
  if (su) {
    walk.out.push({
      ...base,
      verdict: "invented",
      got: g,
      ...(tolerate ? { tolerated: walk.defaultReason } : {}),
    });
  } else if (gu) {
    walk.out.push({ ...base, verdict: "lost", sent: s });
  } else if (scalarEquals(attr, s, g) !== false) {
    walk.out.push({ ...base, verdict: "equal", sent: s, got: g });
  } else {
    walk.out.push({ ...base, verdict: "altered", sent: s, got: g });
  }
}

function subAttributes(attr: AttributeDef, walk: Walk): AttributeDef[] {
  return attr.subAttributes.filter((sub) => comparable(sub, walk.requested));
}

/** One complex value (single-valued, or one element of a multi-valued attribute). */
function complexValue(attr: AttributeDef, sent: unknown, got: unknown, walk: Walk, tolerate: boolean): void {
  if (!isUnassigned(got) && !isObject(got)) {
    walk.out.push({ path: attr.path, verdict: "altered", sent, got, caseExact: attr.caseExact });
    return;
  }
  const elementSent = !isUnassigned(sent);
  for (const sub of subAttributes(attr, walk)) {
    const s = getCi(sent, sub.name);
    // Sub-attributes the request left out of a value it did send may be defaulted (e.g. emails.display
    // on create); immutable ones are the server's to complete even after a PATCH (members.display,
    // members.$ref, RFC 7643 §4.2). A whole value nobody sent is judged by `tolerate` alone.
    const tolerateSub = elementSent
      ? isUnassigned(s) && (walk.tolerateDefaults || sub.mutability === "immutable")
      : tolerate;
    scalar(sub, s, getCi(got, sub.name), walk, tolerateSub);
  }
}

/** How much of `sent` reads back in `got`: the number of sent sub-attribute values that are equal. */
function pairScore(attr: AttributeDef, sent: unknown, got: unknown, walk: Walk): number {
  if (attr.type !== "complex") return scalarEquals(attr, sent, got) !== false ? 1 : 0;
  let score = 0;
  for (const sub of subAttributes(attr, walk)) {
    const s = normalised(sub, getCi(sent, sub.name));
    if (isUnassigned(s)) continue;
    if (scalarEquals(sub, s, normalised(sub, getCi(got, sub.name))) !== false) score += 1;
  }
  return score;
}

/**
 * Pairs sent values with returned ones, best matches first (multi-valued attributes are unordered,
 * RFC 7643 §2.4); what stays unpaired on both sides is paired in order and reads as altered.
 */
function pairValues(
  attr: AttributeDef,
  sent: readonly unknown[],
  got: readonly unknown[],
  walk: Walk,
): { pairs: [unknown, unknown][]; lost: unknown[]; extra: unknown[] } {
  const candidates: { i: number; j: number; score: number }[] = [];
  sent.forEach((s, i) => {
    got.forEach((g, j) => {
      const score = pairScore(attr, s, g, walk);
      if (score > 0) candidates.push({ i, j, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const usedS = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [unknown, unknown][] = [];
  for (const c of candidates) {
    if (usedS.has(c.i) || usedG.has(c.j)) continue;
    usedS.add(c.i);
    usedG.add(c.j);
    pairs.push([sent[c.i], got[c.j]]);
  }
  const restS = sent.filter((_, i) => !usedS.has(i));
  const restG = got.filter((_, j) => !usedG.has(j));
  const n = Math.min(restS.length, restG.length);
  for (let k = 0; k < n; k += 1) pairs.push([restS[k], restG[k]]);
  return { pairs, lost: restS.slice(n), extra: restG.slice(n) };
}

function asList(value: unknown): unknown[] {
  if (isUnassigned(value)) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => !isUnassigned(v));
}

function multiValued(attr: AttributeDef, sent: unknown, got: unknown, walk: Walk): void {
  if (!isUnassigned(got) && !Array.isArray(got)) {
    walk.out.push({ path: attr.path, verdict: "altered", sent, got, caseExact: attr.caseExact });
    return;
  }
  const s = asList(sent);
  const g = asList(got);
  // Values added to an attribute the request did not send at all are a server default; an extra
  // value next to values the request did send is an invention.
  const tolerateExtra = walk.tolerateDefaults && s.length === 0;
  const { pairs, lost, extra } = pairValues(attr, s, g, walk);
  for (const [a, b] of pairs) {
    if (attr.type === "complex") complexValue(attr, a, b, walk, walk.tolerateDefaults);
    else scalar(attr, a, b, walk, false);
  }
  for (const a of lost) {
    if (attr.type === "complex") complexValue(attr, a, undefined, walk, false);
    else scalar(attr, a, undefined, walk, false);
  }
  for (const b of extra) {
    if (attr.type === "complex") complexValue(attr, undefined, b, walk, tolerateExtra);
    else scalar(attr, undefined, b, walk, tolerateExtra);
  }
}

function attribute(attr: AttributeDef, sent: unknown, got: unknown, walk: Walk): void {
  const tolerate = walk.tolerateDefaults && isUnassigned(sent);
  if (attr.multiValued) multiValued(attr, sent, got, walk);
  else if (attr.type === "complex") complexValue(attr, sent, got, walk, tolerate);
  else scalar(attr, sent, got, walk, tolerate);
}

/** Keys of the returned representation that the type's schemas do not declare. */
function undeclared(type: ResourceTypeModel, got: JsonObject, walk: Walk): void {
  const special = new Set(["schemas", ...type.schemaUrns.map((u) => u.toLowerCase())]);
  const report = (value: unknown, path: string): void => {
    if (isUnassigned(value)) return;
    walk.out.push({
      path,
      verdict: "invented",
      got: value,
      tolerated: "not declared in the target's /Schemas (judged by the schema checks, not here)",
      caseExact: false,
    });
  };
  for (const [key, value] of Object.entries(got)) {
    if (special.has(key.toLowerCase())) continue;
    if (type.resolve(key) === undefined) report(value, key);
  }
  for (const ext of type.extensions) {
    const key = keyCi(got, ext.schema.id);
    const container = key === undefined ? undefined : got[key];
    if (!isObject(container)) continue;
    for (const [name, value] of Object.entries(container)) {
      if (type.resolve(`${ext.schema.id}:${name}`) === undefined) report(value, `${ext.schema.id}:${name}`);
    }
  }
}

export function compareResource(
  type: ResourceTypeModel,
  sent: JsonObject,
  got: JsonObject,
  options: CompareOptions = {},
): ResourceDiff {
  const walk: Walk = {
    out: [],
    requested: new Set(
      (options.requested ?? []).map((p) => type.resolve(p)?.target.path.toLowerCase() ?? p.toLowerCase()),
    ),
    tolerateDefaults: (options.absentMeans ?? "server-default") === "server-default",
    defaultReason:
      options.defaultReason ?? "a server default for a value the request left out (RFC 7644 §3.3)",
  };
  for (const { attribute: attr, schema, extension } of type.topLevel()) {
    if (!comparable(attr, walk.requested)) continue;
    const resolved: ResolvedPath = { schema, extension, attribute: attr, sub: undefined, target: attr };
    attribute(attr, attributeValue(sent, resolved), attributeValue(got, resolved), walk);
  }
  undeclared(type, got, walk);
  return { fields: walk.out };
}
