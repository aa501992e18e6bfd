// One way to report a syntax error in a filter, a PATCH path or an attribute list: a 400 ScimError whose
// detail names the position (1-based character) and what was expected, so a client can fix its request
// without guessing (RFC 7644 §3.12: "detail" is a human-readable message). The scimType depends on where
// the text came from: `invalidFilter` for filters (RFC 7644 §3.4.2.2), `invalidPath` for PATCH paths
// (RFC 7644 §3.5.2), `invalidValue` for query parameters such as `attributes` and `sortBy`.
import { badRequest, type ScimType } from "../errors/scim-error.js";

/** Throws a ScimError for a problem at offset `at` (0-based) of the text. */
export type SyntaxFail = (at: number, message: string) => never;

export type SyntaxSubject = "filter" | "path" | "attribute path";

const scimTypeOf: Record<SyntaxSubject, ScimType> = {
  filter: "invalidFilter",
  path: "invalidPath",
  "attribute path": "invalidValue",
};

export function syntaxFailer(subject: SyntaxSubject, scimType: ScimType = scimTypeOf[subject]): SyntaxFail {
  return (at, message) => {
    throw badRequest(scimType, `Invalid ${subject} at character ${at + 1}: ${message}`);
  };
}
