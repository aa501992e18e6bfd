// Older entries get their scimKey values (ldap-value-keys.ts) before a search relies on them: once per
// container and process, a paged pass over the live entries that hold no keys. Entries written from then
// on carry their keys (ldap-entry-build.ts), so the pass finds nothing on a directory this version has
// always written. Every server that writes to one directory must be a version that writes keys in this
// format.
//
// Entries keyed in an older format (olderKeysMarkers: format 1 lacked the complex members' keys) already
// serve every search but one on a sub-attribute, so they are rewritten by a second pass that runs behind
// the searches instead of before them: on a directory of a million users that rewrite takes minutes,
// and a client's first filter must not wait for it. Until it ends, sub-attribute comparisons narrow to
// the attribute's presence, as before member keys existed (ldap-query.ts `narrowingIn`). Whether there
// is anything to rewrite is one indexed search made before the first narrowing, so on a container this
// version has always written the member keys serve from the first filter on.
import type { EntryAttributes } from "../datastore.js";
import { change } from "./ldap-driver.js";
import { readEntry } from "./ldap-entries.js";
import { ldapResultCode } from "./ldap-error-map.js";
import { and, equality, type LdapFilter, not, or } from "./ldap-filter.js";
import { versionIs } from "./ldap-member-writes.js";
import { type KeyBackfill, liveEntries, type StoreParts } from "./ldap-members.js";
import { containerKey } from "./ldap-naming.js";
import { texts } from "./ldap-raw-entry.js";
import {
  keyAttribute,
  keysMarker,
  olderKeysMarkers,
  valueKeys,
  valueKeysEnabled,
} from "./ldap-value-keys.js";

const maxAttempts = 8;

const olderFormat: LdapFilter = or(...olderKeysMarkers.map((m) => equality(keyAttribute, m)));
/** Live entries with no keys in any format. */
const unkeyed = and(liveEntries, not(equality(keyAttribute, keysMarker)), not(olderFormat));
/** Live entries keyed in an older format (an indexed equality: nothing to scan once none is left). */
const keyedBefore = and(liveEntries, olderFormat);

/**
 * Gives the live entries of containers their keys, once per container and process (a failed pass runs
 * again on the next call): entries with none before `ready` resolves, entries in an older format behind
 * it. Writers keep keys current from then on (ldap-entry-build.ts).
 */
export class ValueKeyBackfill implements KeyBackfill {
  readonly #unkeyed = new Map<string, Promise<void>>();
  /** Per container, the decision whether member keys need a pass (and that pass's start). */
  readonly #memberChecks = new Map<string, Promise<void>>();
  readonly #memberPasses = new Map<string, Promise<void>>();
  readonly #membersKeyed = new Set<string>();
  #stopped = false;

  async ready(parts: StoreParts, container: string): Promise<void> {
    if (!valueKeysEnabled(parts.directory.schema)) return;
    const key = containerKey(container);
    await once(this.#unkeyed, key, async () => {
      await backfill(parts, container, unkeyed, () => false);
    });
    if (this.#membersKeyed.has(key)) return;
    await once(this.#memberChecks, key, () => this.#checkMembers(parts, container, key));
  }

  /**
   * The usual case, a container this version has always written, is settled by one indexed search, so
   * member keys serve from the first filter on; only entries to rewrite start the pass behind it.
   */
  async #checkMembers(parts: StoreParts, container: string, key: string): Promise<void> {
    if (!(await holdsAny(parts, container, keyedBefore))) {
      this.#membersKeyed.add(key);
      return;
    }
    const pass = backfill(parts, container, keyedBefore, () => this.#stopped).then((complete) => {
      if (complete) this.#membersKeyed.add(key);
    });
    this.#memberPasses.set(key, pass);
    pass.catch((error: unknown) => {
      // Searches keep narrowing sub-attributes to presence; the next search of the container tries again.
      this.#memberChecks.delete(key);
      this.#memberPasses.delete(key);
      if (this.#stopped) return;
      parts.directory.logger.warn(
        { container, err: error },
        "LDAP entries keyed in an older format could not all be given their member keys",
      );
    });
  }

  memberKeys(container: string): boolean {
    return this.#membersKeyed.has(containerKey(container));
  }

  async settled(): Promise<void> {
    const started = [this.#unkeyed, this.#memberChecks, this.#memberPasses].flatMap((m) => [...m.values()]);
    await Promise.allSettled(started);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.settled();
  }
}

/** The work `run` does for `key`, started once; a failed one is forgotten, so the next call retries. */
function once(started: Map<string, Promise<void>>, key: string, run: () => Promise<void>): Promise<void> {
  let work = started.get(key);
  if (work === undefined) {
    work = run();
    started.set(key, work);
    work.catch(() => started.delete(key));
  }
  return work;
}

/** Whether the filter selects any entry of the container (its first page decides). */
async function holdsAny(parts: StoreParts, container: string, filter: LdapFilter): Promise<boolean> {
  let found = false;
  try {
    await parts.directory.eachPage(container, filter, { scope: "one", attributes: ["1.1"] }, async (page) => {
      found = page.length > 0;
      throw stopSignal; // the first page is enough
    });
  } catch (error) {
    if (error !== stopSignal) throw error;
  }
  return found;
}

/** Gives every entry `lacking` selects its keys; false when `stopped` ended the pass before the last. */
async function backfill(
  parts: StoreParts,
  container: string,
  lacking: LdapFilter,
  stopped: () => boolean,
): Promise<boolean> {
  const { directory } = parts;
  let written = 0;
  let complete = true;
  try {
    await directory.eachPage(
      container,
      lacking,
      { scope: "one", attributes: directory.withoutMembers },
      async (page) => {
        for (const raw of page) {
          if (stopped()) throw stopSignal; // leaves the paged search instead of reading its other pages
          if (await giveKeys(parts, raw.dn, readEntry(raw, directory.schema))) written++;
        }
      },
    );
  } catch (error) {
    if (error !== stopSignal) throw error;
    complete = false;
  }
  if (written > 0)
    directory.logger.info({ container, entries: written }, "LDAP entries given their scimKey values");
  return complete;
}

const stopSignal = Symbol("the key backfill stopped its paged search");

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
