// The result of a single-resource operation: the projected body plus the `Location` and `ETag` values
// taken from the full view's `meta` (RFC 7644 §3.1, §3.14), which projection may have removed.
import type { ResourceBinding } from "../../connections/connection.js";
import type { StoredEntry } from "../../datastore/datastore.js";
import { etagOf } from "../../protocol/resource/etag.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import type { OperationContext, ResourceResult } from "../operation-context.js";
import { locationOf } from "./resource-binding.js";

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

/** The result without a body (ResultOptions.body false): what a Bulk response reports of an operation. */
export function bodilessResult(
  ctx: OperationContext,
  binding: ResourceBinding,
  entry: StoredEntry,
): ResourceResult {
  return {
    kind: "resource",
    resource: {},
    id: entry.id,
    location: locationOf(ctx, binding, entry.id),
    etag: etagOf(String(entry.meta.version)),
  };
}
