// Reads a connections file (YAML or JSON, `idpConnections: [...]`) for the mapping check. The server's own
// loader (connections layer) also fills ${env:…} credentials; the mapping check never needs credentials,
// so it takes the file as written.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { isJsonObject } from "../../protocol/resource/json.js";
import { type Checked, configIssue, keyPath } from "../pingfederate/config-issue.js";

export interface ConfiguredConnection {
  readonly id: string;
  /** Issue path of the connection in the file, e.g. `idpConnections[1]`. */
  readonly path: string;
  readonly raw: unknown;
}

export function connectionsOf(document: unknown): Checked<readonly ConfiguredConnection[]> {
  const list = isJsonObject(document) ? document.idpConnections : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    return {
      ok: false,
      issues: [
        configIssue(
          "idpConnections",
          "The file has no idpConnections list.",
          "Put the connections under idpConnections: [...].",
        ),
      ],
    };
  }
  return {
    ok: true,
    value: list.map((raw, i) => {
      const id = isJsonObject(raw) && typeof raw.id === "string" ? raw.id : `#${i}`;
      return { id, path: keyPath("idpConnections", i), raw };
    }),
  };
}

export async function readConnectionsFile(file: string): Promise<Checked<readonly ConfiguredConnection[]>> {
  let document: unknown;
  try {
    document = parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        configIssue("", `${file} cannot be read as YAML or JSON: ${reason}`, "Fix the file's syntax."),
      ],
    };
  }
  return connectionsOf(document);
}
