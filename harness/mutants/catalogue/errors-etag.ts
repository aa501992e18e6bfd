// Mutants: Errors and versions (RFC 7644 §3.12, §3.14).
import type { Mutant } from "../mutant.js";

export const errorsEtagMutants: readonly Mutant[] = [
  {
    id: "error-without-urn",
    breaks: "error bodies lack the Error URN (RFC 7644 §3.12)",
    quirks: ["errorWithoutUrn"],
    changes: {
      "errors.body.json-with-urn": "fail",
    },
  },
  {
    id: "numeric-error-status",
    breaks: "the Error status is a number (RFC 7644 §3.12)",
    quirks: ["numericErrorStatus"],
    changes: {
      "auth.error-body.on-401": "fail",
      "errors.body.status-string": "fail",
    },
  },
  {
    id: "wrong-scim-type",
    breaks: 'a bad filter says "invalidValue" (RFC 7644 §3.12)',
    quirks: ["wrongScimType"],
    changes: {
      "errors.scim-type.registered-and-fitting": "warn",
    },
  },
  {
    id: "errors-as-200",
    breaks: "errors answer 200 with an Error body (RFC 7644 §3.12)",
    quirks: ["errorsAs200"],
    changes: {
      "errors.status.http-error-code": "warn",
      "errors.unknown-endpoint.404": "warn",
    },
  },
  {
    id: "plain-text-404",
    breaks: "404 bodies are text (RFC 7644 §3.12)",
    quirks: ["notFoundPlain"],
    changes: {
      "errors.body.json-with-urn": "fail",
      "interop.okta.scim-json-content-type": "fail",
      "interop.okta.not-found-404": "fail",
    },
  },
  {
    id: "unknown-endpoint-400",
    breaks: "an unknown endpoint answers 400 (RFC 7644 §3.12)",
    quirks: ["unknownEndpoint400"],
    changes: {
      "errors.unknown-endpoint.404": "warn",
    },
  },
  {
    id: "unsupported-patch-405",
    breaks: "PATCH without support answers 405, not 501 (RFC 7644 §3.12)",
    quirks: ["noPatchSupport", "patchUnsupported405"],
    changes: {
      "errors.unsupported.501": "warn",
    },
  },
  {
    id: "no-etag-header",
    breaks: "no ETag header (RFC 7644 §3.14)",
    quirks: ["noEtagHeader"],
    changes: {
      "etag.header.on-single-resources": "fail",
    },
  },
  {
    id: "no-meta-version",
    breaks: "no meta.version (RFC 7643 §3.1)",
    quirks: ["noMetaVersion"],
    changes: {
      "etag.meta-version.present": "warn",
    },
  },
  {
    id: "meta-version-differs",
    breaks: "meta.version differs from the ETag (RFC 7643 §3.1)",
    quirks: ["metaVersionDiffers"],
    changes: {
      "etag.meta-version.equals-header": "fail",
    },
  },
  {
    id: "lowercase-weak-prefix",
    breaks: 'meta.version uses "w/" (RFC 7232 §2.3)',
    quirks: ["lowercaseWeakPrefix"],
    changes: {
      "etag.meta-version.equals-header": "fail",
      "etag.syntax.entity-tag": "fail",
    },
  },
  {
    id: "etag-never-changes",
    breaks: "the ETag never changes (RFC 7644 §3.14)",
    quirks: ["etagNeverChanges"],
    changes: {
      "etag.version.changes-on-modification": "warn",
      "etag.if-none-match.not-modified": "warn",
      "etag.if-match.precondition": "fail",
    },
  },
  {
    id: "if-none-match-ignored",
    breaks: "If-None-Match is ignored (RFC 7644 §3.14)",
    quirks: ["ifNoneMatchIgnored"],
    changes: {
      "etag.if-none-match.not-modified": "warn",
    },
  },
  {
    id: "etag-ignored",
    breaks: "If-Match and If-None-Match are ignored (RFC 7644 §3.14)",
    quirks: ["etagIgnored"],
    changes: {
      "etag.if-none-match.not-modified": "warn",
      "etag.if-match.precondition": "fail",
    },
  },
  {
    id: "stale-if-match-409",
    breaks: "a stale If-Match answers 409, not 412 (RFC 7644 §3.14)",
    quirks: ["staleIfMatch409"],
    changes: {
      "etag.if-match.precondition": "warn",
    },
  },
];
