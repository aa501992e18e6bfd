// Older entries get their scimKey values (ldap-value-keys.ts) before a search relies on them: once per
// container and process, a paged pass over the live entries that lack the marker. Entries written from
// then on carry their keys (ldap-entry-build.ts), so the pass finds nothing on a directory this version
// has always written. Every server that writes to one directory must be a version that writes keys.
import type { EntryAttributes } from "../datastore.js";
import { change } from "./ldap-driver.js";
import { readEntry } from "./ldap-entries.js";
import { ldapResultCode } from "./ldap-error-map.js";
import { and, equality, not } from "./ldap-filter.js";
import { versionIs } from "./ldap-member-writes.js";
import { type KeyBackfill, liveEntries, type StoreParts } from "./ldap-members.js";
import { containerKey } from "./ldap-naming.js";
import { texts } from "./ldap-raw-entry.js";
import { keyAttribute, keysMarker, valueKeys, valueKeysEnabled } from "./ldap-value-keys.js";

const maxAttempts = 8;

/**
 * Gives the live entries of containers that lack the marker their keys, once per container and process
 * (a failed pass runs again on the next call). Writers keep keys current from then on (ldap-entry-build.ts).
 */
export class ValueKeyBackfill implements KeyBackfill {
  readonly #done = new Map<string, Promise<void>>();

  ready(parts: StoreParts, container: string): Promise<void> {
    if (!valueKeysEnabled(parts.directory.schema)) return Promise.resolve();
    const key = containerKey(container);
    let pass = this.#done.get(key);
    if (pass === undefined) {
      pass = backfill(parts, container);
      this.#done.set(key, pass);
      pass.catch(() => this.#done.delete(key));
    }
    return pass;
  }
}

async function backfill(parts: StoreParts, container: string): Promise<void> {
  const { directory } = parts;
  const lacking = and(liveEntries, not(equality(keyAttribute, keysMarker)));
  let written = 0;
  await directory.eachPage(
    container,
    lacking,
    { scope: "one", attributes: directory.withoutMembers },
    async (page) => {
      for (const raw of page) if (await giveKeys(parts, raw.dn, readEntry(raw, directory.schema))) written++;
    },
  );
  if (written > 0)
    directory.logger.info({ container, entries: written }, "LDAP entries given their scimKey values");
}

/**
 * Writes the keys of the entry as it is at its version, without changing the version (the SCIM resource
 * is the same). A concurrent write makes the assertion fail: the entry is read again, because a write that
 * left the keys alone (same text values) left the marker missing too.
 */
async function giveKeys(
  parts: StoreParts,
  dn: string,
  entry: { readonly version: number; readonly attributes: EntryAttributes },
): Promise<boolean> {
  const { directory } = parts;
  let current = entry;
  for (let attempt = 0; ; attempt++) {
    try {
      await directory.modify(
        dn,
        [change("replace", keyAttribute, valueKeys(current.attributes))],
        versionIs(current.version),
      );
      return true;
    } catch (error) {
      const code = ldapResultCode(error);
      if (code === 32) return false; // deleted meanwhile
      if (code !== 122 || attempt >= maxAttempts) throw error;
    }
    const raw = await directory.read(dn, [...directory.withoutMembers, keyAttribute]);
    if (raw === undefined || texts(raw[keyAttribute]).includes(keysMarker)) return false;
    current = readEntry(raw, directory.schema);
  }
}
