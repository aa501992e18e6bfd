// A scratch subtree of a test directory for one run of `npm run conformance -- --datastore ldap`: the
// directory named by SCIM_TEST_LDAP_URL, or else the local slapd that scripts/ldap-up.sh starts
// (installing it when missing). The connections' LDAP repositories are moved into the subtree, so a run
// never meets a previous run's entries, and `drop` deletes it afterwards.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Client } from "ldapts";
import { isJsonObject } from "../../protocol/resource/json.js";
import type { DirectorySettings } from "./ldap-repository.js";

export interface ScratchDirectory {
  readonly settings: DirectorySettings;
  /** A connections document whose LDAP repositories live in the scratch subtree. */
  rebase(document: unknown): unknown;
  drop(): Promise<void>;
}

/** The SCIM_TEST_LDAP_* settings: from the environment, or printed by scripts/ldap-up.sh. */
export function testDirectory(env: Readonly<Record<string, string | undefined>> = process.env): {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  readonly suffix: string;
} {
  let values: Readonly<Record<string, string | undefined>> = env;
  if (env.SCIM_TEST_LDAP_URL === undefined || env.SCIM_TEST_LDAP_URL === "") {
    const script = join(import.meta.dirname, "../../../scripts/ldap-up.sh");
    const printed = execFileSync(script, { encoding: "utf8" });
    values = Object.fromEntries(
      [...printed.matchAll(/^(SCIM_TEST_LDAP_\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2]]),
    );
    if (values.SCIM_TEST_LDAP_URL === undefined)
      throw new Error(`scripts/ldap-up.sh printed no URL:\n${printed}`);
  }
  return {
    url: values.SCIM_TEST_LDAP_URL ?? "",
    bindDn: values.SCIM_TEST_LDAP_BIND_DN ?? "cn=admin,dc=example,dc=com",
    password: values.SCIM_TEST_LDAP_PASSWORD ?? "secret",
    suffix: values.SCIM_TEST_LDAP_BASE_DN ?? "dc=example,dc=com",
  };
}

/** Deletes a subtree, leaves first (the directory refuses to delete an entry with children, 66). */
export async function deleteSubtree(
  directory: { readonly url: string; readonly bindDn: string; readonly password: string },
  dn: string,
): Promise<void> {
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.bindDn, directory.password);
    const { searchEntries } = await client.search(dn, { scope: "sub", attributes: ["1.1"], paged: true });
    const dns = searchEntries.map((e) => e.dn).sort((a, b) => b.split(",").length - a.split(",").length);
    for (const child of dns) await client.del(child).catch(() => {});
  } catch {
    // Nothing to delete (32), or the directory went away: `scripts/ldap-down.sh --purge` clears everything.
  } finally {
    await client.unbind().catch(() => {});
  }
}

export function scratchDirectory(purpose: string): ScratchDirectory {
  const directory = testDirectory();
  const baseDn = `ou=${purpose}-${randomBytes(5).toString("hex")},${directory.suffix}`;
  return {
    settings: { url: directory.url, bindDn: directory.bindDn, password: directory.password, baseDn },
    rebase(document) {
      const copy = structuredClone(document);
      const connections = isJsonObject(copy) && Array.isArray(copy.idpConnections) ? copy.idpConnections : [];
      for (const connection of connections) {
        const inbound = isJsonObject(connection) ? connection.inboundProvisioning : undefined;
        const repository = isJsonObject(inbound) ? inbound.userRepository : undefined;
        if (isJsonObject(repository) && repository.type === "LDAP") repository.baseDn = baseDn;
      }
      return copy;
    },
    drop: () => deleteSubtree(directory, baseDn),
  };
}
