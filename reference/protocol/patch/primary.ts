// The `primary` rule of multi-valued attributes. RFC 7643 §2.4: "The primary attribute value 'true' MUST
// appear no more than once." RFC 7644 §3.5.2: "a PATCH operation that sets a value's 'primary'
// sub-attribute to 'true' SHALL cause the server to automatically set 'primary' to 'false' for any other
// values in the array."
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import type { AttributeDefinition } from "../schema/schema-definition.js";
import { operationError, type PatchOperation } from "./patch-request.js";

export function hasPrimary(def: AttributeDefinition): boolean {
  return (
    def.multiValued && (def.subAttributes ?? []).some((s) => s.name === "primary" && s.type === "boolean")
  );
}

export function isPrimary(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && value.primary === true;
}

/** An operation may make at most one value primary; two would leave the server to guess. */
export function assertOnePrimary(
  op: PatchOperation,
  def: AttributeDefinition,
  made: readonly JsonValue[],
): void {
  if (!hasPrimary(def)) return;
  const count = made.filter(isPrimary).length;
  if (count > 1) {
    throw operationError(
      op,
      "invalidValue",
      `sets "primary": true on ${count} values of ${def.name}; at most one may be primary (RFC 7643 §2.4)`,
    );
  }
}

/**
 * Makes `keep` the only primary value: every other value that was primary becomes `primary: false`
 * (RFC 7644 §3.5.2). Values are copied, never changed in place.
 */
export function demoteOthers(list: readonly JsonValue[], keep: JsonValue): JsonValue[] {
  return list.map((v) =>
    v !== keep && isPrimary(v) ? ({ ...(v as JsonObject), primary: false } as JsonObject) : v,
  );
}
