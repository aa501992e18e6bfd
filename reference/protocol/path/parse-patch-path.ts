// The PATCH operation path (RFC 7644 §3.5.2, Figure 7): PATH = attrPath / valuePath [subAttr], e.g.
// `members[value eq "2819c223"]`, `emails[type eq "work"].value`, `name.familyName`,
// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`, or a whole extension
// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. Errors are 400 `invalidPath` (§3.12:
// "The 'path' attribute was invalid or malformed"), value filter syntax errors included.
import { describeToken, tokenize } from "../filter/filter-lexer.js";
import { checkLength, FilterParser } from "../filter/parse-filter.js";
import { syntaxFailer } from "../filter/syntax-error.js";
import type { PatchPath } from "./attr-path.js";
import { attrPathFromWord, isAttrName } from "./attr-path-syntax.js";
import { printAttrPath } from "./print-attr-path.js";

export function parsePatchPath(text: string): PatchPath {
  const fail = syntaxFailer("path");
  checkLength(text, fail, "path");
  const parser = new FilterParser(tokenize(text, fail), fail);
  const first = parser.next();
  if (first.kind !== "word") fail(first.start, `expected an attribute path, found ${describeToken(first)}`);
  const attr = attrPathFromWord(first.text, first.start, fail);
  let valueFilter: PatchPath["valueFilter"];
  let subAttr: string | undefined;
  if (parser.peek().kind === "[") {
    if (attr.subAttr !== undefined) {
      fail(
        parser.peek().start,
        `a value filter applies to a whole attribute, not to the sub-attribute '${printAttrPath(attr)}'`,
      );
    }
    valueFilter = parser.parseBracketFilter();
    if (parser.peek().kind === ".") {
      parser.next();
      const sub = parser.next();
      if (sub.kind !== "word" || !isAttrName(sub.text)) {
        fail(sub.start, `expected a sub-attribute name after '].', found ${describeToken(sub)}`);
      }
      subAttr = sub.text;
    }
  }
  parser.expectEnd(valueFilter === undefined ? "'[' or the end of the path" : "'.' or the end of the path");
  return Object.freeze({ kind: "patchPath", attr, valueFilter, subAttr });
}
