// Mutants: Attribute characteristics on the wire (RFC 7643 §2, §7).
import type { Mutant } from "../mutant.js";

export const schemaMutants: readonly Mutant[] = [
  {
    id: "attribute-names-case-sensitive",
    breaks: "request attribute names match only in their exact case (RFC 7643 §2.1)",
    quirks: ["caseSensitiveAttributeNames"],
    changes: {
      "schema.attribute-names.case-insensitive": "fail",
    },
  },
  {
    id: "bad-attribute-name",
    breaks: 'Users carry an attribute "1stLogin" (RFC 7643 §2.1 ATTRNAME)',
    quirks: ["badAttributeName"],
    changes: {
      "schema.attribute-names.syntax": "fail",
    },
  },
  {
    id: "member-order-matters",
    breaks: "a body whose first member is not schemas is refused (RFC 7643 §2)",
    quirks: ["memberOrderMatters"],
    changes: {
      "schema.member-order.insignificant": "fail",
    },
  },
  {
    id: "boolean-as-string",
    breaks: 'active is returned as "true" (RFC 7643 §2.3.2)',
    quirks: ["booleanAsString"],
    changes: {
      "create.property.round-trip": "warn",
      "put.property.round-trip": "warn",
      "patch.property.model": "fail",
      "schema.encoding.boolean-and-integer": "fail",
    },
  },
  {
    id: "date-without-time",
    breaks: "meta.created has no time of day (RFC 7643 §2.3.5)",
    quirks: ["dateTimeNoTime"],
    changes: {
      "schema.encoding.date-time": "fail",
    },
  },
  {
    id: "binary-not-base64",
    breaks: "x509Certificates.value is not base64 (RFC 7643 §2.3.6)",
    quirks: ["binaryNotBase64"],
    changes: {
      "create.property.round-trip": "fail",
      "put.property.round-trip": "fail",
      "schema.encoding.binary-base64": "fail",
    },
  },
  {
    id: "reference-with-spaces",
    breaks: "profileUrl comes back as text with spaces (RFC 7643 §2.3.7)",
    quirks: ["referenceWithSpaces"],
    changes: {
      "schema.encoding.reference-uri": "fail",
      "schema.case-exact.preserved": "fail",
    },
  },
  {
    id: "single-value-as-array",
    breaks: "title comes back as an array (RFC 7643 §2.4)",
    quirks: ["singleValueArray"],
    changes: {
      "schema.encoding.multi-valued-arrays": "fail",
    },
  },
  {
    id: "multiple-primaries",
    breaks: "two emails may both be primary (RFC 7643 §2.4)",
    quirks: ["multiplePrimaries"],
    changes: {
      "schema.multi-valued.primary-at-most-once": "fail",
    },
  },
  {
    id: "duplicate-values",
    breaks: "the same email is stored twice (RFC 7643 §2.4)",
    quirks: ["duplicateValues"],
    changes: {
      "schema.multi-valued.no-duplicate-values": "warn",
    },
  },
  {
    id: "canonical-type-rewritten",
    breaks: 'an email type outside canonicalValues becomes "other" (RFC 7643 §7)',
    quirks: ["canonicalTypeRewritten"],
    changes: {
      "schema.multi-valued.canonical-values": "warn",
    },
  },
  {
    id: "null-stored-as-text",
    breaks: 'null is stored as the string "null" (RFC 7643 §2.5)',
    quirks: ["nullNotUnassigned"],
    changes: {
      "schema.null.unassigned": "fail",
    },
  },
  {
    id: "put-changes-immutable",
    breaks: "PUT changes a set immutable value (RFC 7643 §2.2, RFC 7644 §3.5.1)",
    quirks: ["putIgnoresImmutable"],
    changes: {
      "schema.mutability.enforced": "fail",
      "put.immutable.mismatch-400": "warn",
    },
  },
  {
    id: "password-echoed",
    breaks: "password (returned=never) is echoed (RFC 7643 §4.1.1)",
    quirks: ["echoPassword"],
    changes: {
      "create.property.round-trip": "fail",
      "read.property.projection": "fail",
      "schema.returned.never": "fail",
      "schema.password.change": "fail",
      "read.default-attributes": "fail",
    },
  },
  {
    id: "request-attributes-always",
    breaks: "returned=request attributes are always returned (RFC 7643 §7)",
    quirks: ["returnRequestAttributes"],
    changes: {
      "schema.returned.request": "fail",
      "read.default-attributes": "fail",
    },
  },
  {
    id: "external-id-lowercased",
    breaks: "externalId is lower-cased (RFC 7643 §3.1 caseExact)",
    quirks: ["externalIdLowercased"],
    changes: {
      "create.property.round-trip": "fail",
      "schema.case-exact.preserved": "fail",
      "representation.external-id.preserved": "fail",
    },
  },
  {
    id: "user-name-case-sensitive",
    breaks: "userNames differing in case are distinct (RFC 7643 §4.1.1)",
    quirks: ["caseSensitiveUserName"],
    changes: {
      "schema.user-name.unique-on-update": "fail",
      "create.user.duplicate-case-variant-409": "fail",
    },
  },
  {
    id: "server-uniqueness-ignored",
    breaks: "a uniqueness=server attribute accepts duplicates (RFC 7643 §2.2)",
    quirks: ["noServerUniqueness"],
    changes: {
      "schema.uniqueness.server": "warn",
    },
  },
  {
    id: "lenient-types",
    breaks: "values of the wrong JSON type are coerced (RFC 7644 §3.12 invalidValue)",
    quirks: ["lenientTypes"],
    changes: {
      "schema.type-mismatch.invalid-value": "warn",
    },
  },
  {
    id: "password-change-refused",
    breaks: "replacing password is refused although changePassword is supported (RFC 7643 §5)",
    quirks: ["passwordChangeRefused"],
    changes: {
      "schema.password.change": "fail",
    },
  },
  {
    id: "broken-refs",
    breaks: "members.$ref points nowhere (RFC 7643 §2.3.7)",
    quirks: ["refsBroken"],
    changes: {
      "schema.references.resolvable": "fail",
      "representation.group.members": "fail",
    },
  },
  {
    id: "nested-complex",
    breaks: "addresses declares a complex sub-attribute (RFC 7643 §2.3.8)",
    quirks: ["nestedComplex"],
    changes: {
      "schema.definitions.no-nested-complex": "fail",
    },
  },
];
