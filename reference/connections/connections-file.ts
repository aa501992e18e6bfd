// Reads a connections file (`--config` / SCIM_CONFIG): YAML or JSON (YAML is a superset of JSON, so one
// parser reads both) holding `idpConnections: [...]`, each connection in PingFederate's admin-API shape.
// `${env:…}` references are filled here (env-substitution.ts); the connections themselves are checked by
// the catalog, together with what the admin API stored.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { isJsonObject } from "../protocol/resource/json.js";
import { type ConnectionIssue, connectionIssue, fieldPath, type Validated } from "./connection-issue.js";
import { type Environment, fillEnvironment } from "./env-substitution.js";

export interface FileConnection {
  /** Field path in the file, e.g. `idpConnections[1]`. */
  readonly path: string;
  readonly raw: unknown;
}

export const defaultConfigFile = new URL("../../fixtures/connections/demo.yaml", import.meta.url).pathname;

export function connectionsOfDocument(
  document: unknown,
  env: Environment,
): Validated<readonly FileConnection[]> {
  const list = isJsonObject(document) ? document.idpConnections : undefined;
  if (!Array.isArray(list)) {
    return {
      ok: false,
      issues: [
        connectionIssue(
          "idpConnections",
          "required",
          "The file has no idpConnections list.",
          "Put the connections under idpConnections: [ { id, entityId, name, credentials, inboundProvisioning }, … ].",
        ),
      ],
    };
  }
  const issues: ConnectionIssue[] = [];
  const connections = list.map((raw, i) => {
    const path = fieldPath("idpConnections", i);
    const filled = fillEnvironment(raw, env, path);
    issues.push(...filled.issues);
    return { path, raw: filled.value };
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: connections };
}

export async function readConnectionsFile(
  file: string,
  env: Environment,
): Promise<Validated<readonly FileConnection[]>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return {
      ok: false,
      issues: [
        connectionIssue(
          "",
          "invalid_value",
          `${file} cannot be read (${code}).`,
          "Check the path given with --config or SCIM_CONFIG.",
        ),
      ],
    };
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      ok: false,
      issues: [
        connectionIssue(
          "",
          "invalid_value",
          `${file} is not valid YAML or JSON: ${reason}`,
          "Fix the syntax at the place named.",
        ),
      ],
    };
  }
  return connectionsOfDocument(document, env);
}
