// Mutants: Lists and .search (RFC 7644 §3.4.2, §3.4.3).
import type { Mutant } from "../mutant.js";

export const listMutants: readonly Mutant[] = [
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
    breaks: "a query too large to answer is refused with 413, not 400 tooMany (RFC 7644 §3.4.2.1)",
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
];
