// Checks one IdP connection in PingFederate's admin-API shape (pingfederate-model.md §2.2: `type`, `id`,
// `entityId`, `name`, `active`, `credentials`, `inboundProvisioning`) and compiles its mapping once. The
// same check runs on a connections file at start-up and on every admin-API create or replace, so the two
// can never disagree. Everything is reported at once (STYLE.md §9); nothing throws.

import {
  type ConnectionMappings,
  compileConnectionMappings,
} from "../mapping/pingfederate/connection-mappings.js";
import type { ConnectionSchemaSet } from "../mapping/pingfederate/connection-schemas.js";
import type { ExpressionLimits } from "../mapping/pingfederate/expression-sandbox.js";
import type { MappingLog } from "../mapping/pingfederate/pingfederate-mapping.js";
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";
import { type BackChannelAuthInput, checkBackChannelAuth } from "./back-channel-auth.js";
import { type CredentialShape, connectionConflicts } from "./connection-conflicts.js";
import {
  type ConnectionIssue,
  connectionIssue,
  fieldPath,
  fromMappingIssue,
  type Validated,
} from "./connection-issue.js";
import { checkInboundSettings, type InboundSettings } from "./inbound-settings.js";

export interface ValidatedConnection {
  readonly id: string;
  readonly entityId: string;
  readonly name: string;
  /** PingFederate `active` (default false): an inactive connection's credentials are refused. */
  readonly active: boolean;
  /** The connection as given (after ${env:…}); secrets still as given. */
  readonly raw: JsonObject;
  readonly auth: BackChannelAuthInput | undefined;
  readonly settings: InboundSettings;
  readonly mappings: ConnectionMappings;
}

export interface ValidateOptions {
  /** The connections this one must not collide with (ids, entity ids, credentials); none by default. */
  readonly others?: readonly CredentialShape[];
  /** Field path of the connection: "" for an admin-API body, `idpConnections[1]` in a file. */
  readonly path: string;
  readonly spec: ConnectionSchemaSet;
  readonly log: MappingLog;
  readonly limits?: ExpressionLimits;
}

/** Connection ids appear in URLs (/admin/v1/idpConnections/{id}) and logs; PingFederate allows the same set. */
export const connectionIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

function requiredText(
  raw: JsonObject,
  key: string,
  path: string,
  issues: ConnectionIssue[],
  fix: string,
): string | undefined {
  const value = raw[key];
  if (typeof value === "string" && value.trim() !== "") return value;
  issues.push(
    connectionIssue(
      fieldPath(path, key),
      value === undefined ? "required" : "invalid_value",
      `${key} is a non-empty string.`,
      fix,
    ),
  );
  return undefined;
}

export function validateConnection(input: unknown, options: ValidateOptions): Validated<ValidatedConnection> {
  const { path } = options;
  if (!isJsonObject(input)) {
    return {
      ok: false,
      issues: [
        connectionIssue(
          path,
          "invalid_type",
          "A connection is a JSON object.",
          "Give { id, entityId, name, … }.",
        ),
      ],
    };
  }
  const issues: ConnectionIssue[] = [];
  if (input.type !== undefined && input.type !== "IDP") {
    issues.push(
      connectionIssue(
        fieldPath(path, "type"),
        "invalid_value",
        'Inbound provisioning lives on IdP connections: type is "IDP".',
        "Set type: IDP or leave it out.",
      ),
    );
  }
  const id = requiredText(input, "id", path, issues, 'Add id: "my-idp" (A-Z a-z 0-9 . _ -).');
  if (id !== undefined && !connectionIdPattern.test(id)) {
    issues.push(
      connectionIssue(
        fieldPath(path, "id"),
        "invalid_value",
        `"${id}" is not a connection id: 1–64 of A-Z a-z 0-9 . _ -.`,
        'Use e.g. id: "entra-prod".',
      ),
    );
  }
  const entityId = requiredText(
    input,
    "entityId",
    path,
    issues,
    "Add the partner's entity id, e.g. urn:example:idp.",
  );
  const name = requiredText(input, "name", path, issues, 'Add a name, e.g. name: "Entra ID (production)".');
  if (input.active !== undefined && typeof input.active !== "boolean") {
    issues.push(
      connectionIssue(
        fieldPath(path, "active"),
        "invalid_type",
        "active is true or false.",
        "Set active: true to accept its credentials.",
      ),
    );
  }
  const auth = checkBackChannelAuth(input.credentials, fieldPath(path, "credentials"), issues);
  // Cross-connection rules run even when other fields have issues, so one answer lists everything.
  if (id !== undefined && entityId !== undefined && options.others !== undefined) {
    issues.push(...connectionConflicts({ id, entityId, auth }, options.others, path));
  }

  const inboundPath = fieldPath(path, "inboundProvisioning");
  const inbound = input.inboundProvisioning;
  let settings: InboundSettings | undefined;
  let mappings: ConnectionMappings | undefined;
  if (!isJsonObject(inbound)) {
    issues.push(
      connectionIssue(
        inboundPath,
        inbound === undefined ? "required" : "invalid_type",
        "A connection serves SCIM through its inboundProvisioning.",
        "Add inboundProvisioning with groupSupport, userRepository and users.writeUsers/readUsers.",
      ),
    );
  } else {
    settings = checkInboundSettings(inbound, inboundPath, issues);
    if (id !== undefined) {
      const compiled = compileConnectionMappings({
        connection: input,
        path,
        spec: options.spec,
        log: options.log,
        ...(options.limits === undefined ? {} : { limits: options.limits }),
      });
      if (compiled.ok) mappings = compiled.value;
      else issues.push(...compiled.issues.map(fromMappingIssue));
    }
  }
  if (issues.length > 0 || id === undefined || entityId === undefined || name === undefined) {
    return { ok: false, issues };
  }
  if (settings === undefined || mappings === undefined) return { ok: false, issues };
  return {
    ok: true,
    value: Object.freeze({
      id,
      entityId,
      name,
      active: input.active === true,
      raw: input,
      auth,
      settings,
      mappings,
    }),
  };
}
