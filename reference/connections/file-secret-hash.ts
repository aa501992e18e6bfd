// The hash of a secret a connections file gives in clear, shared by every server process on one store and
// kept across restarts. scrypt salts each hash, so two processes hashing the same file password get two
// hashes, and the admin API's read-back reference (a digest of the hash, seal-connection.ts) would differ
// between them: a connection read through one process and sent back through another would be refused as
// `stale_secret`. The first hash is claimed (datastore `claimSetting`) and reused while it verifies the
// file's secret; a changed secret replaces it.
import { claimSetting } from "../datastore/claim-setting.js";
import type { Datastore } from "../datastore/datastore.js";
import { hashOf } from "./generated-token.js";
import type { PasswordHasher } from "./password-hasher.js";

export const fileSecretSetting = (connectionId: string, slot: string) =>
  `connections.file-secret:${connectionId}:${slot}`;

/** One scrypt per secret at start, as before: a verify when a hash is stored, else a hash. */
export async function fileSecretHash(
  datastore: Datastore,
  hasher: PasswordHasher,
  setting: string,
  secret: string,
): Promise<string> {
  const stored = hashOf(await datastore.getSetting(setting));
  if (stored !== undefined && (await hasher.verify(secret, stored))) return stored;
  const mine = await hasher.hash(secret);
  if (stored === undefined) {
    const claimed = hashOf(await claimSetting(datastore, setting, { hash: mine }));
    if (claimed === mine) return mine;
    if (claimed !== undefined && (await hasher.verify(secret, claimed))) return claimed;
  }
  // The file's secret changed since the stored hash was made (or another process reads another file):
  // the secret this process was given wins from now on.
  await datastore.putSetting(setting, { hash: mine });
  return mine;
}
