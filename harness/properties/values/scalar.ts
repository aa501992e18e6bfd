// Equality and order of single attribute values by SCIM type (RFC 7643 §2.3): strings honour caseExact,
// numbers compare numerically, dateTimes as instants, binary by decoded octets. Used by the comparison,
// the filter oracle and the sort oracle alike, so all three agree on what "equal" means.
import type { AttributeType } from "../schema-model/schema-model.js";
import { compareInstants, parseDateTime } from "./date-time.js";
import type { Ordering, Tri } from "./text.js";
import { textEquals, textOrder } from "./text.js";

export interface ValueKind {
  readonly type: AttributeType;
  readonly caseExact: boolean;
}

/** RFC 7643 §2.3.6 binary: base64 (RFC 4648 §4); padding and the URL-safe alphabet are tolerated. */
export function decodeBase64(text: string): string | undefined {
  const clean = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  return Buffer.from(clean, "base64").toString("hex");
}

/** Equality of two values of one attribute; "unknown" where the RFC allows either answer. */
export function scalarEquals(kind: ValueKind, a: unknown, b: unknown): Tri {
  switch (kind.type) {
    case "string":
    case "reference":
      return typeof a === "string" && typeof b === "string" ? textEquals(a, b, kind.caseExact) : a === b;
    case "boolean":
      return typeof a === "boolean" && a === b;
    case "integer":
    case "decimal":
      return typeof a === "number" && typeof b === "number" && a === b;
    case "dateTime": {
      if (typeof a !== "string" || typeof b !== "string") return false;
      if (a === b) return true;
      const x = parseDateTime(a);
      const y = parseDateTime(b);
      // A value that is no xsd:dateTime is read differently by different servers (as text, as a
      // lenient date): only two real instants have a definite answer.
      if (x === undefined || y === undefined) return "unknown";
      return compareInstants(x, y) === 0;
    }
    case "binary": {
      if (typeof a !== "string" || typeof b !== "string") return false;
      if (a === b) return true;
      const x = decodeBase64(a);
      return x !== undefined && x === decodeBase64(b);
    }
    case "complex":
      return false;
  }
}

/**
 * Order of two values (RFC 7644 §3.4.2.2 gt/ge/lt/le, §3.4.2.3 sortBy): "incomparable" for types
 * without an order (boolean, binary, complex: RFC 7644 §3.4.2.2 makes them a 400 invalidFilter) or
 * values of the wrong JSON type.
 */
export function scalarOrder(kind: ValueKind, a: unknown, b: unknown): Ordering | "unknown" | "incomparable" {
  switch (kind.type) {
    case "string":
    case "reference":
      return typeof a === "string" && typeof b === "string"
        ? textOrder(a, b, kind.caseExact)
        : "incomparable";
    case "integer":
    case "decimal":
      return typeof a === "number" && typeof b === "number" ? (a === b ? 0 : a < b ? -1 : 1) : "incomparable";
    case "dateTime": {
      if (typeof a !== "string" || typeof b !== "string") return "incomparable";
      const x = parseDateTime(a);
      const y = parseDateTime(b);
      return x !== undefined && y !== undefined ? compareInstants(x, y) : "unknown";
    }
    case "boolean":
    case "binary":
    case "complex":
      return "incomparable";
  }
}
