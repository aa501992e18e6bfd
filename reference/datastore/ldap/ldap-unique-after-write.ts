// The uniqueness search once more, after a write that took new unique values (a create's add, an update's
// rename and modify). The search before the write and the write are two operations, so two writers with
// values SCIM calls equal and the directory does not could both pass the first: after its write, each sees
// the other, or at least the later one does, and the one that sees another holder undoes its write and
// answers 409 (ldap-writes.ts, ldap-update.ts). When both see each other, both yield and a retry settles it. The search
// also returns the written entry, which saves reading it back.
import { ScimError } from "../../protocol/errors/scim-error.js";
import type { EntryAttributes, Scope, StoreAttribute } from "../datastore.js";
import type { DirectoryEntry } from "./ldap-entries.js";
import { uniqueHolder } from "./ldap-entry-build.js";
import type { StoreParts } from "./ldap-members.js";

export interface AfterWrite {
  /** The 409 for a value another live entry holds, when one does. */
  readonly taken?: ScimError;
  /** The written entry as the search returned it, when it did. */
  readonly self?: DirectoryEntry;
}

/**
 * `isSelf` recognises the written entry by what only it has (its creation key, its id), never by its DN:
 * two DNs the directory tells apart (uid=İlker, uid=i̇lker) can look alike to a JavaScript case fold.
 */
export async function uniqueAfterWrite(
  parts: StoreParts,
  scope: Scope,
  attributes: EntryAttributes,
  isSelf: (entry: DirectoryEntry) => boolean,
  skip: (attr: StoreAttribute) => boolean,
  write: "create" | "update",
): Promise<AfterWrite> {
  let self: DirectoryEntry | undefined;
  try {
    const taken = await uniqueHolder(
      parts,
      scope,
      attributes,
      (other) => {
        if (!isSelf(other)) return false;
        self = other;
        return true;
      },
      skip,
    );
    return { taken, self };
  } catch (error) {
    // Without scimKey in the schema, a value kept only in the JSON document narrows to every entry of the
    // container, so this search can pass the candidate bound with the written entry where the one before
    // the write stayed within it. The write stays, checked as before it; undoing it now would leave it
    // done behind a 400.
    if (!(error instanceof ScimError && error.scimType === "tooMany")) throw error;
    parts.directory.logger.warn(
      { resourceType: scope.resourceType },
      `uniqueness not checked again after ${write === "create" ? "a create" : "an update"}: the search passed the candidate bound`,
    );
    return {};
  }
}
