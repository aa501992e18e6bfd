// Limits on filter text: our policy against abusive requests (RFC 7644 §3.4.2.2 sets no limit). Both bound
// the work one request can cause: the parser, resolver and matchers recurse once per nesting level, and a
// 4 KiB filter still holds every realistic IdP query (Entra ID and Okta send single comparisons or short
// valuePaths). PATCH paths (parse-patch-path.ts) share them.

/** Longest filter accepted, in UTF-16 code units (JavaScript string length). */
export const maxFilterLength = 4096;

/** Deepest nesting accepted: each "(", "not (" and "[" opens one level. */
export const maxFilterDepth = 32;
