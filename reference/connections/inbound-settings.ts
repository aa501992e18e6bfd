// The parts of `inboundProvisioning` that are not the mapping (the mapping half checks `groupSupport`,
// `users`, `groups` and `customScim2Schema`): the SCIM version, the user repository, what DELETE does and
// the ServiceProviderConfig documentation link (pingfederate-model.md §1.4, §1.10, §1.11, §2.3, §2.4).
//
// - `scimVersion`: this server speaks SCIM 2.0 only, so "SCIM20" (the default here; PingFederate
//   defaults to SCIM11); unlike PingFederate's SCIM 2.0 mode it keeps Group support.
// - `userRepository.type`: PingFederate's "LDAP" (an Active Directory data store) and "IDENTITY_STORE"
//   (an identity store provisioner), referenced as `dataStoreRef: { id: embedded }` or
//   `identityStoreProvisionerRef: { id: embedded }`. IDENTITY_STORE uses the store --db opens (SQLite or
//   PostgreSQL); LDAP stores into the server's directory when one is configured (SCIM_LDAP_URL, see
//   reference/datastore/ldap/README.md) and into the --db store otherwise. LDAP needs `uniqueUserIdFilter`, and
//   `uniqueGroupIdFilter` exactly when groups are supported (Terraform provider validators, §2.4 rule 2).
// - `actionOnDelete`: DISABLE_USER or PERMANENTLY_DELETE_USER (default here: PERMANENTLY_DELETE_USER,
//   which is RFC 7644 §3.6's plain delete; PingFederate's API defines no default).
// - `customSchema` (SCIM 1.1 extension) is refused in favour of `customScim2Schema`.
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";
import { type ConnectionIssue, connectionIssue, fieldPath } from "./connection-issue.js";

export type ActionOnDelete = "DISABLE_USER" | "PERMANENTLY_DELETE_USER";
export const actionsOnDelete: readonly ActionOnDelete[] = ["DISABLE_USER", "PERMANENTLY_DELETE_USER"];
export const defaultActionOnDelete: ActionOnDelete = "PERMANENTLY_DELETE_USER";

export type RepositoryType = "LDAP" | "IDENTITY_STORE";

/** The datastores a repository may reference today. */
export const embeddedStoreId = "embedded";

export interface InboundSettings {
  readonly actionOnDelete: ActionOnDelete;
  readonly repositoryType: RepositoryType;
  readonly documentationUri: string | undefined;
}

/** `attr=${scimAttr}` without parentheses (PingFederate D-uid), `${attr:-default}` allowed. */
const idFilter = /^[A-Za-z][A-Za-z0-9-]*(?:;[A-Za-z0-9-]+)*=.+$/;

function checkIdFilter(value: unknown, path: string, issues: ConnectionIssue[], what: string): void {
  if (value === undefined || value === "") {
    issues.push(
      connectionIssue(
        path,
        "required",
        `An LDAP user repository needs ${what}.`,
        `Set it as attribute=\${scimAttribute}, e.g. ${what === "uniqueUserIdFilter" ? "uid=" : "cn="}\${${what === "uniqueUserIdFilter" ? "userName" : "displayName"}}.`,
      ),
    );
  } else if (typeof value !== "string" || !idFilter.test(value) || value.includes("(")) {
    issues.push(
      connectionIssue(
        path,
        "invalid_value",
        `${what} is attribute=\${scimAttribute}, without parentheses (PingFederate's unique ID filter form).`,
        `Write e.g. uid=\${userName}.`,
      ),
    );
  }
}

function checkReference(value: unknown, path: string, issues: ConnectionIssue[]): void {
  const id = isJsonObject(value) ? value.id : undefined;
  if (id === undefined) {
    issues.push(
      connectionIssue(
        path,
        "required",
        "The repository must name its datastore.",
        `Set ${path.split(".").pop()}: { id: ${embeddedStoreId} }.`,
      ),
    );
  } else if (id !== embeddedStoreId) {
    issues.push(
      connectionIssue(
        fieldPath(path, "id"),
        "invalid_value",
        `No datastore "${String(id)}" is configured; this server has one, "${embeddedStoreId}": the store --db opens (SQLite, or PostgreSQL for a postgres:// URL), or for an LDAP repository the directory SCIM_LDAP_URL names.`,
        `Set id: ${embeddedStoreId}.`,
      ),
    );
  }
}

function checkRepository(
  inbound: JsonObject,
  path: string,
  issues: ConnectionIssue[],
): RepositoryType | undefined {
  const repoPath = fieldPath(path, "userRepository");
  const repo = inbound.userRepository;
  if (!isJsonObject(repo)) {
    issues.push(
      connectionIssue(
        repoPath,
        repo === undefined ? "required" : "invalid_type",
        "userRepository says where users are stored.",
        `Add userRepository: { type: IDENTITY_STORE, identityStoreProvisionerRef: { id: ${embeddedStoreId} } }.`,
      ),
    );
    return undefined;
  }
  if (repo.type === "LDAP") {
    checkReference(repo.dataStoreRef, fieldPath(repoPath, "dataStoreRef"), issues);
    checkIdFilter(
      repo.uniqueUserIdFilter,
      fieldPath(repoPath, "uniqueUserIdFilter"),
      issues,
      "uniqueUserIdFilter",
    );
    const groups = inbound.groupSupport === true;
    const groupFilterPath = fieldPath(repoPath, "uniqueGroupIdFilter");
    if (groups) checkIdFilter(repo.uniqueGroupIdFilter, groupFilterPath, issues, "uniqueGroupIdFilter");
    else if (repo.uniqueGroupIdFilter !== undefined) {
      issues.push(
        connectionIssue(
          groupFilterPath,
          "invalid_value",
          "uniqueGroupIdFilter only applies with groupSupport: true (User and Group Support).",
          "Remove uniqueGroupIdFilter, or set groupSupport: true.",
        ),
      );
    }
    return "LDAP";
  }
  if (repo.type === "IDENTITY_STORE") {
    checkReference(
      repo.identityStoreProvisionerRef,
      fieldPath(repoPath, "identityStoreProvisionerRef"),
      issues,
    );
    return "IDENTITY_STORE";
  }
  issues.push(
    connectionIssue(
      fieldPath(repoPath, "type"),
      repo.type === undefined ? "required" : "invalid_value",
      `userRepository.type is LDAP or IDENTITY_STORE (PingFederate's repository types), not ${JSON.stringify(repo.type ?? null)}.`,
      "Set type: IDENTITY_STORE (or LDAP with dataStoreRef and uniqueUserIdFilter).",
    ),
  );
  return undefined;
}

function checkDocumentationUri(value: unknown, path: string, issues: ConnectionIssue[]): string | undefined {
  const config = value;
  if (config === undefined) return undefined;
  const uriPath = fieldPath(path, "documentationUri");
  const uri = isJsonObject(config) ? config.documentationUri : undefined;
  if (uri === undefined) return undefined;
  let valid = false;
  if (typeof uri === "string" && uri.length > 0) {
    try {
      valid = ["http:", "https:"].includes(new URL(uri).protocol);
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    issues.push(
      connectionIssue(
        uriPath,
        "invalid_value",
        "documentationUri is an absolute http(s) URI (RFC 7643 §5 `documentationUri`).",
        "Set e.g. https://example.com/scim-docs, or leave it out.",
      ),
    );
    return undefined;
  }
  return uri as string;
}

export function checkInboundSettings(
  inbound: JsonObject,
  path: string,
  issues: ConnectionIssue[],
): InboundSettings | undefined {
  if (inbound.scimVersion !== undefined && inbound.scimVersion !== "SCIM20") {
    issues.push(
      connectionIssue(
        fieldPath(path, "scimVersion"),
        inbound.scimVersion === "SCIM11" ? "not_supported" : "invalid_value",
        "This server speaks SCIM 2.0 only (with Group support, which PingFederate's SCIM 2.0 mode lacks).",
        "Set scimVersion: SCIM20 or leave it out.",
      ),
    );
  }
  if (inbound.customSchema !== undefined) {
    issues.push(
      connectionIssue(
        fieldPath(path, "customSchema"),
        "not_supported",
        "customSchema is PingFederate's SCIM 1.1 extension; this server serves SCIM 2.0.",
        "Describe the extension as customScim2Schema (RFC 7643 §7 attribute characteristics).",
      ),
    );
  }
  let actionOnDelete = defaultActionOnDelete;
  if (inbound.actionOnDelete !== undefined) {
    if (actionsOnDelete.includes(inbound.actionOnDelete as ActionOnDelete)) {
      actionOnDelete = inbound.actionOnDelete as ActionOnDelete;
    } else {
      issues.push(
        connectionIssue(
          fieldPath(path, "actionOnDelete"),
          "invalid_value",
          `actionOnDelete is DISABLE_USER or PERMANENTLY_DELETE_USER, not ${JSON.stringify(inbound.actionOnDelete)}.`,
          "DISABLE_USER keeps deleted users hidden; PERMANENTLY_DELETE_USER removes them.",
        ),
      );
    }
  }
  const repositoryType = checkRepository(inbound, path, issues);
  const documentationUri = checkDocumentationUri(
    inbound.serviceProviderConfig,
    fieldPath(path, "serviceProviderConfig"),
    issues,
  );
  if (repositoryType === undefined) return undefined;
  return { actionOnDelete, repositoryType, documentationUri };
}
