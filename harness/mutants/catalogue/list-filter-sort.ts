// Mutants: Lists, .search, filters and sorting (RFC 7644 §3.4.2, §3.4.3).
import type { Mutant } from "../mutants.js";

export const listFilterSortMutants: readonly Mutant[] = [
  {
    id: "list-without-urn",
    breaks: "unfiltered lists have no ListResponse URN (RFC 7644 §3.4.2)",
    quirks: ["listUrnMissingUnfiltered"],
    changes: {
      "list.response.urn": "fail",
      "list.unknown-parameters.ignored": "warn",
    },
  },
  {
    id: "total-results-as-string",
    breaks: "totalResults is a string (RFC 7644 §3.4.2)",
    quirks: ["numericStringsInList"],
    changes: {
      "list.response.total-results": "fail",
      "list.no-match.empty-200": "fail",
      "list.search.list-response": "fail",
      "interop.entra.group-queries": "fail",
      "interop.entra.provision-user": "fail",
      "interop.entra.soft-delete": "fail",
      "interop.entra.test-connection": "fail",
      "interop.okta.test-connection": "fail",
      "interop.okta.user-lookup": "fail",
    },
  },
  {
    id: "no-resources-member",
    breaks: "lists with results have no Resources (RFC 7644 §3.4.2)",
    quirks: ["noResourcesMember"],
    changes: {
      "list.response.resources-when-non-zero": "fail",
      "list.root.all-types": "fail",
      "list.root.undefined-attribute": "fail",
    },
  },
  {
    id: "no-match-404",
    breaks: "a filter matching nothing answers 404 (RFC 7644 §3.4.2)",
    quirks: ["noMatch404"],
    changes: {
      "list.no-match.empty-200": "fail",
      "interop.entra.throughput": "fail",
      "interop.entra.provision-user": "fail",
      "interop.entra.test-connection": "fail",
      "interop.okta.user-lookup": "fail",
    },
  },
  {
    id: "unknown-parameters-rejected",
    breaks: "unknown query parameters are refused (RFC 7644 §3.4.2)",
    quirks: ["rejectUnknownParameters"],
    changes: {
      "list.unknown-parameters.ignored": "warn",
    },
  },
  {
    id: "too-many-wrong-scim-type",
    breaks: 'a refused large query says "invalidValue" (RFC 7644 §3.4.2.1)',
    quirks: ["tooManyWrongType"],
    changes: {
      "list.too-many.scim-type": "fail",
    },
  },
  {
    id: "max-results-ignored",
    breaks: "more resources than filter.maxResults in one answer (RFC 7643 §5)",
    quirks: ["maxResultsIgnored"],
    changes: {
      "list.filter.max-results": "warn",
    },
  },
  {
    id: "search-answers-201",
    breaks: ".search answers 201 as if it created something (RFC 7644 §3.4.3)",
    quirks: ["searchAnswers201"],
    changes: {
      "list.search.list-response": "fail",
      "list.search.same-as-get": "fail",
      "list.root.all-types": "fail",
      "list.root.undefined-attribute": "fail",
    },
  },
  {
    id: "search-ignores-sort",
    breaks: ".search ignores sortBy (RFC 7644 §3.4.3)",
    quirks: ["searchIgnoresSort"],
    changes: {
      "list.search.same-as-get": "fail",
    },
  },
  {
    id: "search-ignores-schemas",
    breaks: "a SearchRequest without its URN is accepted (RFC 7644 §3.4.3)",
    quirks: ["searchIgnoresSchemas"],
    changes: {
      "list.search.request-schema": "warn",
    },
  },
  {
    id: "root-search-users-only",
    breaks: "a root query returns Users only (RFC 7644 §3.4.2.1)",
    quirks: ["rootSearchUsersOnly"],
    changes: {
      "list.root.all-types": "fail",
      "list.root.undefined-attribute": "fail",
    },
  },
  {
    id: "root-search-strict-attributes",
    breaks: "a root filter on an attribute one type lacks fails (RFC 7644 §3.4.2.1)",
    quirks: ["rootStrictAttributes"],
    changes: {
      "list.root.undefined-attribute": "fail",
    },
  },
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
      "filter.case-exact-false.ignores-case": "fail",
      "filter.string-operators.ne-co-sw-ew": "fail",
      "interop.okta.user-lookup": "fail",
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
  {
    id: "sort-ignored",
    breaks: "sortBy is ignored (RFC 7644 §3.4.2.3)",
    quirks: ["ignoreSort"],
    changes: {
      "sort.order.ascending-default": "fail",
      "sort.order.descending": "fail",
      "sort.order.case-insensitive": "fail",
      "sort.order.case-exact": "fail",
      "sort.order.missing-values": "fail",
      "sort.order.multi-valued-primary": "fail",
      "sort.order.sub-attribute": "fail",
    },
  },
  {
    id: "sort-order-ignored",
    breaks: "sortOrder=descending is ignored (RFC 7644 §3.4.2.3)",
    quirks: ["ignoreSortOrder"],
    changes: {
      "sort.order.descending": "fail",
      "sort.order.missing-values": "fail",
    },
  },
  {
    id: "case-sensitive-sort",
    breaks: "caseExact=false strings sort by code point (RFC 7644 §3.4.2.3)",
    quirks: ["caseSensitiveSort"],
    changes: {
      "sort.order.case-insensitive": "fail",
      "sort.order.multi-valued-primary": "fail",
    },
  },
  {
    id: "case-exact-sorted-loosely",
    breaks: "caseExact strings sort ignoring case (RFC 7644 §3.4.2.3)",
    quirks: ["sortCaseExactIgnored"],
    changes: {
      "sort.order.case-exact": "fail",
    },
  },
  {
    id: "missing-values-first",
    breaks: "unassigned values sort first ascending (RFC 7644 §3.4.2.3)",
    quirks: ["missingSortFirst"],
    changes: {
      "sort.order.missing-values": "fail",
    },
  },
  {
    id: "sort-by-first-value",
    breaks: "multi-valued attributes sort by their first value, not the primary (RFC 7644 §3.4.2.3)",
    quirks: ["sortByFirstValue"],
    changes: {
      "sort.order.multi-valued-primary": "fail",
    },
  },
  {
    id: "sub-attribute-sort-ignored",
    breaks: "sortBy=name.familyName is ignored (RFC 7644 §3.4.2.3)",
    quirks: ["subAttributeSortIgnored"],
    changes: {
      "sort.order.multi-valued-primary": "fail",
      "sort.order.sub-attribute": "fail",
    },
  },
];
