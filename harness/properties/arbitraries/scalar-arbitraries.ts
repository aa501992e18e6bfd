// Arbitraries for single values of each SCIM attribute type (RFC 7643 §2.3), in the JSON form RFC 7643
// prescribes: booleans and numbers as JSON literals (§2.3.2–2.3.4), dateTime as xsd:dateTime (§2.3.5),
// binary as base64 (§2.3.6), references as URIs (§2.3.7).
import fc from "fast-check";
import type { AttributeDef } from "../schema-model/schema-model.js";
import { formatHint } from "./format-hints.js";
import { textArbitrary } from "./text-arbitrary.js";

/** RFC 7643 §2.3.4: "A whole number"; 32-bit edges, because many stores use 32-bit integer columns. */
export const integerArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 2147483647, -2147483648) },
  { weight: 4, arbitrary: fc.integer({ min: -2147483648, max: 2147483647 }) },
);

/**
 * RFC 7643 §2.3.3: "A real number with at least one digit to the left and right of the period", so
 * never integral (JSON.stringify would drop the period). Three fraction digits survive any float64 or
 * DECIMAL store exactly.
 */
export const decimalArbitrary: fc.Arbitrary<number> = fc
  .tuple(fc.integer({ min: -999999, max: 999999 }), fc.integer({ min: 1, max: 999 }), fc.boolean())
  .map(([whole, frac, negative]) => {
    const text = `${negative && whole === 0 ? "-" : ""}${whole}.${String(frac).padStart(3, "0")}`;
    return Number(text);
  });

const two = (n: number): string => String(n).padStart(2, "0");

/**
 * RFC 7643 §2.3.5 xsd:dateTime with varying precision (0–3 fraction digits) and zone (Z or an offset
 * from -12:00 to +14:00). Days stop at 28 so every month is valid.
 */
export const dateTimeArbitrary: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 1970, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    digits: fc.integer({ min: 0, max: 3 }),
    fraction: fc.integer({ min: 0, max: 999 }),
    zone: fc.oneof(
      fc.constant("Z"),
      fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => {
        const minutes = Math.abs(q) * 15;
        return `${q < 0 ? "-" : "+"}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
      }),
    ),
  })
  .map((d) => {
    const frac = d.digits === 0 ? "" : `.${String(d.fraction).padStart(3, "0").slice(0, d.digits)}`;
    return `${d.year}-${two(d.month)}-${two(d.day)}T${two(d.hour)}:${two(d.minute)}:${two(d.second)}${frac}${d.zone}`;
  });

/** RFC 7643 §2.3.6: base64 (RFC 4648 §4) with padding. */
export const binaryArbitrary: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 1, maxLength: 48 })
  .map((bytes) => Buffer.from(bytes).toString("base64"));

const segment = fc
  .array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), { minLength: 1, maxLength: 12 })
  .map((c) => c.join(""));

/** RFC 7643 §2.3.7 external and uri references (resource references come from the pool instead). */
export function uriArbitrary(referenceTypes: readonly string[]): fc.Arbitrary<string> {
  const types = referenceTypes.map((t) => t.toLowerCase());
  const url = fc.tuple(segment, segment).map(([a, b]) => `https://example.org/${a}/${b}`);
  const urn = fc.tuple(segment, segment).map(([a, b]) => `urn:example:${a}:${b}`);
  if (types.includes("uri") && !types.includes("external")) return fc.oneof(urn, url);
  return url;
}

export interface ScalarOptions {
  readonly baseSchema: string;
  readonly maxStringLength: number;
}

/** A value of a non-complex attribute, honouring canonical values and format hints. */
export function scalarArbitrary(attr: AttributeDef, options: ScalarOptions): fc.Arbitrary<unknown> {
  switch (attr.type) {
    case "string": {
      // RFC 7643 §2.3.1 canonicalValues: the values a service provider expects.
      if (attr.canonicalValues.length > 0) return fc.constantFrom(...attr.canonicalValues);
      return (
        formatHint(options.baseSchema, attr.path) ?? textArbitrary({ maxLength: options.maxStringLength })
      );
    }
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerArbitrary;
    case "decimal":
      return decimalArbitrary;
    case "dateTime":
      return dateTimeArbitrary;
    case "binary":
      return binaryArbitrary;
    case "reference":
      if (attr.canonicalValues.length > 0) return fc.constantFrom(...attr.canonicalValues);
      return formatHint(options.baseSchema, attr.path) ?? uriArbitrary(attr.referenceTypes);
    case "complex":
      throw new TypeError(`${attr.path} is complex: use the complex arbitrary`);
  }
}
