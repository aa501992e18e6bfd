// The SCIM paths a mapping names: values of SCIM_USER/SCIM_GROUP sources and keys of the read fulfillment.
// Three forms, all resolved against the connection's schemas (attribute names case-insensitive, RFC 7643
// §2.1; extension attributes URN-qualified, RFC 7644 §3.10, or bare when only one extension defines them):
// - "attribute": a whole top-level attribute, `userName`, `emails`, `urn:…:enterprise:2.0:User:manager`;
// - "sub":       a sub-attribute, `name.givenName`, or across every element of a multi-valued one, `emails.value`;
// - "typed":     PingFederate's flattened notation `<attr>.<type>.<sub>` (`emails.work.value`,
//                `phoneNumbers.mobile.value`, `addresses.work.locality`, pingfederate-model.md §1.7): the
//                elements of a multi-valued complex attribute whose `type` is <type>. The RFC 7644 §3.5.2
//                spelling `emails[type eq "work"].value` is accepted as the same path.
import { parsePatchPath } from "../../protocol/path/parse-patch-path.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";

export interface MappingPath {
  readonly kind: "attribute" | "sub" | "typed";
  /** The top-level attribute (`emails`). */
  readonly top: ResolvedAttribute;
  /** What the path's values are (`emails.value`); `top` itself for kind "attribute". */
  readonly leaf: ResolvedAttribute;
  /** The element type of a typed path, as configured ("work"); compared without case. */
  readonly type: string | undefined;
  /** Canonical identity: schema spelling, type lower-cased; two paths are the same path iff keys are equal. */
  readonly key: string;
  /** Canonical display form, type as configured: `emails.work.value`, `urn:…:User:manager.value`. */
  readonly text: string;
}

/**
 * Fields the engine owns (mapping.ts, datastore.ts): never written or returned by an administrator's mapping.
 * PingFederate also keeps `active` to itself (D-rcon), because it drives AD's account flags; here `active`
 * is a client attribute (RFC 7643 §4.1.1, readWrite) that Entra ID and Okta set to false to deactivate and
 * then read and filter on (conformance checklist PA-21), and DISABLE_USER is separate engine state, so a
 * connection maps `active` like any other attribute.
 */
const engineOwned = new Set(["id", "meta", "schemas", "password", "members", "groups"]);

/** Whether a core attribute (by name, any case) is one the engine keeps to itself. */
export function isEngineOwned(name: string): boolean {
  return engineOwned.has(name.toLowerCase());
}

export type PathResult =
  | { readonly ok: true; readonly path: MappingPath }
  | { readonly ok: false; readonly message: string; readonly fix: string };

const typeWord = /^[^\s.[\]"]+$/;

function fail(message: string, fix: string): PathResult {
  return { ok: false, message, fix };
}

/** `emails[type eq "work"].value` → `emails.work.value`; undefined when the text is not of that form. */
function flattenValueFilter(text: string): string | undefined | Error {
  let parsed: ReturnType<typeof parsePatchPath>;
  try {
    parsed = parsePatchPath(text);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const f = parsed.valueFilter;
  if (
    f?.kind !== "compare" ||
    f.op !== "eq" ||
    typeof f.value !== "string" ||
    f.attr.name.toLowerCase() !== "type" ||
    f.attr.subAttr !== undefined ||
    parsed.subAttr === undefined ||
    !typeWord.test(f.value)
  ) {
    return undefined;
  }
  const prefix = parsed.attr.schema === undefined ? "" : `${parsed.attr.schema}:`;
  return `${prefix}${parsed.attr.name}.${f.value}.${parsed.subAttr}`;
}

function splitLocal(text: string): { schema: string | undefined; segments: string[] } {
  const colon = text.lastIndexOf(":");
  const schema = colon < 0 ? undefined : text.slice(0, colon);
  return { schema, segments: text.slice(colon + 1).split(".") };
}

function display(top: ResolvedAttribute, rest: readonly string[]): string {
  const local = [top.attribute.name, ...rest].join(".");
  return top.extension ? `${top.schema}:${local}` : local;
}

function resolveTop(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  schema: string | undefined,
  name: string,
) {
  const resolved = registry.resolve(rt, { kind: "attrPath", schema, name, subAttr: undefined });
  return resolved?.kind === "attribute" ? resolved : undefined;
}

function attributeNames(registry: SchemaRegistry, rt: ResourceTypeDefinition): string {
  return registry
    .baseAttributes(rt)
    .map((a) => a.name)
    .filter((n) => !engineOwned.has(n))
    .join(", ");
}

export function parseMappingPath(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  raw: string,
): PathResult {
  if (raw.trim() === "" || raw !== raw.trim()) {
    return fail(
      `"${raw}" is not a SCIM path.`,
      'Write a SCIM attribute path such as "userName" or "emails.work.value".',
    );
  }
  let text = raw;
  if (raw.includes("[")) {
    const flat = flattenValueFilter(raw);
    if (flat instanceof Error || flat === undefined) {
      return fail(
        `"${raw}" is not a supported path${flat instanceof Error ? ` (${flat.message})` : ""}.`,
        'Only a type filter may select elements: write "emails.work.value" or emails[type eq "work"].value.',
      );
    }
    text = flat;
  }
  const { schema, segments } = splitLocal(text);
  const [name = "", second, third, ...more] = segments;
  if (schema === undefined && engineOwned.has(name.toLowerCase())) {
    return fail(
      `${name} is managed by the engine, not by a mapping (PingFederate keeps id, meta, the password, group members and user groups to itself).`,
      `Remove this entry; the server ${name.toLowerCase() === "password" ? "hashes the password itself" : `fills ${name} itself`}.`,
    );
  }
  if (more.length > 0 || segments.some((s) => s === "")) {
    return fail(`"${raw}" has too many or empty segments.`, 'Use "attr", "attr.sub" or "attr.<type>.sub".');
  }
  const top = resolveTop(registry, rt, schema, name);
  if (top === undefined) {
    return fail(
      `"${raw}" names no attribute of the ${rt.name} resource type.`,
      `Use one of its attributes (${attributeNames(registry, rt)}) or a URN-qualified extension attribute.`,
    );
  }
  if (second === undefined) {
    const key = top.path.toLowerCase();
    return {
      ok: true,
      path: Object.freeze({ kind: "attribute", top, leaf: top, type: undefined, key, text: top.path }),
    };
  }
  if (top.attribute.type !== "complex") {
    return fail(
      `${top.path} is not complex, so "${raw}" cannot name a sub-attribute.`,
      `Write "${top.path}".`,
    );
  }
  const subName = third ?? second;
  const leaf = registry.resolveSub(top, subName);
  if (leaf === undefined) {
    const subs = (top.attribute.subAttributes ?? []).map((s) => s.name).join(", ");
    return fail(`${top.path} has no sub-attribute "${subName}".`, `Use one of: ${subs}.`);
  }
  const sub = leaf.subAttribute?.name ?? subName;
  if (third === undefined) {
    const text2 = display(top, [sub]);
    return {
      ok: true,
      path: Object.freeze({ kind: "sub", top, leaf, type: undefined, key: text2.toLowerCase(), text: text2 }),
    };
  }
  const hasType = (top.attribute.subAttributes ?? []).some((s) => s.name.toLowerCase() === "type");
  if (!top.attribute.multiValued || !hasType) {
    return fail(
      `"${raw}" uses the <attr>.<type>.<sub> form, but ${top.path} is not a multi-valued attribute with a "type".`,
      `Write "${display(top, [sub])}".`,
    );
  }
  if (sub.toLowerCase() === "type") {
    return fail(
      `"${raw}" maps the type of typed elements, which the path itself fixes.`,
      `Map "${display(top, [second, "value"])}" or "${display(top, ["type"])}".`,
    );
  }
  if (!typeWord.test(second)) {
    return fail(`"${second}" in "${raw}" is not a type name.`, "Use a type without spaces, dots or quotes.");
  }
  const text3 = display(top, [second, sub]);
  const key = display(top, [second.toLowerCase(), sub]).toLowerCase();
  return { ok: true, path: Object.freeze({ kind: "typed", top, leaf, type: second, key, text: text3 }) };
}
