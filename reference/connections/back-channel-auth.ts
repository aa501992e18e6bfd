// Checks `credentials.inboundBackChannelAuth` (PingFederate Credentials > Back-Channel Authentication,
// admin-API `IdpInboundBackChannelAuth`; pingfederate-model.md §1.3, §2.5) into the credentials a
// connection accepts:
// - `httpBasicCredentials` {username, password | encryptedPassword} (PingFederate; the password is
//   write-only, `encryptedPassword` is what reads back and, sent back unchanged, keeps the secret);
// - `certs[]`: pinned client certificates (PingFederate's unanchored trust: this exact certificate);
// - `verificationSubjectDN` (+ optional `verificationIssuerDN`): anchored trust, a certificate that chains
//   to a CA given with --tls-ca and carries this subject (and issuer) DN;
// - `requireSsl`: plain-HTTP requests with this connection's credentials are refused;
// - `bearerTokens[]` {id, token | tokenHash}: our addition, because Entra ID and Okta send bearer tokens
//   (RFC 6750) and PingFederate's inbound SCIM takes none; several per connection so they can be rotated.
// Unknown members are refused: a misspelt credential field would otherwise silently configure nothing.
import { X509Certificate } from "node:crypto";
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";
import { type ConnectionIssue, connectionIssue, fieldPath } from "./connection-issue.js";
import { type Dn, DnSyntaxError, formatDn, parseDn } from "./distinguished-name.js";
import { certificateNames, DerError } from "./x509-name.js";

/** A secret as configured: in clear, already hashed, or the admin API's reference to the stored one. */
export type SecretInput =
  | { readonly kind: "plain"; readonly secret: string }
  | { readonly kind: "hash"; readonly encoded: string }
  | { readonly kind: "reference"; readonly reference: string | undefined };

export interface PinnedCertificate {
  readonly der: Buffer;
  /** SHA-256 of the DER, colon-separated upper-case hex (Node's X509Certificate.fingerprint256). */
  readonly fingerprint256: string;
  readonly subject: Dn;
  readonly issuer: Dn;
  readonly validFrom: Date;
  readonly validTo: Date;
}

export interface AnchoredTrust {
  readonly subject: Dn;
  readonly issuer: Dn | undefined;
}

export interface BackChannelAuthInput {
  readonly basic: { readonly username: string; readonly password: SecretInput } | undefined;
  readonly bearerTokens: readonly { readonly id: string; readonly token: SecretInput }[];
  readonly certs: readonly PinnedCertificate[];
  readonly anchored: AnchoredTrust | undefined;
  readonly requireSsl: boolean;
}

const scryptEncoding = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/;
/** The admin API's read-back form of a stored secret (stored-connection.ts `secretReference`). */
export const referencePrefix = "hashref:";

const authMembers = new Set([
  "type",
  "httpBasicCredentials",
  "bearerTokens",
  "certs",
  "verificationSubjectDN",
  "verificationIssuerDN",
  "requireSsl",
  "digitalSignature",
]);

function unknownMembers(
  object: JsonObject,
  allowed: ReadonlySet<string>,
  path: string,
  issues: ConnectionIssue[],
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) {
      issues.push(
        connectionIssue(
          fieldPath(path, key),
          "unknown_field",
          `"${key}" is not a field here.`,
          `Use one of: ${[...allowed].join(", ")}.`,
        ),
      );
    }
  }
}

/** A hashed secret field (`encryptedPassword`, `tokenHash`): a scrypt encoding, or the read-back reference. */
function hashedSecret(value: unknown, path: string, issues: ConnectionIssue[]): SecretInput | undefined {
  if (typeof value === "string" && scryptEncoding.test(value)) return { kind: "hash", encoded: value };
  if (typeof value === "string" && value.startsWith(referencePrefix))
    return { kind: "reference", reference: value };
  issues.push(
    connectionIssue(
      path,
      "invalid_value",
      "This is neither a scrypt hash (scrypt$N$r$p$salt$hash) nor the value the admin API returned.",
      "Send the secret in clear in the sibling field instead (it is hashed on arrival), or send back the value GET returned.",
    ),
  );
  return undefined;
}

function basicCredentials(
  value: unknown,
  path: string,
  issues: ConnectionIssue[],
): BackChannelAuthInput["basic"] {
  if (!isJsonObject(value)) {
    issues.push(
      connectionIssue(
        path,
        "invalid_type",
        "httpBasicCredentials must be an object.",
        "Give { username, password }.",
      ),
    );
    return undefined;
  }
  unknownMembers(value, new Set(["username", "password", "encryptedPassword"]), path, issues);
  const username = value.username;
  if (typeof username !== "string" || username === "" || username.includes(":")) {
    issues.push(
      connectionIssue(
        fieldPath(path, "username"),
        typeof username === "string" && username !== "" ? "invalid_value" : "required",
        "A Basic username is a non-empty string without a colon (RFC 7617 §2).",
        "Set username, e.g. username: scim-client (or set the environment variable it names).",
      ),
    );
  }
  let password: SecretInput | undefined;
  if (typeof value.password === "string" && value.password !== "") {
    password = { kind: "plain", secret: value.password };
  } else if (value.password !== undefined) {
    issues.push(
      connectionIssue(
        fieldPath(path, "password"),
        "invalid_value",
        "password must be a non-empty string.",
        "Set a password.",
      ),
    );
  } else if (value.encryptedPassword !== undefined) {
    password = hashedSecret(value.encryptedPassword, fieldPath(path, "encryptedPassword"), issues);
  } else {
    issues.push(
      connectionIssue(
        fieldPath(path, "password"),
        "required",
        "HTTP Basic needs a password (or the encryptedPassword the admin API returned).",
        "Set password (or the environment variable it names).",
      ),
    );
  }
  if (typeof username !== "string" || password === undefined) return undefined;
  return { username, password };
}

const tokenId = /^[A-Za-z0-9._-]{1,64}$/;

function bearerTokens(
  value: unknown,
  path: string,
  issues: ConnectionIssue[],
): BackChannelAuthInput["bearerTokens"] {
  if (!Array.isArray(value)) {
    issues.push(
      connectionIssue(
        path,
        "invalid_type",
        "bearerTokens must be a list.",
        "Give bearerTokens: [{ id, token }].",
      ),
    );
    return [];
  }
  const tokens: { id: string; token: SecretInput }[] = [];
  const ids = new Set<string>();
  value.forEach((item, i) => {
    const at = fieldPath(path, i);
    if (!isJsonObject(item)) {
      issues.push(connectionIssue(at, "invalid_type", "A bearer token is an object.", "Give { id, token }."));
      return;
    }
    unknownMembers(item, new Set(["id", "token", "tokenHash"]), at, issues);
    // Ids name tokens in logs and let the admin API keep a token it does not see; they default by position.
    const id = item.id === undefined ? `token-${i + 1}` : item.id;
    if (typeof id !== "string" || !tokenId.test(id)) {
      issues.push(
        connectionIssue(
          fieldPath(at, "id"),
          "invalid_value",
          "A token id is 1–64 of A-Z a-z 0-9 . _ -.",
          'Use e.g. id: "entra-2025".',
        ),
      );
      return;
    }
    if (ids.has(id)) {
      issues.push(
        connectionIssue(
          fieldPath(at, "id"),
          "duplicate",
          `Two bearer tokens have the id "${id}".`,
          "Give each token its own id.",
        ),
      );
      return;
    }
    ids.add(id);
    let token: SecretInput | undefined;
    if (item.token !== undefined) {
      if (typeof item.token !== "string" || item.token.length < 1 || /\s/.test(item.token)) {
        issues.push(
          connectionIssue(
            fieldPath(at, "token"),
            "invalid_value",
            "A bearer token is a non-empty string without spaces (RFC 6750 §2.1 b64token).",
            "Use a long random string, e.g. from `openssl rand -base64 32`.",
          ),
        );
        return;
      }
      token = { kind: "plain", secret: item.token };
    } else if (item.tokenHash !== undefined) {
      token = hashedSecret(item.tokenHash, fieldPath(at, "tokenHash"), issues);
    } else {
      // The admin API reads tokens back as { id } only; sending that back keeps the stored token.
      token = { kind: "reference", reference: undefined };
    }
    if (token !== undefined) tokens.push({ id, token });
  });
  return tokens;
}

function pinnedCertificates(value: unknown, path: string, issues: ConnectionIssue[]): PinnedCertificate[] {
  if (!Array.isArray(value)) {
    issues.push(
      connectionIssue(
        path,
        "invalid_type",
        "certs must be a list.",
        "Give certs: [{ x509File: { fileData: PEM } }].",
      ),
    );
    return [];
  }
  const certs: PinnedCertificate[] = [];
  value.forEach((item, i) => {
    const at = fieldPath(path, i);
    const file = isJsonObject(item) ? item.x509File : undefined;
    const pem = isJsonObject(file) ? file.fileData : undefined;
    // PingFederate's `activeVerificationCert: false` keeps a certificate on file without trusting it.
    if (isJsonObject(item) && item.activeVerificationCert === false) return;
    if (typeof pem !== "string") {
      issues.push(
        connectionIssue(
          fieldPath(fieldPath(at, "x509File"), "fileData"),
          "required",
          "A pinned certificate needs its PEM text in x509File.fileData.",
          "Paste the client certificate (-----BEGIN CERTIFICATE-----…) into x509File.fileData.",
        ),
      );
      return;
    }
    try {
      const x509 = new X509Certificate(pem);
      const names = certificateNames(x509.raw);
      certs.push({
        der: x509.raw,
        fingerprint256: x509.fingerprint256,
        subject: names.subject,
        issuer: names.issuer,
        validFrom: new Date(x509.validFrom),
        validTo: new Date(x509.validTo),
      });
    } catch (error) {
      const reason = error instanceof DerError ? error.message : "it does not parse as PEM";
      issues.push(
        connectionIssue(
          fieldPath(fieldPath(at, "x509File"), "fileData"),
          "invalid_certificate",
          `This is not a usable X.509 certificate: ${reason}.`,
          "Paste one PEM certificate, e.g. the output of `openssl x509 -in client.pem`.",
        ),
      );
    }
  });
  return certs;
}

function distinguishedName(value: unknown, path: string, issues: ConnectionIssue[]): Dn | undefined {
  if (typeof value !== "string") {
    issues.push(
      connectionIssue(
        path,
        "invalid_type",
        "A DN is a string.",
        'Write it as RFC 4514: "CN=client,O=Example".',
      ),
    );
    return undefined;
  }
  try {
    return parseDn(value);
  } catch (error) {
    const reason = error instanceof DnSyntaxError ? error.message : String(error);
    issues.push(
      connectionIssue(
        path,
        "invalid_dn",
        `"${value}" is not a distinguished name: ${reason}.`,
        "Write it as RFC 4514 (`openssl x509 -noout -subject -nameopt RFC2253` prints it), e.g. CN=client,O=Example.",
      ),
    );
    return undefined;
  }
}

/** undefined when `credentials` is absent; issues name fields under `path` (`credentials`). */
export function checkBackChannelAuth(
  credentials: unknown,
  path: string,
  issues: ConnectionIssue[],
): BackChannelAuthInput | undefined {
  if (credentials === undefined) return undefined;
  const authPath = fieldPath(path, "inboundBackChannelAuth");
  const auth = isJsonObject(credentials) ? credentials.inboundBackChannelAuth : undefined;
  if (auth === undefined) return undefined;
  if (!isJsonObject(auth)) {
    issues.push(
      connectionIssue(
        authPath,
        "invalid_type",
        "inboundBackChannelAuth must be an object.",
        "Give { httpBasicCredentials, … }.",
      ),
    );
    return undefined;
  }
  unknownMembers(auth, authMembers, authPath, issues);
  if (auth.type !== undefined && auth.type !== "INBOUND") {
    issues.push(
      connectionIssue(
        fieldPath(authPath, "type"),
        "invalid_value",
        'type is "INBOUND" for credentials a partner presents.',
        "Set type: INBOUND or leave it out.",
      ),
    );
  }
  if (auth.digitalSignature === true) {
    issues.push(
      connectionIssue(
        fieldPath(authPath, "digitalSignature"),
        "not_supported",
        "Digital signatures authenticate SOAP messages of browser SSO, not SCIM requests (PingFederate uses them for SAML only).",
        "Set digitalSignature: false or leave it out.",
      ),
    );
  }
  if (auth.requireSsl !== undefined && typeof auth.requireSsl !== "boolean") {
    issues.push(
      connectionIssue(
        fieldPath(authPath, "requireSsl"),
        "invalid_type",
        "requireSsl is true or false.",
        "Set requireSsl: true.",
      ),
    );
  }
  const basic =
    auth.httpBasicCredentials === undefined
      ? undefined
      : basicCredentials(auth.httpBasicCredentials, fieldPath(authPath, "httpBasicCredentials"), issues);
  const tokens =
    auth.bearerTokens === undefined
      ? []
      : bearerTokens(auth.bearerTokens, fieldPath(authPath, "bearerTokens"), issues);
  const certs =
    auth.certs === undefined ? [] : pinnedCertificates(auth.certs, fieldPath(authPath, "certs"), issues);
  let anchored: AnchoredTrust | undefined;
  if (auth.verificationSubjectDN !== undefined) {
    const subject = distinguishedName(
      auth.verificationSubjectDN,
      fieldPath(authPath, "verificationSubjectDN"),
      issues,
    );
    const issuer =
      auth.verificationIssuerDN === undefined
        ? undefined
        : distinguishedName(auth.verificationIssuerDN, fieldPath(authPath, "verificationIssuerDN"), issues);
    if (subject !== undefined) anchored = { subject, issuer };
  } else if (auth.verificationIssuerDN !== undefined) {
    issues.push(
      connectionIssue(
        fieldPath(authPath, "verificationIssuerDN"),
        "required",
        "verificationIssuerDN only narrows anchored trust, which verificationSubjectDN turns on.",
        "Add verificationSubjectDN (the client certificate's subject), or remove verificationIssuerDN.",
      ),
    );
  }
  return { basic, bearerTokens: tokens, certs, anchored, requireSsl: auth.requireSsl === true };
}

/** Whether any credential is configured; a connection with none cannot be reached. */
export function hasCredential(
  auth:
    | {
        readonly basic: unknown;
        readonly bearerTokens: readonly unknown[];
        readonly certs: readonly unknown[];
        readonly anchored: unknown;
      }
    | undefined,
): boolean {
  return (
    auth !== undefined &&
    (auth.basic !== undefined ||
      auth.bearerTokens.length > 0 ||
      auth.certs.length > 0 ||
      auth.anchored !== undefined)
  );
}

export function describeAnchored(trust: AnchoredTrust): string {
  return trust.issuer === undefined
    ? formatDn(trust.subject)
    : `${formatDn(trust.subject)} issued by ${formatDn(trust.issuer)}`;
}
