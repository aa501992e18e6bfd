// Engine settings (datastore.ts getSetting/putSetting: the hash of a generated bearer token, admin-API
// connection definitions) as one entry per key below ou=settings of the store's baseDn, the JSON value in
// scimAttributes. A setting is written with one replace, or one add the first time.
import type { EntryValue } from "../datastore.js";
import { change } from "./ldap-driver.js";
import { ldapResultCode } from "./ldap-error-map.js";
import type { StoreParts } from "./ldap-members.js";
import { rdnText } from "./ldap-naming.js";
import { texts } from "./ldap-raw-entry.js";

function settingDn(parts: StoreParts, key: string): string {
  return `${rdnText([["cn", key]])},${parts.layout.settingsContainer}`;
}

export async function getSetting(parts: StoreParts, key: string): Promise<EntryValue | undefined> {
  const raw = await parts.directory.read(settingDn(parts, key), ["scimAttributes"]);
  const text = texts(raw?.scimAttributes)[0];
  return text === undefined ? undefined : (JSON.parse(text) as { value: EntryValue }).value;
}

export async function putSetting(parts: StoreParts, key: string, value: EntryValue): Promise<void> {
  const dn = settingDn(parts, key);
  const text = JSON.stringify({ value });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await parts.directory.modify(dn, [change("replace", "scimAttributes", [text])]);
      return;
    } catch (error) {
      if (ldapResultCode(error) !== 32) throw error;
    }
    await parts.layout.ensure(parts.layout.settingsContainer);
    try {
      await parts.directory.add(dn, {
        objectClass: ["applicationProcess", "scimEntry"],
        cn: [key],
        scimVersion: ["1"],
        scimAttributes: [text],
      });
      return;
    } catch (error) {
      if (ldapResultCode(error) !== 68) throw error; // another process added it first: replace again
    }
  }
}
