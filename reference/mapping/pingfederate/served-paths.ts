// The SCIM paths a compiled PingFederate mapping serves, for discovery (advertised-schemas.ts): every path
// the read mapping fulfils from a source (NO_MAPPING drops it knowingly, PingFederate D-rcon), and the
// attributes the engine keeps to itself (the password, a group's members, a user's groups where there are
// Groups).
import type { ServedPath } from "../../protocol/schema/advertised-schemas.js";
import { isEngineOwned } from "./mapping-path.js";
import type { CompiledResourceMapping } from "./resource-mapping.js";

export function servedPaths(compiled: CompiledResourceMapping): readonly ServedPath[] {
  const out: ServedPath[] = [];
  for (const slot of compiled.read) {
    if (slot.source.kind === "none") continue;
    const { top, leaf, type, kind } = slot.path;
    out.push(
      Object.freeze({
        schema: top.schema,
        attribute: top.attribute.name,
        subAttribute: kind === "attribute" ? undefined : leaf.subAttribute?.name,
        type,
      }),
    );
  }
  const base = compiled.resourceType.schema;
  // A User's groups exist only where the connection serves Groups (PingFederate User Support alone has none).
  const hasGroups = compiled.registry.resourceType("Group") !== undefined;
  for (const def of compiled.registry.schema(base)?.attributes ?? []) {
    if (!isEngineOwned(def.name) || (def.name.toLowerCase() === "groups" && !hasGroups)) continue;
    out.push(Object.freeze({ schema: base, attribute: def.name }));
  }
  return Object.freeze(out);
}
