// TEST-ONLY connection configurations in PingFederate's admin-API shape: a small one with a direct-style
// identity-store mapping (userName, displayName, externalId; Group displayName), built with whatever
// credentials and options a test needs, and the demo file's connections (fixtures/connections/demo.yaml).
// Only *.test.ts files and the test servers import this.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";

export const demoFile = new URL("../../fixtures/connections/demo.yaml", import.meta.url).pathname;

export interface ConnectionOptions {
  readonly basic?: { readonly username: string; readonly password: string };
  readonly tokens?: readonly (string | { readonly id: string; readonly token: string })[];
  readonly groupSupport?: boolean;
  readonly actionOnDelete?: "DISABLE_USER" | "PERMANENTLY_DELETE_USER";
  readonly active?: boolean;
  readonly requireSsl?: boolean;
  readonly documentationUri?: string;
  /** Extra members of `credentials.inboundBackChannelAuth` (certs, verificationSubjectDN…). */
  readonly auth?: JsonObject;
}

const source = (type: string, value: string) => ({ source: { type }, value });

/** A connection whose users keep userName, displayName and externalId, and whose groups keep displayName. */
export function testConnection(id: string, options: ConnectionOptions = {}): JsonObject {
  const groupSupport = options.groupSupport ?? true;
  const auth: JsonObject = { type: "INBOUND", requireSsl: options.requireSsl ?? false, ...options.auth };
  if (options.basic !== undefined) auth.httpBasicCredentials = { ...options.basic };
  if (options.tokens !== undefined) {
    auth.bearerTokens = options.tokens.map((t, i) =>
      typeof t === "string" ? { id: `t${i + 1}`, token: t } : { ...t },
    );
  }
  return {
    type: "IDP",
    id,
    entityId: `urn:test:${id}`,
    name: `Test connection ${id}`,
    active: options.active ?? true,
    credentials: { inboundBackChannelAuth: auth },
    inboundProvisioning: {
      groupSupport,
      actionOnDelete: options.actionOnDelete ?? "PERMANENTLY_DELETE_USER",
      userRepository: { type: "IDENTITY_STORE", identityStoreProvisionerRef: { id: "embedded" } },
      ...(options.documentationUri === undefined
        ? {}
        : { serviceProviderConfig: { documentationUri: options.documentationUri } }),
      users: {
        writeUsers: {
          attributeFulfillment: {
            username: source("SCIM_USER", "userName"),
            display: source("SCIM_USER", "displayName"),
            external: source("SCIM_USER", "externalId"),
          },
        },
        readUsers: {
          attributeContract: { extendedAttributes: [] },
          attributeFulfillment: {
            userName: source("IDENTITY_STORE_USER", "username"),
            displayName: source("IDENTITY_STORE_USER", "display"),
            externalId: source("IDENTITY_STORE_USER", "external"),
          },
        },
      },
      ...(groupSupport
        ? {
            groups: {
              writeGroups: { attributeFulfillment: { groupName: source("SCIM_GROUP", "displayName") } },
              readGroups: {
                attributeContract: { extendedAttributes: [] },
                attributeFulfillment: { displayName: source("IDENTITY_STORE_GROUP", "groupName") },
              },
            },
          }
        : {}),
    },
  };
}

/** The demo file's connections, parsed but with ${env:…} left as written. */
export function demoConnections(): JsonObject[] {
  const document: unknown = parse(readFileSync(demoFile, "utf8"));
  const list = isJsonObject(document) ? document.idpConnections : undefined;
  if (!Array.isArray(list)) throw new Error("demo.yaml has no idpConnections");
  return list.filter(isJsonObject);
}

/** A demo connection by id, as a fresh copy a test may change. */
export function demoConnection(id: string): JsonObject {
  const found = demoConnections().find((c) => c.id === id);
  if (found === undefined) throw new Error(`demo.yaml has no connection ${id}`);
  return structuredClone(found);
}

/** Replaces a connection's back-channel credentials (keeps type INBOUND and requireSsl false). */
export function withCredentials(connection: JsonObject, auth: JsonObject): JsonObject {
  return {
    ...connection,
    credentials: { inboundBackChannelAuth: { type: "INBOUND", requireSsl: false, ...auth } },
  };
}

export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
