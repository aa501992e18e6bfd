// Checks a connection and seals its secrets: the one path every connection takes, from the file at
// start, from the admin API, and from the store when another server process changed it.
import type { ConnectionSchemaSet } from "../mapping/pingfederate/connection-schemas.js";
import type { MappingLog } from "../mapping/pingfederate/pingfederate-mapping.js";
import { hasCredential } from "./back-channel-auth.js";
import { type ConnectionIssue, connectionIssue, fieldPath, type Validated } from "./connection-issue.js";
import type { PasswordHasher } from "./password-hasher.js";
import { type PreparedConnection, sealConnection } from "./seal-connection.js";
import { validateConnection } from "./validate-connection.js";

export interface PrepareOptions {
  readonly hasher: PasswordHasher;
  readonly spec: ConnectionSchemaSet;
  readonly log: MappingLog;
  /** How a secret given in clear is hashed (seal-connection.ts `hashSecret`); `hasher.hash` by default. */
  readonly hashSecret?: (connectionId: string, slot: string, secret: string) => Promise<string>;
}

export type Refused = { readonly ok: false; readonly issues: readonly ConnectionIssue[] };

export async function prepare(
  raw: unknown,
  path: string,
  previous: PreparedConnection | undefined,
  others: readonly PreparedConnection[],
  options: PrepareOptions,
): Promise<Validated<PreparedConnection>> {
  const checked = validateConnection(raw, { path, spec: options.spec, log: options.log, others });
  if (!checked.ok) return checked;
  const { id } = checked.value;
  const hashSecret = options.hashSecret;
  return sealConnection(checked.value, {
    hasher: options.hasher,
    previous,
    others,
    path,
    ...(hashSecret === undefined
      ? {}
      : { hashSecret: (slot: string, secret: string) => hashSecret(id, slot, secret) }),
  });
}

/** The admin API's rule: a file connection may leave its credential to be generated, a change may not. */
export function requireCredential(connection: PreparedConnection): Refused | undefined {
  if (hasCredential(connection.auth)) return undefined;
  return {
    ok: false,
    issues: [
      connectionIssue(
        fieldPath("credentials", "inboundBackChannelAuth"),
        "required",
        "A connection needs a credential, or no client can reach it.",
        "Add httpBasicCredentials, bearerTokens, certs or verificationSubjectDN.",
      ),
    ],
  };
}
