// Splits a validated resource (validation-types.ts: normalised writable state) into what goes where:
// client-owned attributes through the write mapping, the writeOnly `password` as a scrypt hash (RFC 7643
// §4.1.1: never stored or returned in the clear), and Group `members` as references the datastore keeps
// itself (RFC 7643 §4.2). A member without `type` is looked up, User first, since the datastore stores
// each reference with its type; an id that names nothing is left for the datastore to reject with 400
// `invalidValue`.
import type { ResourceBinding } from "../../connections/connection.js";
import type { PasswordHasher } from "../../connections/password-hasher.js";
import type { EntryAttributes, MemberRef } from "../../datastore/datastore.js";
import type { MemberInput } from "../../protocol/patch/membership.js";
import { memberInputsOf } from "../../protocol/patch/membership.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type { OperationContext } from "../operation-context.js";
import { scopeOf } from "./resource-binding.js";

/** Keys the engine owns; the mapping never sees them (mapping.ts `write`). */
const engineOwned = new Set(["id", "meta", "password", "members", "groups"]);

export function clientOwned(resource: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) if (!engineOwned.has(key)) out[key] = value;
  return out;
}

export async function writeAttributes(
  ctx: OperationContext,
  binding: ResourceBinding,
  resource: JsonObject,
): Promise<EntryAttributes> {
  return binding.mapping.write(clientOwned(resource), ctx.mapping);
}

export async function passwordHashOf(
  hasher: PasswordHasher,
  resource: JsonObject,
): Promise<string | undefined> {
  const password = resource.password;
  return typeof password === "string" ? hasher.hash(password) : undefined;
}

/** The member types the connection serves, in the order an untyped id is looked up. */
function memberTypes(ctx: OperationContext): string[] {
  return [...ctx.connection.resources.keys()].sort((a, b) => (a === "User" ? -1 : b === "User" ? 1 : 0));
}

export async function memberRefs(
  ctx: OperationContext,
  inputs: readonly MemberInput[],
): Promise<MemberRef[]> {
  const types = memberTypes(ctx);
  const refs: MemberRef[] = [];
  for (const input of inputs) {
    if (input.type !== undefined) {
      refs.push({ value: input.value, type: input.type });
      continue;
    }
    let found: string | undefined;
    for (const type of types) {
      const binding = ctx.connection.resources.get(type);
      if (binding === undefined) continue;
      if ((await ctx.store.get(scopeOf(ctx, binding), input.value, { members: false })) !== undefined) {
        found = type;
        break;
      }
    }
    refs.push({ value: input.value, type: found ?? types[0] ?? "User" });
  }
  return refs;
}

/** The members of a validated resource, or undefined when it has none to set. */
export async function membersOf(
  ctx: OperationContext,
  resource: JsonObject,
): Promise<MemberRef[] | undefined> {
  if (resource.members === undefined) return undefined;
  return memberRefs(ctx, memberInputsOf(resource.members));
}
