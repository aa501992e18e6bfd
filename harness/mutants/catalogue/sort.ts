// Mutants: Sorting (RFC 7644 §3.4.2.3).
import type { Mutant } from "../mutant.js";

export const sortMutants: readonly Mutant[] = [
  {
    id: "sort-ignored",
    breaks: "sortBy is ignored (RFC 7644 §3.4.2.3)",
    quirks: ["ignoreSort"],
    changes: {
      "paging.property.index-walk": "fail",
      "cursor.property.cursor-walk": "warn",
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
