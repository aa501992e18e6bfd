// Walking a resource with the target's own attribute definitions (RFC 7643 §2.3 data types, §2.4
// multi-valued attributes): every value found is paired with the definition that types it, so the
// encoding checks (booleans, integers, dateTime, binary, references, arrays) share one walk.
import type { SchemaAttributeInfo } from "../../engine/discovery.js";
import type { CheckContext } from "../check-context.js";
import { asObject, getCi } from "./json.js";
import { attributesOf } from "./schema-attributes.js";

export interface Found {
  /** "emails[0].primary", "urn:…:enterprise:2.0:User:manager.value". */
  readonly path: string;
  readonly def: SchemaAttributeInfo;
  readonly value: unknown;
}

export interface Walk {
  /** Every non-null value with its definition; complex values and their sub-attribute values both. */
  readonly values: readonly Found[];
  /** Shape problems: a multi-valued attribute not an array, a single-valued one as an array. */
  readonly shape: readonly string[];
}

/** The meta sub-attributes RFC 7643 §3.1 types, which no /Schemas document lists. */
const metaDefs: Readonly<Record<string, string>> = {
  created: "dateTime",
  lastModified: "dateTime",
  location: "reference",
};

function def(name: string, type: string): SchemaAttributeInfo {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readOnly",
    returned: "default",
    uniqueness: "none",
    canonicalValues: [],
    referenceTypes: [],
    subAttributes: [],
  };
}

export function walk(ctx: CheckContext, typeName: string, resource: unknown): Walk {
  const values: Found[] = [];
  const shape: string[] = [];
  const visit = (d: SchemaAttributeInfo, raw: unknown, path: string, inArray: boolean): void => {
    if (raw === null || raw === undefined) return;
    if (d.multiValued && !inArray) {
      if (!Array.isArray(raw)) {
        shape.push(`${path} is multi-valued but not an array: ${JSON.stringify(raw)}`);
        visit(d, raw, path, true);
        return;
      }
      for (const [i, item] of raw.entries()) visit(d, item, `${path}[${i}]`, true);
      return;
    }
    if (!d.multiValued && Array.isArray(raw)) {
      shape.push(`${path} is single-valued but an array: ${JSON.stringify(raw).slice(0, 120)}`);
      return;
    }
    values.push({ path, def: d, value: raw });
    if (d.type === "complex") {
      for (const sub of d.subAttributes) visit(sub, getCi(raw, sub.name), `${path}.${sub.name}`, false);
    }
  };
  for (const { def: d, container, path } of attributesOf(ctx, typeName)) {
    const holder = container === undefined ? resource : getCi(resource, container);
    visit(d, getCi(holder, d.name), path, false);
  }
  const meta = asObject(getCi(resource, "meta"));
  for (const [name, type] of Object.entries(metaDefs))
    visit(def(name, type), getCi(meta, name), `meta.${name}`, false);
  return { values, shape };
}
