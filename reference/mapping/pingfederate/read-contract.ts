// The read attribute contract (PingFederate "Attribute Contract" of Read Users / Read Groups, D-rcon, D-gcon):
// the SCIM attributes a connection returns. `coreAttributes` is computed from the write mapping (the SCIM
// paths it reads) and ignored when sent, as in PingFederate's admin API; `extendedAttributes` adds paths fed
// by expressions, literals or context. PingFederate requires every contract attribute to be fulfilled and
// fulfils nothing outside the contract; `masked` hides an attribute's values in logs.
import { isJsonObject } from "../../protocol/resource/json.js";
import { type ConfigIssue, configIssue, keyPath } from "./config-issue.js";
import type { ReadSource } from "./fulfillment-source.js";
import type { ContractAttribute } from "./inbound-provisioning.js";
import { type MappingPath, parseMappingPath } from "./mapping-path.js";
import type { ResourceMappingInput, WriteSlot } from "./resource-mapping.js";

export interface CheckedContract {
  readonly core: readonly string[];
  readonly extended: readonly ContractAttribute[];
  /** Path keys whose values are masked in logs. */
  readonly masked: ReadonlySet<string>;
}

interface ReadEntry {
  readonly path: MappingPath;
  readonly source: ReadSource;
  readonly at: string;
}

function extendedOf(input: ResourceMappingInput, issues: ConfigIssue[]) {
  const contractPath = keyPath(input.readPath, "attributeContract");
  const contract = isJsonObject(input.read) ? input.read.attributeContract : undefined;
  const list = isJsonObject(contract) ? contract.extendedAttributes : undefined;
  const out: { path: MappingPath; masked: boolean }[] = [];
  if (list === undefined) return out;
  const listPath = keyPath(contractPath, "extendedAttributes");
  if (!Array.isArray(list)) {
    issues.push(
      configIssue(
        listPath,
        "extendedAttributes must be a list.",
        "Write extendedAttributes: [{ name: <SCIM path> }].",
      ),
    );
    return out;
  }
  list.forEach((item, i) => {
    const at = keyPath(listPath, i);
    if (
      !isJsonObject(item) ||
      typeof item.name !== "string" ||
      (item.masked !== undefined && typeof item.masked !== "boolean")
    ) {
      issues.push(
        configIssue(
          at,
          "A contract attribute is { name: <SCIM path>, masked?: boolean }.",
          'Write e.g. { name: "nickName" }.',
        ),
      );
      return;
    }
    const parsed = parseMappingPath(input.registry, input.resourceType, item.name);
    if (!parsed.ok) {
      issues.push(configIssue(keyPath(at, "name"), parsed.message, parsed.fix));
      return;
    }
    out.push({ path: parsed.path, masked: item.masked === true });
  });
  return out;
}

export function checkContract(
  input: ResourceMappingInput,
  write: readonly WriteSlot[],
  entries: readonly ReadEntry[],
  issues: ConfigIssue[],
): CheckedContract {
  const core = new Map<string, MappingPath>();
  for (const slot of write) if (slot.source.kind === "scim") core.set(slot.source.path.key, slot.source.path);
  const extended = extendedOf(input, issues);
  const masked = new Set(extended.filter((e) => e.masked).map((e) => e.path.key));
  const inContract = new Set([...core.keys(), ...extended.map((e) => e.path.key)]);
  for (const entry of entries) {
    if (inContract.has(entry.path.key)) continue;
    issues.push(
      configIssue(
        entry.at,
        `${entry.path.text} is returned but is not in the attribute contract: the write mapping does not read it, and it is not an extended attribute.`,
        `Add { name: "${entry.path.text}" } to ${keyPath(input.readPath, "attributeContract")}.extendedAttributes.`,
      ),
    );
  }
  const fulfilled = new Set(entries.map((e) => e.path.key));
  const fulfillmentPath = keyPath(input.readPath, "attributeFulfillment");
  for (const path of [...core.values(), ...extended.map((e) => e.path)]) {
    if (fulfilled.has(path.key)) continue;
    fulfilled.add(path.key);
    issues.push(
      configIssue(
        keyPath(fulfillmentPath, path.text),
        `${path.text} is in the attribute contract but the read mapping does not fulfil it (PingFederate: every contract attribute must be mapped).`,
        `Add ${path.text}: { source: { type: ${input.repositoryType === "IDENTITY_STORE" ? (input.resource === "users" ? "IDENTITY_STORE_USER" : "IDENTITY_STORE_GROUP") : "LDAP_DATA_STORE"} }, value: <datastore attribute> }, or NO_MAPPING to drop it knowingly.`,
      ),
    );
  }
  return Object.freeze({
    core: Object.freeze([...core.values()].map((p) => p.text)),
    extended: Object.freeze(extended.map((e) => Object.freeze({ name: e.path.text, masked: e.masked }))),
    masked,
  });
}
