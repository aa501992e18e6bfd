// A connection's custom extension schema in PingFederate 12.3's admin-API shape, `customScim2Schema`
// (pingfederate-model.md §1.6, §2.3: a namespace plus attributes with the RFC 7643 §7 characteristics in
// upper-case enum spelling, sub-attributes one level deep), turned into an RFC 7643 §7 schema definition
// that the registry serves in /Schemas and validates, maps and filters like any extension. RFC 7643 §7
// defaults apply to omitted characteristics (type string, readWrite, returned default, uniqueness none).
import { isJsonObject } from "../../protocol/resource/json.js";
import type {
  AttributeDefinition,
  AttributeType,
  SchemaDefinition,
} from "../../protocol/schema/schema-definition.js";
import { coreSchemaUrns } from "../../protocol/schema/schema-definition.js";
import { type Checked, type ConfigIssue, configIssue, keyPath } from "./config-issue.js";

const types = [
  "string",
  "boolean",
  "decimal",
  "integer",
  "dateTime",
  "reference",
  "binary",
  "complex",
] as const;
const mutabilities = ["readOnly", "readWrite", "immutable", "writeOnly"] as const;
const returneds = ["always", "never", "default", "request"] as const;
const uniquenesses = ["none", "server", "global"] as const;

// RFC 7643 §2.1 ATTRNAME (and "$ref", which RFC 7643 itself uses).
const attrName = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;
const urn = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s]+$/i;

/** PingFederate spells enums in upper case (READWRITE, DATETIME); RFC 7643 in lower camel case. */
function choose<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  at: string,
  issues: ConfigIssue[],
): T {
  if (value === undefined) return fallback;
  const found =
    typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) {
    issues.push(
      configIssue(
        at,
        `${JSON.stringify(value)} is not allowed here.`,
        `Use one of ${allowed.map((a) => a.toUpperCase()).join(", ")}.`,
      ),
    );
    return fallback;
  }
  return found;
}

function flag(value: unknown, at: string, issues: ConfigIssue[]): boolean {
  if (value === undefined) return false;
  if (typeof value === "boolean") return value;
  issues.push(configIssue(at, "This must be true or false.", "Write true or false."));
  return false;
}

/**
 * What a REFERENCE may point at (RFC 7643 §7 `referenceTypes`: resource type names, "external", "uri").
 * Discovery clients expect it on every reference (the harness's discovery.schemas.reference-types); when
 * a connection names none, "external" says the value is a URL outside this service provider, which is
 * what a free-form reference in an extension is.
 */
function referenceTypes(raw: unknown, at: string, issues: ConfigIssue[]): string[] {
  if (raw === undefined) return ["external"];
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((v) => typeof v !== "string" || v === "")) {
    issues.push(
      configIssue(
        at,
        "referenceTypes must be a non-empty list of resource type names, external or uri.",
        'Write e.g. ["external"] or ["User", "Group"].',
      ),
    );
    return ["external"];
  }
  return [...(raw as string[])];
}

function attribute(
  raw: unknown,
  at: string,
  sub: boolean,
  issues: ConfigIssue[],
): AttributeDefinition | undefined {
  if (!isJsonObject(raw)) {
    issues.push(configIssue(at, "An attribute must be an object.", "Write { name, type, … }."));
    return undefined;
  }
  const name = raw.name;
  if (typeof name !== "string" || !attrName.test(name)) {
    issues.push(
      configIssue(
        keyPath(at, "name"),
        `${JSON.stringify(name)} is not an attribute name (RFC 7643 §2.1).`,
        "Start with a letter; use letters, digits, '-' and '_'.",
      ),
    );
    return undefined;
  }
  const type: AttributeType = choose(raw.type, types, "string", keyPath(at, "type"), issues);
  const mutability = choose(raw.mutability, mutabilities, "readWrite", keyPath(at, "mutability"), issues);
  const returned = choose(
    raw.returned,
    returneds,
    mutability === "writeOnly" ? "never" : "default",
    keyPath(at, "returned"),
    issues,
  );
  if (mutability === "writeOnly" && returned !== "never") {
    issues.push(
      configIssue(
        keyPath(at, "returned"),
        "A writeOnly attribute is never returned (RFC 7643 §7).",
        "Set returned to NEVER.",
      ),
    );
  }
  // "A reference is case exact" (RFC 7643 §2.3.7), and so is a binary value (§2.3.6): filters and
  // uniqueness compare them exactly (compare-values.ts), so /Schemas must not say otherwise.
  const exactByType = type === "reference" || type === "binary";
  if (exactByType && raw.caseExact === false) {
    issues.push(
      configIssue(
        keyPath(at, "caseExact"),
        `A ${type === "reference" ? "REFERENCE" : "BINARY"} value is case exact (RFC 7643 ${type === "reference" ? "§2.3.7" : "§2.3.6"}).`,
        "Remove caseExact, or set it to true.",
      ),
    );
  }
  const definition: Record<string, unknown> = {
    name,
    type,
    multiValued: sub ? false : flag(raw.multiValued, keyPath(at, "multiValued"), issues),
    required: flag(raw.required, keyPath(at, "required"), issues),
    caseExact: exactByType || flag(raw.caseExact, keyPath(at, "caseExact"), issues),
    mutability,
    returned,
    uniqueness: choose(raw.uniqueness, uniquenesses, "none", keyPath(at, "uniqueness"), issues),
  };
  if (typeof raw.description === "string") definition.description = raw.description;
  if (raw.canonicalValues !== undefined) {
    if (!Array.isArray(raw.canonicalValues) || raw.canonicalValues.some((v) => typeof v !== "string")) {
      issues.push(
        configIssue(
          keyPath(at, "canonicalValues"),
          "canonicalValues must be a list of strings.",
          'Write e.g. ["work", "home"].',
        ),
      );
    } else definition.canonicalValues = [...raw.canonicalValues];
  }
  if (type === "reference")
    definition.referenceTypes = referenceTypes(raw.referenceTypes, keyPath(at, "referenceTypes"), issues);
  else if (raw.referenceTypes !== undefined) {
    issues.push(
      configIssue(
        keyPath(at, "referenceTypes"),
        "referenceTypes applies to REFERENCE attributes only (RFC 7643 §7).",
        "Remove it, or set type: REFERENCE.",
      ),
    );
  }
  if (type === "complex") {
    if (sub) {
      issues.push(
        configIssue(
          keyPath(at, "type"),
          "A sub-attribute cannot be complex (RFC 7643 §2.3.8).",
          "Use a simple type.",
        ),
      );
    } else {
      definition.subAttributes = attributes(raw.subAttributes, keyPath(at, "subAttributes"), true, issues);
      if ((definition.subAttributes as unknown[]).length === 0) {
        issues.push(
          configIssue(
            keyPath(at, "subAttributes"),
            `${name} is COMPLEX but has no sub-attributes.`,
            "List its sub-attributes.",
          ),
        );
      }
    }
  } else if (
    raw.subAttributes !== undefined &&
    !(Array.isArray(raw.subAttributes) && raw.subAttributes.length === 0)
  ) {
    issues.push(
      configIssue(
        keyPath(at, "subAttributes"),
        `${name} is not COMPLEX, so it cannot have sub-attributes.`,
        "Set type: COMPLEX or remove subAttributes.",
      ),
    );
  }
  return Object.freeze(definition) as unknown as AttributeDefinition;
}

function attributes(raw: unknown, at: string, sub: boolean, issues: ConfigIssue[]): AttributeDefinition[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.push(configIssue(at, "This must be a list of attributes.", "Write a YAML/JSON list."));
    return [];
  }
  const out: AttributeDefinition[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const def = attribute(item, keyPath(at, i), sub, issues);
    if (def === undefined) return;
    if (seen.has(def.name.toLowerCase())) {
      issues.push(
        configIssue(
          keyPath(keyPath(at, i), "name"),
          `${def.name} is defined twice (names are case-insensitive, RFC 7643 §2.1).`,
          "Rename or remove one.",
        ),
      );
      return;
    }
    seen.add(def.name.toLowerCase());
    out.push(def);
  });
  return out;
}

export function customScim2Schema(
  raw: unknown,
  at = "inboundProvisioning.customScim2Schema",
): Checked<SchemaDefinition> {
  const issues: ConfigIssue[] = [];
  if (!isJsonObject(raw))
    return {
      ok: false,
      issues: [
        configIssue(at, "customScim2Schema must be an object.", "Write { namespace, attributes: [...] }."),
      ],
    };
  const namespace = raw.namespace;
  const reserved = Object.values(coreSchemaUrns).map((u) => u.toLowerCase());
  if (typeof namespace !== "string" || !urn.test(namespace) || reserved.includes(namespace.toLowerCase())) {
    issues.push(
      configIssue(
        keyPath(at, "namespace"),
        `${JSON.stringify(namespace)} is not a URN of its own.`,
        'Use a URN such as "urn:ietf:params:scim:schemas:extension:acme:2.0:User".',
      ),
    );
  }
  const defs = attributes(raw.attributes, keyPath(at, "attributes"), false, issues);
  if (defs.length === 0)
    issues.push(
      configIssue(
        keyPath(at, "attributes"),
        "The custom schema has no attributes.",
        "Add at least one attribute, or remove customScim2Schema.",
      ),
    );
  if (issues.length > 0) return { ok: false, issues };
  const id = namespace as string;
  return {
    ok: true,
    value: Object.freeze({
      id,
      name: id.slice(id.lastIndexOf(":") + 1),
      description: "Custom attributes of an IdP connection",
      attributes: Object.freeze(defs),
    }),
  };
}
