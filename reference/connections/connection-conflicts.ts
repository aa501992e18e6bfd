// Rules across connections: a credential must select exactly one connection (PingFederate resolves the
// connection from the back-channel credential, and asks for a Basic username that is unique per connection,
// D-bca), and ids and entity ids are unique (PingFederate's own rule for connections). Checked for a file at
// start-up (each connection against the ones before it) and for every admin-API create or replace (the new
// connection against all others). Bearer tokens are compared when they are hashed (seal-connection.ts).

import { type AnchoredTrust, describeAnchored } from "./back-channel-auth.js";
import { type ConnectionIssue, connectionIssue, fieldPath } from "./connection-issue.js";
import { dnKey } from "./distinguished-name.js";

export interface CredentialShape {
  readonly id: string;
  readonly entityId: string;
  readonly auth:
    | {
        readonly basic: { readonly username: string } | undefined;
        readonly certs: readonly { readonly fingerprint256: string }[];
        readonly anchored: AnchoredTrust | undefined;
      }
    | undefined;
}

function anchoredKey(trust: AnchoredTrust): string {
  return `${dnKey(trust.subject)}|${trust.issuer === undefined ? "*" : dnKey(trust.issuer)}`;
}

/** Issues for `candidate` (at `path`) that collide with `others`; none when it is consistent with them. */
export function connectionConflicts(
  candidate: CredentialShape,
  others: readonly CredentialShape[],
  path: string,
): ConnectionIssue[] {
  const issues: ConnectionIssue[] = [];
  const auth = fieldPath(fieldPath(path, "credentials"), "inboundBackChannelAuth");
  for (const other of others) {
    if (other.id === candidate.id) {
      issues.push(
        connectionIssue(
          fieldPath(path, "id"),
          "duplicate",
          `Another connection already has the id "${other.id}".`,
          "Choose another id.",
        ),
      );
    }
    if (other.entityId === candidate.entityId) {
      issues.push(
        connectionIssue(
          fieldPath(path, "entityId"),
          "duplicate",
          `Connection "${other.id}" already has the entityId "${other.entityId}".`,
          "Each partner has its own entityId.",
        ),
      );
    }
    const mine = candidate.auth;
    const theirs = other.auth;
    if (mine === undefined || theirs === undefined) continue;
    // Case-insensitively, although Basic compares usernames exactly: two usernames that differ only in case
    // are a typo waiting to route a partner to the wrong connection.
    if (
      mine.basic !== undefined &&
      theirs.basic !== undefined &&
      mine.basic.username.toLowerCase() === theirs.basic.username.toLowerCase()
    ) {
      issues.push(
        connectionIssue(
          fieldPath(fieldPath(auth, "httpBasicCredentials"), "username"),
          "duplicate",
          `Connection "${other.id}" already uses the Basic username "${theirs.basic.username}"; a username must select one connection.`,
          "Give this connection its own username.",
        ),
      );
    }
    mine.certs.forEach((cert, i) => {
      if (theirs.certs.some((c) => c.fingerprint256 === cert.fingerprint256)) {
        issues.push(
          connectionIssue(
            fieldPath(fieldPath(auth, "certs"), i),
            "duplicate",
            `Connection "${other.id}" already pins this certificate (${cert.fingerprint256}).`,
            "Give each partner its own client certificate.",
          ),
        );
      }
    });
    if (mine.anchored !== undefined && theirs.anchored !== undefined) {
      if (anchoredKey(mine.anchored) === anchoredKey(theirs.anchored)) {
        issues.push(
          connectionIssue(
            fieldPath(auth, "verificationSubjectDN"),
            "duplicate",
            `Connection "${other.id}" already trusts ${describeAnchored(theirs.anchored)}.`,
            "Use a distinct subject DN, or narrow it with verificationIssuerDN.",
          ),
        );
      }
    }
  }
  return issues;
}
