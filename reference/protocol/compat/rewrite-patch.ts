// PATCH requests through the compatibility layers (compat-layer.ts), then into the strict engine. Each
// rewrite turns a documented client shape into the RFC 7644 §3.5.2 request the client meant, or marks
// an operation with a leniency the engine applies at the one point where it needs the resource's state
// (PatchLeniency in patch-request.ts). With no layer on this is exactly parsePatchRequest.
import type { PatchContext } from "../patch/patch-context.js";
import {
  type PatchLeniency,
  type PatchOperation,
  type PatchRequest,
  parsePatchRequest,
} from "../patch/patch-request.js";
import { type PatchTarget, resolvePatchTarget } from "../patch/patch-target.js";
import { isAttrName } from "../path/attr-path-syntax.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../resource/json.js";
import { type CompatLayerName, hasLayer } from "./compat-layer.js";
import { rewriteResourceMap, rewriteSingle, rewriteWhole, type ValueRewrites } from "./rewrite-values.js";

const lower = (s: string) => s.toLowerCase();

function targetOf(ctx: PatchContext, op: PatchOperation): PatchTarget | undefined {
  if (op.path === undefined) return undefined;
  try {
    return resolvePatchTarget(ctx, { ...op, path: op.path });
  } catch {
    return undefined; // the strict engine reports a bad path with its own error
  }
}

/**
 * entra.remove-members-by-value: `remove` + path to a whole multi-valued complex attribute + a value
 * list becomes `remove attr[value eq "a" or value eq "b"]`. An empty list removes nothing.
 */
function removeByValue(ctx: PatchContext, op: PatchOperation): PatchOperation[] {
  const target = targetOf(ctx, op);
  const listed = op.value;
  const eligible =
    target?.kind === "attribute" &&
    target.filter === undefined &&
    target.sub === undefined &&
    target.attr.attribute.multiValued &&
    (target.attr.attribute.subAttributes ?? []).some((s) => s.name === "value");
  if (!eligible || listed === undefined || listed === null) return [{ ...op, value: undefined }];
  const ids = (Array.isArray(listed) ? listed : [listed]).flatMap((v) => {
    const id = isJsonObject(v) ? Object.entries(v).find(([k]) => lower(k) === "value")?.[1] : v;
    return typeof id === "string" || typeof id === "number" || typeof id === "boolean" ? [id] : [];
  });
  if (ids.length === 0) return [];
  // RFC 7644 §3.4.2.2: a compValue string is a JSON string, so JSON.stringify escapes it exactly.
  const filter = ids.map((id) => `value eq ${JSON.stringify(id)}`).join(" or ");
  return [{ ...op, path: `${op.path}[${filter}]`, value: undefined }];
}

/** A no-path key that is a path rather than an attribute name (`name.givenName`, `urn:…:manager`). */
function isPathKey(ctx: PatchContext, key: string): boolean {
  if (isAttrName(key) || lower(key) === "schemas") return false;
  const urns = ctx.registry.schemaUrnsOf(ctx.resourceType).map(lower);
  return !urns.includes(lower(key));
}

/**
 * entra.flattened-value-keys: each path-like key of a no-path value becomes an operation with that
 * path; runs of plain keys stay together in a no-path operation, and the order of keys is kept.
 */
function splitFlattenedKeys(ctx: PatchContext, op: PatchOperation): PatchOperation[] {
  if (op.path !== undefined || !isJsonObject(op.value)) return [op];
  const entries = Object.entries(op.value);
  if (!entries.some(([k]) => isPathKey(ctx, k))) return [op];
  const out: PatchOperation[] = [];
  let run: JsonObject | undefined;
  for (const [key, value] of entries) {
    if (isPathKey(ctx, key)) {
      run = undefined;
      out.push({ ...op, path: key, value });
    } else {
      if (run === undefined) {
        run = {};
        out.push({ ...op, value: run });
      }
      run[key] = value;
    }
  }
  return out;
}

function rewriteValue(ctx: PatchContext, op: PatchOperation, rw: ValueRewrites): PatchOperation {
  if (op.op === "remove" || op.value === undefined || op.value === null) return op;
  const { registry, resourceType: rt } = ctx;
  if (op.path === undefined) {
    return isJsonObject(op.value) ? { ...op, value: rewriteResourceMap(registry, rt, op.value, rw) } : op;
  }
  const target = targetOf(ctx, op);
  if (target === undefined) return op;
  let value: JsonValue = op.value;
  if (target.kind === "extension") {
    if (isJsonObject(value))
      value = rewriteResourceMap(registry, rt, { [target.schema]: value }, rw)[target.schema] ?? value;
  } else if (target.sub !== undefined) value = rewriteSingle(target.sub, value, rw);
  else if (target.filter !== undefined) value = rewriteSingle(target.attr.attribute, value, rw);
  else value = rewriteWhole(target.attr.attribute, value, rw);
  return { ...op, value };
}

function withLeniency(op: PatchOperation, extra: PatchLeniency): PatchOperation {
  return { ...op, leniency: { ...op.leniency, ...extra } };
}

/**
 * Parses a PATCH body with the given layers on. Operation indexes stay those of the client's
 * `Operations` array, also for operations a layer split or dropped, so errors point at what was sent.
 */
export function preparePatchRequest(
  layers: readonly CompatLayerName[],
  body: unknown,
  ctx: PatchContext,
): PatchRequest {
  const entra = hasLayer(layers, "entra");
  const okta = hasLayer(layers, "okta");
  const parsed = parsePatchRequest(body, { caseInsensitiveOps: entra, keepRemoveValue: entra });
  if (!entra && !okta) return parsed;
  const rw: ValueRewrites = {
    stringBooleans: entra,
    bareComplexValue: entra,
    wrappedSimpleValue: entra,
    emptyStringClears: entra,
  };
  const operations = parsed.operations.flatMap((op): PatchOperation[] => {
    let ops: PatchOperation[] = [op];
    if (entra) {
      ops = ops.flatMap((o) => (o.op === "remove" ? removeByValue(ctx, o) : splitFlattenedKeys(ctx, o)));
      ops = ops.map((o) => rewriteValue(ctx, o, rw));
      // entra.typed-value-path-add: the engine creates the value only when the filter is a conjunction of
      // `eq` terms and nothing matches; `replace` never gets this (RFC 7644 §3.5.2.3 noTarget stays).
      ops = ops.map((o) =>
        o.op === "add" && o.path?.includes("[") ? withLeniency(o, { createOnNoMatch: true }) : o,
      );
    }
    if (okta)
      ops = ops.map((o) => (o.path === undefined ? withLeniency(o, { ignoreUnchangedReadOnly: true }) : o));
    return ops.map((o) => Object.freeze(o));
  });
  return Object.freeze({ operations: Object.freeze(operations) });
}
