// Settings that several server processes on one store must agree on, created by whichever starts first
// (datastore.ts `claimSetting`). A secret generated per process breaks a multi-process deployment in
// quiet ways: an RFC 9865 cursor signed by one process is refused by the next behind a load balancer.
import { randomBytes } from "node:crypto";
import type { Datastore, EntryValue } from "./datastore.js";

/** The store's atomic claim, or get-then-put for stores without one (atomic within one process only). */
export async function claimSetting(store: Datastore, key: string, value: EntryValue): Promise<EntryValue> {
  if (store.claimSetting !== undefined) return store.claimSetting(key, value);
  const existing = await store.getSetting(key);
  if (existing !== undefined) return existing;
  await store.putSetting(key, value);
  return value;
}

/** A random secret of `bytes` bytes that every process sharing the store gets the same copy of. */
export async function sharedSecret(store: Datastore, key: string, bytes = 32): Promise<Buffer> {
  const claimed = await claimSetting(store, key, randomBytes(bytes).toString("base64url"));
  if (typeof claimed !== "string" || claimed === "") throw new Error(`setting ${key} does not hold a secret`);
  return Buffer.from(claimed, "base64url");
}
