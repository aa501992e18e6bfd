// Attribute paths outside filters: the `attributes`, `excludedAttributes` and `sortBy` query parameters
// (RFC 7644 §3.4.2.5, §3.4.2.3, §3.9) hold one attrPath or a comma-separated list of them (§3.10 notation).
// Errors are 400 `invalidValue` by default (RFC 7644 §3.12 has no scimType for a bad query parameter;
// invalidValue says "the value specified was not compatible"); callers may pick another scimType.
import type { ScimType } from "../errors/scim-error.js";
import { syntaxFailer } from "../filter/syntax-error.js";
import type { AttrPath } from "./attr-path.js";
import { attrPathFromWord } from "./attr-path-syntax.js";

const pathChars = /^[A-Za-z0-9:._\-$/%@+~]+$/;

function parseAt(text: string, offset: number, scimType: ScimType | undefined): AttrPath {
  const fail = syntaxFailer("attribute path", scimType);
  const start = text.search(/\S/);
  if (start < 0) fail(offset, "expected an attribute path, found nothing");
  const trimmed = text.trim();
  if (!pathChars.test(trimmed)) {
    const bad = trimmed.search(/[^A-Za-z0-9:._\-$/%@+~]/);
    fail(offset + start + bad, `unexpected character ${JSON.stringify(trimmed[bad])} in '${trimmed}'`);
  }
  return attrPathFromWord(trimmed, offset + start, fail);
}

/** One attrPath, e.g. `name.givenName` or `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`. */
export function parseAttrPath(text: string, scimType?: ScimType): AttrPath {
  return parseAt(text, 0, scimType);
}

/**
 * A comma-separated list of attrPaths; spaces around commas are ignored, an empty text is an empty
 * list, and an empty item (`a,,b`, a trailing comma) is an error.
 */
export function parseAttrPathList(text: string, scimType?: ScimType): AttrPath[] {
  if (text.trim() === "") return [];
  const paths: AttrPath[] = [];
  let offset = 0;
  for (const item of text.split(",")) {
    paths.push(parseAt(item, offset, scimType));
    offset += item.length + 1;
  }
  return paths;
}
