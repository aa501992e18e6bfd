// Which comparisons make sense for which attribute type, checked once at resolution so that neither the
// matcher nor a SQL compiler ever meets a comparison it cannot evaluate. Each rule cites its source:
// - gt/ge/lt/le on boolean or binary: RFC 7644 §3.4.2.2 Table 3, "Boolean and Binary attributes SHALL
//   cause a failed response (HTTP status code 400) with 'scimType' of 'invalidFilter'".
// - co/sw/ew only on string and reference: Table 3 defines them as substring tests ("The entire operator
//   value must be a substring of the attribute value"), which have no meaning for a number, a boolean or an
//   instant (a dateTime has many spellings, so a substring of one spelling proves nothing), nor for binary,
//   whose base64 substrings do not line up with its bytes. Our decision; rejected as invalidFilter, which
//   §3.12 defines as "the specified attribute and filter comparison combination is not supported".
// - the literal's JSON type must fit the attribute type (`active eq "x"`, `meta.created gt 5`), and a
//   dateTime literal must be an xsd:dateTime (RFC 7643 §2.3.5): a mismatch could only ever be false, which
//   would hide the client's mistake behind an empty result.
// - null only with eq/ne: RFC 7643 §2.5 makes null mean "unassigned", so `x eq null` is "x is absent" and
//   `x ne null` is "x is present"; an order or substring against "unassigned" means nothing.

import type { AttributeDefinition } from "../schema/schema-definition.js";
import { dateTimeKey } from "./date-time.js";
import type { CompareOperator, FilterValue } from "./filter-node.js";

const ordering: readonly CompareOperator[] = ["gt", "ge", "lt", "le"];
const substring: readonly CompareOperator[] = ["co", "sw", "ew"];

/** Why `<attribute> <op> <value>` is not a valid comparison, or undefined when it is. */
export function comparisonProblem(
  leaf: AttributeDefinition,
  op: CompareOperator,
  value: FilterValue,
  where: string,
): string | undefined {
  // Only a message shows the literal; filters are checked on every list request, almost always valid.
  const literal = () => JSON.stringify(value);
  if (value === null) {
    return op === "eq" || op === "ne"
      ? undefined
      : `'${where} ${op} null' compares with null, which means unassigned (RFC 7643 §2.5); only eq and ne accept it`;
  }
  if (ordering.includes(op) && (leaf.type === "boolean" || leaf.type === "binary")) {
    return `'${op}' cannot compare the ${leaf.type} attribute '${where}' (RFC 7644 §3.4.2.2: ordering on boolean and binary attributes is an invalidFilter)`;
  }
  if (substring.includes(op) && leaf.type !== "string" && leaf.type !== "reference") {
    return `'${op}' is a substring match and '${where}' is a ${leaf.type} attribute; co, sw and ew apply to string and reference attributes only`;
  }
  switch (leaf.type) {
    case "string":
    case "reference":
    case "binary":
      return typeof value === "string"
        ? undefined
        : `'${where}' is a ${leaf.type} attribute; compare it with a "quoted string", not ${literal()}`;
    case "boolean":
      return typeof value === "boolean"
        ? undefined
        : `'${where}' is a boolean attribute; compare it with true or false, not ${literal()}`;
    case "integer":
    case "decimal":
      return typeof value === "number"
        ? undefined
        : `'${where}' is a${leaf.type === "integer" ? "n" : ""} ${leaf.type} attribute; compare it with a number, not ${literal()}`;
    case "dateTime":
      return typeof value === "string" && dateTimeKey(value) !== undefined
        ? undefined
        : `'${where}' is a dateTime attribute; compare it with an xsd:dateTime string such as "2011-05-13T04:42:34Z" (RFC 7643 §2.3.5), not ${literal()}`;
    case "complex":
      return `'${where}' is a complex attribute; name one of its sub-attributes, e.g. '${where}.${leaf.subAttributes?.[0]?.name ?? "value"}' (RFC 7644 §3.4.2.2: "For complex attributes, a fully qualified sub-attribute MUST be specified")`;
  }
}
