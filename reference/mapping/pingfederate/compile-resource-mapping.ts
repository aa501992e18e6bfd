// Checks and compiles one resource type's pair of mappings (PingFederate `writeUsers` + `readUsers`, or
// `writeGroups` + `readGroups`) into slots the engine runs. Every problem becomes a ConfigIssue naming
// the field and the fix; nothing throws. The rules are PingFederate's where it has them (D-wmap, D-rmap,
// D-rcon in pingfederate-model.md) and ours where SCIM needs them (required and unique attributes).
import { isJsonObject } from "../../protocol/resource/json.js";
import { type Checked, type ConfigIssue, configIssue, keyPath } from "./config-issue.js";
import {
  parseReadSource,
  parseWriteSource,
  type ReadSource,
  storeAttributeProblem,
  type WriteSource,
} from "./fulfillment-source.js";
import { type MappingPath, parseMappingPath } from "./mapping-path.js";
import { checkContract } from "./read-contract.js";
import type {
  CompiledResourceMapping,
  ReadSlot,
  ResourceMappingInput,
  WriteSlot,
} from "./resource-mapping.js";

function fulfillmentOf(
  value: unknown,
  path: string,
  issues: ConfigIssue[],
): Record<string, unknown> | undefined {
  const inner = isJsonObject(value) ? value.attributeFulfillment : undefined;
  if (!isJsonObject(inner)) {
    issues.push(
      configIssue(
        keyPath(path, "attributeFulfillment"),
        "attributeFulfillment is missing or not an object.",
        "Add attributeFulfillment: { <key>: { source: { type }, value } }.",
      ),
    );
    return undefined;
  }
  return inner;
}

/** Groups of a multi-valued attribute's elements: all of them ("sub") or one type ("typed"). */
function elementGroup(path: MappingPath): string | undefined {
  if (!path.top.attribute.multiValued || path.kind === "attribute") return undefined;
  return `${path.top.path.toLowerCase()}|${path.type?.toLowerCase() ?? ""}`;
}

function compileWrite(input: ResourceMappingInput, issues: ConfigIssue[]): WriteSlot[] {
  const fulfillment = fulfillmentOf(input.write, input.writePath, issues);
  if (fulfillment === undefined) return [];
  const parsed: { storeAttribute: string; source: WriteSource }[] = [];
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(fulfillment)) {
    const path = keyPath(keyPath(input.writePath, "attributeFulfillment"), key);
    const problem = storeAttributeProblem(key);
    if (problem !== undefined) {
      issues.push(configIssue(path, problem, "Key the write mapping by the datastore attribute to write."));
      continue;
    }
    const twin = seen.get(key.toLowerCase());
    if (twin !== undefined) {
      issues.push(
        configIssue(
          path,
          `"${key}" and "${twin}" differ only in case; LDAP attribute names do not.`,
          "Keep one of them.",
        ),
      );
      continue;
    }
    seen.set(key.toLowerCase(), key);
    const result = parseWriteSource(value, path, input);
    issues.push(...result.issues);
    if (result.source !== undefined) parsed.push({ storeAttribute: key, source: result.source });
  }
  const groupSizes = new Map<string, number>();
  for (const p of parsed) {
    const group = p.source.kind === "scim" ? elementGroup(p.source.path) : undefined;
    if (group !== undefined) groupSizes.set(group, (groupSizes.get(group) ?? 0) + 1);
  }
  return parsed.map((p) => {
    const group = p.source.kind === "scim" ? elementGroup(p.source.path) : undefined;
    return Object.freeze({ ...p, compact: group === undefined || groupSizes.get(group) === 1 });
  });
}

function compileReadEntries(input: ResourceMappingInput, issues: ConfigIssue[]) {
  const fulfillment = fulfillmentOf(input.read, input.readPath, issues);
  const entries: { path: MappingPath; source: ReadSource; at: string }[] = [];
  if (fulfillment === undefined) return entries;
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(fulfillment)) {
    const at = keyPath(keyPath(input.readPath, "attributeFulfillment"), key);
    const parsed = parseMappingPath(input.registry, input.resourceType, key);
    if (!parsed.ok) {
      issues.push(configIssue(at, parsed.message, parsed.fix));
      continue;
    }
    const twin = seen.get(parsed.path.key);
    if (twin !== undefined) {
      issues.push(configIssue(at, `"${key}" is the same SCIM path as "${twin}".`, "Keep one of them."));
      continue;
    }
    seen.set(parsed.path.key, key);
    const result = parseReadSource(value, at, input, parsed.path);
    issues.push(...result.issues);
    if (result.source !== undefined) entries.push({ path: parsed.path, source: result.source, at });
  }
  // A single-valued complex attribute is filled whole or by sub-attributes, never both: which would win?
  for (const e of entries) {
    if (
      e.path.kind !== "attribute" ||
      e.path.top.attribute.type !== "complex" ||
      e.path.top.attribute.multiValued
    )
      continue;
    const part = entries.find((o) => o.path.kind === "sub" && o.path.top.path === e.path.top.path);
    if (part !== undefined) {
      issues.push(
        configIssue(
          e.at,
          `${e.path.text} is filled whole and also through ${part.path.text}.`,
          `Map either ${e.path.text} or its sub-attributes.`,
        ),
      );
    }
  }
  return entries;
}

function linkDirect(
  write: readonly WriteSlot[],
  entries: ReturnType<typeof compileReadEntries>,
  masked: ReadonlySet<string>,
): ReadSlot[] {
  const readsOf = new Map<string, number>();
  for (const e of entries) {
    if (e.source.kind === "store")
      readsOf.set(e.source.attribute, (readsOf.get(e.source.attribute) ?? 0) + 1);
  }
  return entries.map((e) => {
    const store = e.source.kind === "store" ? e.source.attribute : undefined;
    const written = write.find(
      (w) => w.storeAttribute === store && w.source.kind === "scim" && w.source.path.key === e.path.key,
    );
    const direct = written !== undefined && readsOf.get(store ?? "") === 1;
    return Object.freeze({
      path: e.path,
      source: e.source,
      masked: masked.has(e.path.key),
      direct,
      written: direct ? written : undefined,
    });
  });
}

export function compileResourceMapping(input: ResourceMappingInput): Checked<CompiledResourceMapping> {
  const issues: ConfigIssue[] = [];
  const write = compileWrite(input, issues);
  const entries = compileReadEntries(input, issues);
  const contract = checkContract(input, write, entries, issues);
  const read = linkDirect(write, entries, contract.masked);
  checkSemantics(input, read, issues);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: Object.freeze({
      registry: input.registry,
      resourceType: input.resourceType,
      write: Object.freeze(write),
      read: Object.freeze(read),
      coreAttributes: contract.core,
      extendedAttributes: contract.extended,
    }),
  };
}

/** Required attributes must come back (RFC 7643 §2.2, §7), unique ones must be enforceable by the datastore. */
function checkSemantics(input: ResourceMappingInput, read: readonly ReadSlot[], issues: ConfigIssue[]): void {
  const at = keyPath(input.readPath, "attributeFulfillment");
  for (const def of input.registry.schema(input.resourceType.schema)?.attributes ?? []) {
    if (!def.required || def.mutability === "readOnly") continue;
    const produced = read.some((r) => r.path.top.attribute === def && r.source.kind !== "none");
    if (!produced) {
      issues.push(
        configIssue(
          keyPath(at, def.name),
          `${def.name} is required (RFC 7643 §7) but nothing returns it.`,
          `Map ${def.name} in both directions, e.g. a store attribute written from SCIM ${def.name} and read back.`,
        ),
      );
    }
  }
  for (const slot of read) {
    if (slot.path.leaf.leaf.uniqueness === "none" || slot.direct) continue;
    issues.push(
      configIssue(
        keyPath(at, slot.path.text),
        `${slot.path.text} must be unique (uniqueness "${slot.path.leaf.leaf.uniqueness}", RFC 7643 §2.2), which the datastore can only enforce on a direct mapping.`,
        `Write a store attribute from SCIM ${slot.path.text} and read ${slot.path.text} back from that same attribute.`,
      ),
    );
  }
}
