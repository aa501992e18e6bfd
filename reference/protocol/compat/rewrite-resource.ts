// POST and PUT bodies through the compatibility layers (compat-layer.ts), before validation
// (validate-resource.ts). Only the quirks whose scope includes "resource" apply: Entra's "True"/"False"
// strings, a bare string for `manager`, and `{"value": x}` around a simple value. Okta's POST/PUT bodies
// are RFC-shaped (readOnly values in them are ignored by validation anyway, RFC 7644 §3.3).
import { isJsonObject } from "../resource/json.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import { type CompatLayerName, hasLayer } from "./compat-layer.js";
import { rewriteResourceMap } from "./rewrite-values.js";

export interface ResourceBodyContext {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
}

/** The body with the layers' rewrites applied; anything that is not a JSON object is returned as is. */
export function rewriteResourceBody(
  layers: readonly CompatLayerName[],
  body: unknown,
  ctx: ResourceBodyContext,
): unknown {
  if (!hasLayer(layers, "entra") || !isJsonObject(body)) return body;
  return rewriteResourceMap(ctx.registry, ctx.resourceType, body, {
    stringBooleans: true,
    bareComplexValue: true,
    wrappedSimpleValue: true,
    // A POST or PUT that sends "" asserts "" (validation then judges it); only PATCH clears with it.
    emptyStringClears: false,
  });
}
