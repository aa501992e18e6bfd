// Which JSON values a directory attribute can hold as they are, by its syntax (RFC 4517 §3.3), and how they
// read back. A value that does not fit is kept in the entry's scimAttributes document instead of failing
// the write with invalidAttributeSyntax (21): a SCIM client may send a non-ASCII e-mail address, and an
// IA5String `mail` cannot hold it (RFC 4517 §3.3.15). Checked against slapd 2.5 (ldap-datastore.test.ts).
import type { EntryValue } from "../datastore.js";
import type { AttributeTypeInfo } from "./ldap-directory-schema.js";

export const syntaxes = {
  boolean: "1.3.6.1.4.1.1466.115.121.1.7",
  directoryString: "1.3.6.1.4.1.1466.115.121.1.15",
  ia5String: "1.3.6.1.4.1.1466.115.121.1.26",
  integer: "1.3.6.1.4.1.1466.115.121.1.27",
  numericString: "1.3.6.1.4.1.1466.115.121.1.36",
  postalAddress: "1.3.6.1.4.1.1466.115.121.1.41",
  printableString: "1.3.6.1.4.1.1466.115.121.1.44",
  telephoneNumber: "1.3.6.1.4.1.1466.115.121.1.50",
} as const;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A JS string that survives UTF-8 encoding unchanged (a lone surrogate would come back as U+FFFD). */
export function isWellFormed(text: string): boolean {
  return !loneSurrogate.test(text);
}

/** RFC 4517 §3.2 PrintableCharacter. */
const printable = /^[A-Za-z0-9'()+,\-./:?= ]+$/;

/** Whether a text value is valid in the syntax; unknown syntaxes (DN, generalized time, …) hold nothing. */
export function textFits(syntax: string | undefined, text: string): boolean {
  if (text === "" || !isWellFormed(text)) return false;
  switch (syntax) {
    case syntaxes.directoryString:
      return true;
    case syntaxes.ia5String:
      return [...text].every((c) => c.charCodeAt(0) < 0x80);
    case syntaxes.printableString:
    case syntaxes.telephoneNumber:
      return printable.test(text);
    case syntaxes.numericString:
      return /^[0-9 ]+$/.test(text);
    case syntaxes.postalAddress:
      // RFC 4517 §3.3.28: `\` must be escaped, which a stored SCIM value would not survive unchanged.
      return !text.includes("\\");
    default:
      return false;
  }
}

/** How one element was encoded: as text (strings, booleans, integers) or as a JSON object text. */
export type ElementForm = "text" | "json";

/** The directory value of one JSON element in an attribute, or undefined when it cannot hold it. */
export function encodeElement(
  at: AttributeTypeInfo,
  value: EntryValue,
): { readonly form: ElementForm; readonly text: string } | undefined {
  if (typeof value === "string")
    return textFits(at.syntax, value) ? { form: "text", text: value } : undefined;
  if (typeof value === "boolean") {
    return at.syntax === syntaxes.boolean ? { form: "text", text: value ? "TRUE" : "FALSE" } : undefined;
  }
  if (typeof value === "number") {
    return at.syntax === syntaxes.integer && Number.isSafeInteger(value) && !Object.is(value, -0)
      ? { form: "text", text: String(value) }
      : undefined;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return at.syntax === syntaxes.directoryString ? { form: "json", text: JSON.stringify(value) } : undefined;
  }
  return undefined;
}

/** The JSON value of a directory text value, by the attribute's syntax. */
export function decodeText(at: AttributeTypeInfo | undefined, text: string): EntryValue {
  if (at?.syntax === syntaxes.boolean && (text === "TRUE" || text === "FALSE")) return text === "TRUE";
  if (at?.syntax === syntaxes.integer && /^-?[0-9]+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

/** RFC 4518 §2.2: soft hyphen, joiners, variation selectors and the like are "mapped to nothing". */
function mappedToNothing(code: number): boolean {
  return (
    code === 0xad ||
    code === 0x34f ||
    (code >= 0x180b && code <= 0x180d) ||
    (code >= 0x200b && code <= 0x200d) ||
    code === 0x2060 ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0xfeff
  );
}

/**
 * A conservative stand-in for the directory's equality of two values of one attribute: RFC 4518 string
 * preparation folds case, applies NFKC, drops characters "mapped to nothing" and collapses spaces, so two
 * values with one key here may be one value to the directory (20 attributeOrValueExists). Values that
 * differ here are kept apart by every string matching rule slapd applies.
 */
export function equalityKey(text: string): string {
  return text
    .normalize("NFKC")
    .split("")
    .filter((c) => !mappedToNothing(c.charCodeAt(0)))
    .join("")
    .replace(/[\s\u0085]+/g, " ")
    .trim()
    .toUpperCase()
    .toLowerCase();
}
