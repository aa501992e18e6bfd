// The result of a single-resource operation: the projected body plus the `Location` and `ETag` values
// taken from the full view's `meta` (RFC 7644 §3.1, §3.14), which projection may have removed.
import type { JsonObject } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import type { ResourceResult } from "../operation-context.js";

export function resourceResult(view: JsonObject, body: JsonObject): ResourceResult {
  const meta = isJsonObject(view.meta) ? view.meta : {};
  return {
    kind: "resource",
    resource: body,
    id: String(view.id),
    location: String(meta.location),
    etag: String(meta.version),
  };
}
