// Mutants: Filters (RFC 7644 §3.4.2.2).
import type { Mutant } from "../mutant.js";

export const filterMutants: readonly Mutant[] = [
  {
    id: "eq-as-contains",
    breaks: "eq matches substrings (RFC 7644 §3.4.2.2)",
    quirks: ["eqAsCo"],
    changes: {
      "filter.eq.exact-match": "fail",
    },
  },
  {
    id: "case-sensitive-operators",
    breaks: "EQ is not understood (RFC 7644 §3.4.2.2)",
    quirks: ["caseSensitiveOperators"],
    changes: {
      "filter.names.case-insensitive": "fail",
    },
  },
  {
    id: "case-sensitive-filter",
    breaks: "caseExact=false values compare case-sensitively (RFC 7644 §3.4.2.2)",
    quirks: ["caseSensitiveFilter"],
    changes: {
      "filter.property.oracle": "fail",
      "filter.case-exact-false.ignores-case": "fail",
      "filter.case-exact-false.beyond-ascii": "fail",
      "filter.string-operators.ne-co-sw-ew": "fail",
      "interop.okta.user-lookup": "fail",
    },
  },
  {
    id: "ascii-only-case-fold",
    breaks:
      "caseExact=false values and userNames are folded for ASCII letters only, as SQL's lower() in SQLite does (RFC 7644 §3.4.2.2, §5 PRECIS)",
    quirks: ["asciiCaseFold"],
    changes: {
      "filter.case-exact-false.beyond-ascii": "fail",
      "filter.property.oracle": "fail",
      "security.precis.user-name-duplicates": "fail",
    },
  },
  {
    id: "ascii-only-substring-fold",
    breaks:
      "caseExact=false values are folded beyond ASCII for eq only; sw, ew and co fold ASCII letters only (RFC 7644 §3.4.2.2 applies caseExact to every operator)",
    quirks: ["asciiSubstringFold"],
    changes: {
      "filter.case-exact-false.beyond-ascii": "fail",
    },
  },
  {
    id: "case-insensitive-external-id",
    breaks: "externalId compares case-insensitively (RFC 7643 §3.1)",
    quirks: ["caseInsensitiveExact"],
    changes: {
      "filter.case-exact-true.respects-case": "fail",
    },
  },
  {
    id: "ew-as-sw",
    breaks: "ew tests a prefix (RFC 7644 §3.4.2.2)",
    quirks: ["ewAsSw"],
    changes: {
      "filter.string-operators.ne-co-sw-ew": "fail",
    },
  },
  {
    id: "pr-matches-everything",
    breaks: "pr matches unassigned attributes (RFC 7644 §3.4.2.2)",
    quirks: ["prMatchesEmpty"],
    changes: {
      "filter.pr.present": "fail",
      "filter.logic.and-or-not": "fail",
    },
  },
  {
    id: "ordering-inverted",
    breaks: "gt behaves as lt (RFC 7644 §3.4.2.2)",
    quirks: ["orderingInverted"],
    changes: {
      "filter.property.oracle": "fail",
      "filter.ordering.strings-and-dates": "fail",
    },
  },
  {
    id: "boolean-ordering",
    breaks: "active gt true is evaluated instead of refused (RFC 7644 §3.4.2.2)",
    quirks: ["booleanOrdering"],
    changes: {
      "filter.ordering.boolean-invalid": "fail",
    },
  },
  {
    id: "not-ignored",
    breaks: "not (…) is ignored (RFC 7644 §3.4.2.2)",
    quirks: ["notIgnored"],
    changes: {
      "filter.property.oracle": "fail",
      "filter.logic.and-or-not": "fail",
    },
  },
  {
    id: "no-precedence",
    breaks: "and and or fold left to right (RFC 7644 §3.4.2.2)",
    quirks: ["noPrecedence"],
    changes: {
      "filter.logic.precedence": "fail",
    },
  },
  {
    id: "urn-filter-unsupported",
    breaks: "URN-qualified names fail in filters (RFC 7644 §3.10)",
    quirks: ["urnFilterUnsupported"],
    changes: {
      "filter.paths.sub-attributes-and-urns": "fail",
    },
  },
  {
    id: "first-value-only",
    breaks: "multi-valued filters look at the first value only (RFC 7644 §3.4.2.2)",
    quirks: ["firstValueOnly"],
    changes: {
      "filter.paths.sub-attributes-and-urns": "fail",
      "filter.multi-valued.any-value": "fail",
      "filter.multi-valued.implicit-value": "warn",
      "filter.schemas-attribute.extension": "warn",
    },
  },
  {
    id: "no-implicit-value",
    breaks: "emails co … does not look at emails.value (RFC 7644 §3.4.2.2)",
    quirks: ["noImplicitValue"],
    changes: {
      "filter.multi-valued.implicit-value": "warn",
    },
  },
  {
    id: "value-path-wrong-error",
    breaks: 'value paths are refused with "invalidValue" (RFC 7644 §3.4.2.2)',
    quirks: ["valuePathWrongError"],
    changes: {
      "filter.value-path.supported": "warn",
      "filter.value-path.same-value": "skip",
    },
  },
  {
    id: "value-path-any-value",
    breaks: "conditions inside [] may hold on different values (RFC 7644 §3.4.2.2)",
    quirks: ["valuePathAnyValue"],
    changes: {
      "filter.value-path.same-value": "fail",
    },
  },
  {
    id: "escapes-not-decoded",
    breaks: "JSON escapes in filter strings are compared verbatim (RFC 7644 §3.4.2.2)",
    quirks: ["escapesNotDecoded"],
    changes: {
      "filter.values.literals-and-escapes": "fail",
    },
  },
  {
    id: "unknown-operator-as-eq",
    breaks: "an unknown operator is taken as eq (RFC 7644 §3.4.2.2)",
    quirks: ["unknownOperatorAsEq"],
    changes: {
      "filter.errors.unknown-operator": "fail",
    },
  },
  {
    id: "unquoted-values",
    breaks: "unquoted filter values are accepted (RFC 7644 §3.4.2.2 ABNF)",
    quirks: ["unquotedFilterValues"],
    changes: {
      "filter.errors.invalid-syntax": "warn",
    },
  },
  {
    id: "unknown-attribute-empty",
    breaks: "a filter on an undefined attribute answers an empty list (RFC 7644 §3.4.2.2)",
    quirks: ["unknownAttributeEmpty"],
    changes: {
      "filter.errors.unknown-attribute": "warn",
    },
  },
  {
    id: "default-only-on-read",
    breaks: "active=true is shown but not stored, so filters miss it (RFC 7644 §3.4.2.2)",
    quirks: ["defaultOnlyOnRead"],
    changes: {
      "filter.defaulted-attribute.matches": "fail",
    },
  },
  {
    id: "schemas-filter-broken",
    breaks: 'schemas eq "…" matches nothing (RFC 7644 §3.4.2.2)',
    quirks: ["schemasFilterBroken"],
    changes: {
      "filter.schemas-attribute.extension": "warn",
    },
  },
];
