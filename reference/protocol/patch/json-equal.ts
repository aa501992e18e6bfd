// Structural equality of JSON values, ignoring the order of object keys (RFC 8259 §4: an object is an
// unordered collection) but not of array elements. Used to tell whether a PATCH changed anything, so the
// server can keep `meta.lastModified` and the version when it did not (RFC 7644 §3.5.2.1).
import { isJsonObject, type JsonValue } from "../resource/json.js";

export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
    );
  }
  return false;
}
