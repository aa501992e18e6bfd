// The admin API's own credential (PingFederate keeps administrative accounts apart from connection
// credentials; so do we): a bearer token from SCIM_ADMIN_TOKEN or, when unset, one generated at first
// start, kept only as a scrypt hash in the store and announced once, like a connection's generated token
// (generated-token.ts: processes starting at once on one database agree on one token).
// It is verified by a verifier of its own, so an admin token is never a SCIM credential and no SCIM
// credential ever opens the admin API.
import type { Datastore } from "../datastore/datastore.js";
import { CredentialVerifier } from "./credential-verifier.js";
import type { Environment } from "./env-substitution.js";
import { adoptedNotice, generatedToken } from "./generated-token.js";
import type { PasswordHasher } from "./password-hasher.js";

export const adminTokenSetting = "auth.admin-token";

export interface AdminCredentialOptions {
  readonly datastore: Datastore;
  readonly env: Environment;
  readonly hasher: PasswordHasher;
  readonly announce: (message: string) => void;
}

export async function createAdminVerifier(options: AdminCredentialOptions): Promise<CredentialVerifier> {
  const { datastore, env, hasher } = options;
  const configured = env.SCIM_ADMIN_TOKEN;
  if (configured !== undefined && configured !== "") {
    return new CredentialVerifier(
      [{ id: "admin:env", kind: "bearer", secretHash: await hasher.hash(configured) }],
      hasher,
    );
  }
  const claim = await generatedToken(datastore, adminTokenSetting, hasher, "scimadmin_");
  if (claim.outcome === "generated") {
    options.announce(
      [
        "No SCIM_ADMIN_TOKEN is set, so an admin API token was generated (/admin/v1/idpConnections).",
        "It is shown this once and stored only as a hash; keep it:",
        "",
        `  Authorization: Bearer ${claim.token}`,
        "",
      ].join("\n"),
    );
  } else if (claim.outcome === "adopted") {
    options.announce(adoptedNotice("No SCIM_ADMIN_TOKEN is set; the admin API token"));
  }
  return new CredentialVerifier([{ id: "admin:generated", kind: "bearer", secretHash: claim.hash }], hasher);
}
