// A connection as the admin API returns it (PingFederate `IdpConnection`): the stored configuration with
// every default made explicit, secrets never shown (PingFederate: `password` is write-only and reads back as
// `encryptedPassword`; here that is a reference to the hash, see seal-connection.ts), bearer tokens as their
// ids only, and the computed, read-only parts PingFederate also returns: `attributeContract.coreAttributes`
// (the SCIM attributes the write mapping uses, §2.4 rule 4) and a `certView` for each pinned certificate.
import { X509Certificate } from "node:crypto";
import { isJsonObject, type JsonObject, type JsonValue } from "../protocol/resource/json.js";
import { formatDn } from "./distinguished-name.js";
import { type PreparedConnection, secretReference } from "./seal-connection.js";
import { certificateNames } from "./x509-name.js";

function certView(cert: JsonValue): JsonValue {
  if (!isJsonObject(cert)) return cert;
  const file = cert.x509File;
  const pem = isJsonObject(file) ? file.fileData : undefined;
  if (typeof pem !== "string") return cert;
  try {
    const x509 = new X509Certificate(pem);
    const names = certificateNames(x509.raw);
    return {
      ...cert,
      certView: {
        subjectDN: formatDn(names.subject),
        issuerDN: formatDn(names.issuer),
        sha256Fingerprint: x509.fingerprint256.replaceAll(":", ""),
        serialNumber: x509.serialNumber,
        validFrom: new Date(x509.validFrom).toISOString(),
        expires: new Date(x509.validTo).toISOString(),
      },
    };
  } catch {
    return cert;
  }
}

function withCoreAttributes(
  side: JsonValue | undefined,
  readKey: string,
  core: readonly string[],
): JsonValue | undefined {
  if (!isJsonObject(side)) return side;
  const read = side[readKey];
  if (!isJsonObject(read)) return side;
  const contract = isJsonObject(read.attributeContract) ? read.attributeContract : {};
  return {
    ...side,
    [readKey]: {
      ...read,
      attributeContract: { ...contract, coreAttributes: core.map((name) => ({ name, masked: false })) },
    },
  };
}

export function connectionView(connection: PreparedConnection): JsonObject {
  const view = structuredClone(connection.stored);
  const { auth, settings, mappings } = connection;
  const credentials = isJsonObject(view.credentials) ? view.credentials : {};
  const given = isJsonObject(credentials.inboundBackChannelAuth) ? credentials.inboundBackChannelAuth : {};
  const shown: JsonObject = { ...given, type: "INBOUND", requireSsl: auth.requireSsl };
  if (auth.basic !== undefined) {
    shown.httpBasicCredentials = {
      username: auth.basic.username,
      encryptedPassword: secretReference(auth.basic.passwordHash),
    };
  }
  if (auth.bearerTokens.length > 0) shown.bearerTokens = auth.bearerTokens.map((t) => ({ id: t.id }));
  if (Array.isArray(given.certs)) shown.certs = given.certs.map(certView);

  const inbound = isJsonObject(view.inboundProvisioning) ? view.inboundProvisioning : {};
  const users = withCoreAttributes(
    inbound.users,
    "readUsers",
    mappings.mappings.users.compiled.coreAttributes,
  );
  const groupMapping = mappings.mappings.groups;
  const groups =
    groupMapping === undefined
      ? inbound.groups
      : withCoreAttributes(inbound.groups, "readGroups", groupMapping.compiled.coreAttributes);
  return {
    ...view,
    type: "IDP",
    id: connection.id,
    active: connection.active,
    credentials: { ...credentials, inboundBackChannelAuth: shown },
    inboundProvisioning: {
      ...inbound,
      scimVersion: "SCIM20",
      actionOnDelete: settings.actionOnDelete,
      ...(users === undefined ? {} : { users }),
      ...(groups === undefined ? {} : { groups }),
    },
  };
}
