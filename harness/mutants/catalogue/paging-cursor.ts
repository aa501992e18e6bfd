// Mutants: Index paging (RFC 7644 §3.4.2.4) and cursor paging (RFC 9865).
import type { Mutant } from "../mutant.js";

export const pagingCursorMutants: readonly Mutant[] = [
  {
    id: "count-ignored",
    breaks: "count is ignored (RFC 7644 §3.4.2.4)",
    quirks: ["countIgnored"],
    changes: {
      "paging.count.upper-bound": "fail",
      "paging.start-index.one-based": "fail",
      "paging.count.zero-or-negative": "fail",
    },
  },
  {
    id: "zero-based-start-index",
    breaks: "startIndex is 0-based (RFC 7644 §3.4.2.4)",
    quirks: ["zeroBasedStartIndex"],
    changes: {
      "paging.start-index.one-based": "fail",
      "paging.start-index.below-one": "fail",
      "paging.walk.each-once": "warn",
    },
  },
  {
    id: "paging-repeats-rows",
    breaks: "each page repeats the last row of the previous one (RFC 7644 §3.4.2.4)",
    quirks: ["pagingRepeatsRows"],
    changes: {
      "paging.property.index-walk": "warn",
      "paging.start-index.one-based": "fail",
      "paging.walk.each-once": "warn",
    },
  },
  {
    id: "no-paging-attributes",
    breaks: "partial pages lack startIndex and itemsPerPage (RFC 7644 §3.4.2)",
    quirks: ["noPagingAttributes"],
    changes: {
      "paging.start-index.one-based": "fail",
      "paging.partial-page.attributes": "fail",
      "paging.items-per-page.equals-resources": "fail",
    },
  },
  {
    id: "items-per-page-is-count",
    breaks: "itemsPerPage echoes count (RFC 7644 §3.4.2)",
    quirks: ["itemsPerPageIsCount"],
    changes: {
      "paging.items-per-page.equals-resources": "fail",
    },
  },
  {
    id: "start-index-below-one-refused",
    breaks: "startIndex=0 is refused (RFC 7644 §3.4.2.4)",
    quirks: ["startIndexBelowOneError"],
    changes: {
      "paging.start-index.below-one": "fail",
    },
  },
  {
    id: "negative-count-refused",
    breaks: "count=-1 is refused (RFC 7644 §3.4.2.4)",
    quirks: ["negativeCountError"],
    changes: {
      "paging.count.zero-or-negative": "fail",
    },
  },
  {
    id: "total-results-is-page-size",
    breaks: "totalResults counts the page, not the query (RFC 7644 §3.4.2.4)",
    quirks: ["totalResultsIsPageSize"],
    changes: {
      "paging.property.index-walk": "warn",
      "paging.count.zero-or-negative": "fail",
      "paging.total-results.whole-query": "fail",
      "paging.walk.each-once": "warn",
    },
  },
  {
    id: "pagination-malformed",
    breaks: 'pagination.cursor is "yes" (RFC 9865 §4)',
    quirks: ["paginationStringCursor"],
    changes: {
      "cursor.spc.pagination-attributes": "fail",
      "cursor.spc.advertised": "warn",
      "cursor.count.max-page-size": "skip",
      "cursor.method.default": "skip",
      "cursor.method.explicit": "skip",
    },
  },
  {
    id: "cursor-not-advertised",
    breaks: "cursors work but pagination is not advertised (RFC 9865 §4)",
    quirks: ["cursorNotAdvertised"],
    changes: {
      "cursor.spc.pagination-attributes": "skip",
      "cursor.spc.advertised": "warn",
      "cursor.count.max-page-size": "skip",
      "cursor.method.default": "skip",
      "cursor.method.explicit": "skip",
    },
  },
  {
    id: "no-next-cursor",
    breaks: "cursor pages never carry nextCursor (RFC 9865 §2)",
    quirks: ["noNextCursor"],
    changes: {
      "cursor.property.cursor-walk": "warn",
      "cursor.spc.advertised": "skip",
      "cursor.walk.first-page": "fail",
      "cursor.walk.next-until-last": "fail",
      "cursor.walk.no-next-on-last": "fail",
      "cursor.walk.previous-cursor": "skip",
      "cursor.walk.each-once": "warn",
      "cursor.errors.invalid-count": "skip",
      "cursor.walk.sorted": "warn",
      "cursor.method.explicit": "warn",
      "cursor.search.body": "warn",
    },
  },
  {
    id: "next-cursor-on-last",
    breaks: "the last page still offers a nextCursor (RFC 9865 §2)",
    quirks: ["nextCursorOnLast"],
    changes: {
      "cursor.walk.no-next-on-last": "fail",
    },
  },
  {
    id: "previous-cursor-on-first",
    breaks: "the first page carries previousCursor (RFC 9865 §2)",
    quirks: ["previousCursorOnFirst"],
    changes: {
      "cursor.walk.no-previous-on-first": "fail",
    },
  },
  {
    id: "previous-cursor-wrong",
    breaks: "previousCursor leads to the same page (RFC 9865 §2)",
    quirks: ["previousCursorWrong"],
    changes: {
      "cursor.walk.previous-cursor": "warn",
    },
  },
  {
    id: "cursor-count-ignored",
    breaks: "cursor pages ignore count (RFC 9865 §2)",
    quirks: ["cursorCountIgnored"],
    changes: {
      "cursor.spc.advertised": "skip",
      "cursor.walk.first-page": "fail",
      "cursor.walk.next-until-last": "fail",
      "cursor.walk.previous-cursor": "skip",
      "cursor.count.upper-bound": "fail",
      "cursor.count.zero-or-negative": "fail",
      "cursor.errors.invalid-count": "skip",
      "cursor.method.explicit": "warn",
      "cursor.search.body": "warn",
    },
  },
  {
    id: "cursor-count-zero-ignored",
    breaks: "count=0 in a cursor query returns a page (RFC 9865 §2)",
    quirks: ["cursorCountZeroIgnored"],
    changes: {
      "cursor.count.zero-or-negative": "fail",
    },
  },
  {
    id: "max-page-size-ignored",
    breaks: "pages exceed maxPageSize (RFC 9865 §4)",
    quirks: ["noMaxPageSize"],
    changes: {
      "cursor.count.max-page-size": "fail",
    },
  },
  {
    id: "cursor-with-slashes",
    breaks: 'cursors contain "/", "+" and "=" (RFC 9865 §2)',
    quirks: ["cursorWithSlashes"],
    changes: {
      "cursor.syntax.unreserved": "warn",
    },
  },
  {
    id: "cursor-repeats-rows",
    breaks: "each cursor page repeats a row (RFC 9865 §2)",
    quirks: ["cursorRepeats"],
    changes: {
      "cursor.property.cursor-walk": "warn",
      "cursor.walk.each-once": "warn",
      "cursor.walk.sorted": "warn",
      "cursor.search.body": "warn",
    },
  },
  {
    id: "cursor-total-missing",
    breaks: "cursor pages have no totalResults (RFC 9865 §2)",
    quirks: ["cursorTotalMissing"],
    changes: {
      "cursor.walk.total-results": "warn",
    },
  },
  {
    id: "cursor-unchecked",
    breaks: "any cursor value is accepted (RFC 9865 §3)",
    quirks: ["cursorUnchecked"],
    changes: {
      "cursor.errors.invalid-cursor": "warn",
    },
  },
  {
    id: "cursor-never-expires",
    breaks: "cursors outlive the advertised cursorTimeout (RFC 9865 §3)",
    quirks: ["cursorNeverExpires"],
    changes: {
      "cursor.errors.expired-cursor": "warn",
    },
  },
  {
    id: "cursor-count-change-refused",
    breaks: 'a changed count is refused with "invalidValue" (RFC 9865 §3)',
    quirks: ["cursorCountChangeError"],
    changes: {
      "cursor.errors.invalid-count": "warn",
    },
  },
  {
    id: "cursor-ignores-sort",
    breaks: "cursor walks ignore sortBy (RFC 9865 §2)",
    quirks: ["cursorIgnoresSort"],
    changes: {
      "cursor.walk.sorted": "warn",
    },
  },
  {
    id: "default-method-mismatch",
    breaks: "defaultPaginationMethod says cursor, queries page by index (RFC 9865 §2.1)",
    quirks: ["defaultMethodMismatch"],
    changes: {
      "cursor.method.default": "fail",
    },
  },
  {
    id: "explicit-method-ignored",
    breaks: "startIndex queries get cursor paging (RFC 9865 §2.1)",
    quirks: ["explicitMethodIgnored"],
    changes: {
      "cursor.method.explicit": "warn",
    },
  },
  {
    id: "search-without-cursor",
    breaks: ".search ignores cursor (RFC 9865 §2.2)",
    quirks: ["searchNoCursor"],
    changes: {
      "cursor.search.body": "warn",
    },
  },
];
