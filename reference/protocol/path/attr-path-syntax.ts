// attrPath = [URI ":"] ATTRNAME *1subAttr (RFC 7644 §3.4.2.2 Figure 1, §3.10).
// A schema URN contains colons and dots of its own ("urn:ietf:params:scim:schemas:core:2.0:User"), so the
// URN is everything before the LAST colon, and only the part after it is split into name and sub-attribute.
// `urn:…:enterprise:2.0:User` alone therefore parses as schema `urn:…:enterprise:2.0` + name `User`; the
// schema registry recognises that as the whole extension (schema-registry.ts).

import type { SyntaxFail } from "../filter/syntax-error.js";
import type { AttrPath } from "./attr-path.js";

// ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA; RFC 7643 itself names `$ref`
// (§2.4, §4.1.2), which this grammar cannot produce, so `$ref` is accepted as the one exception.
// Attribute names are case-insensitive (RFC 7643 §2.1), so `$REF` is the same name as `$ref`.
const attrName = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
// An absolute URI: scheme ":" and something after it (RFC 3986 §3). SCIM schema ids are URNs.
const schemaUri = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s:].*$/;

export function isAttrName(text: string): boolean {
  return attrName.test(text);
}

export function makeAttrPath(
  schema: string | undefined,
  name: string,
  subAttr: string | undefined,
): AttrPath {
  return Object.freeze({ kind: "attrPath", schema, name, subAttr });
}

/** Parses one attrPath written as a single word starting at offset `at` of the source. */
export function attrPathFromWord(word: string, at: number, fail: SyntaxFail): AttrPath {
  const colon = word.lastIndexOf(":");
  const schema = colon < 0 ? undefined : word.slice(0, colon);
  const local = word.slice(colon + 1);
  const localAt = at + colon + 1;
  if (schema !== undefined && !schemaUri.test(schema)) {
    fail(
      at,
      `'${schema}' is not a schema URI; a qualified path looks like urn:ietf:params:scim:schemas:core:2.0:User:userName`,
    );
  }
  if (local === "") fail(localAt, `expected an attribute name after '${word}'`);
  const parts = local.split(".");
  if (parts.length > 2) {
    const second = local.indexOf(".", local.indexOf(".") + 1);
    fail(localAt + second, `'${local}' has more than one sub-attribute; a path is attribute[.subAttribute]`);
  }
  const [name, subAttr] = parts as [string, string | undefined];
  if (!isAttrName(name)) {
    fail(localAt, `'${name}' is not an attribute name (a letter, then letters, digits, '-' or '_')`);
  }
  if (subAttr !== undefined && !isAttrName(subAttr)) {
    fail(localAt + name.length + 1, `'${subAttr}' is not a sub-attribute name`);
  }
  return makeAttrPath(schema, name, subAttr);
}
