// The immutable rule on replace and on a PATCH result (RFC 7643 §7: immutable "MAY be defined at
// resource creation (e.g., POST) or at record replacement via a request (e.g., a PUT). The attribute SHALL
// NOT be updated."; RFC 7644 §3.5.1: "If one or more values are already set for the attribute, the input
// value(s) MUST match, or HTTP status code 400 SHOULD be returned with a scimType error code of
// mutability. If the service provider has no existing values, the new value(s) SHALL be applied.").
//
// Decisions:
// - PUT that omits an immutable attribute keeps the existing value: RFC 7644 §3.5.1 lets the server treat
//   omitted attributes as "not asserted", and clearing would be the one update immutability forbids.
// - A PATCH result that lost an existing immutable value is an update, so it is refused.
// - Sub-attributes of a *multi-valued* complex attribute (Group `members.value`) are not compared: values
//   have no identity, so replacing the list adds and removes values, which RFC 7643 §4.2 allows ("While
//   values MAY be added or removed, sub-attributes of members are immutable"). Changing a member's value in
//   place through a PATCH path is the PATCH engine's check.
import type { Issue } from "../errors/issues.js";
import { issue } from "../errors/issues.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import { isUnassigned } from "./normalise-resource.js";
import { sameValue } from "./same-value.js";
import { containersOf, valuesOf } from "./schema-containers.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";

export function applyImmutable(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  resource: JsonObject,
  existing: JsonObject,
  mode: "replace" | "patch-result",
  issues: Issue[],
): void {
  for (const container of containersOf(registry, rt)) {
    const before = valuesOf(existing, container);
    if (before === undefined) continue;
    // The container is created only when an omitted value must be carried over.
    const target = () => {
      if (!container.extension) return resource;
      const held = resource[container.urn];
      if (isJsonObject(held)) return held;
      const created: JsonObject = {};
      resource[container.urn] = created;
      return created;
    };
    for (const def of container.defs) {
      const path = `${container.prefix}${def.name}`;
      if (def.mutability === "immutable") {
        compare(def, before[def.name], valuesOf(resource, container)?.[def.name], path, mode, issues, (v) => {
          target()[def.name] = v;
        });
      } else if (def.type === "complex" && !def.multiValued && def.mutability !== "readOnly") {
        const beforeValue = before[def.name];
        if (!isJsonObject(beforeValue)) continue;
        for (const sub of def.subAttributes ?? []) {
          if (sub.mutability !== "immutable") continue;
          const now = valuesOf(resource, container)?.[def.name];
          const nowSub = isJsonObject(now) ? now[sub.name] : undefined;
          compare(sub, beforeValue[sub.name], nowSub, `${path}.${sub.name}`, mode, issues, (v) => {
            const holder = target();
            const parent = holder[def.name];
            if (isJsonObject(parent)) parent[sub.name] = v;
            else holder[def.name] = { [sub.name]: v };
          });
        }
      }
    }
  }
}

function compare(
  def: AttributeDefinition,
  before: JsonValue | undefined,
  now: JsonValue | undefined,
  path: string,
  mode: "replace" | "patch-result",
  issues: Issue[],
  carry: (value: JsonValue) => void,
): void {
  if (before === undefined || isUnassigned(before)) return;
  if (isUnassigned(now)) {
    if (mode === "replace") carry(before);
    else
      issues.push(
        issue("mutability", path, "is immutable and already has a value; it cannot be removed (RFC 7643 §7)"),
      );
    return;
  }
  if (!sameValue(def, before, now)) {
    issues.push(
      issue(
        "mutability",
        path,
        "is immutable and already has a value; it can only be sent unchanged (RFC 7644 §3.5.1)",
      ),
    );
  }
}
