// Mutants: Transport (RFC 7644 §1.3, §3.8, §3.13).
import type { Mutant } from "../mutant.js";

export const transportMutants: readonly Mutant[] = [
  {
    id: "query-string-endpoint",
    breaks: "ResourceType endpoints carry a query string (RFC 7644 §1.3)",
    quirks: ["endpointWithQuery"],
    changes: {
      "transport.base-uri.no-query-string": "fail",
    },
  },
  {
    id: "version-segment-ignored",
    breaks: "/v999/Users is served as /Users (RFC 7644 §3.13)",
    quirks: ["versionIgnored"],
    changes: {
      "transport.version-segment.not-ignored": "fail",
    },
  },
  {
    id: "scim-json-not-acceptable",
    breaks: "Accept: application/scim+json answers 406 (RFC 7644 §3.8)",
    quirks: ["notAcceptableScimJson"],
    changes: {
      "transport.accept.scim-json": "fail",
    },
  },
  {
    id: "json-not-acceptable",
    breaks: "Accept: application/json answers 406 (RFC 7644 §3.8)",
    quirks: ["notAcceptableJson"],
    changes: {
      "transport.accept.json": "warn",
    },
  },
  {
    id: "plain-json-content-type",
    breaks: "responses are typed application/json (RFC 7644 §3.8)",
    quirks: ["plainJsonContentType"],
    changes: {
      "transport.content-type.scim-json": "warn",
      "interop.okta.scim-json-content-type": "fail",
    },
  },
  {
    id: "utf8-double-encoded",
    breaks: "reads come back double-encoded, UTF-8 taken as Latin-1 (RFC 7644 §3.8)",
    quirks: ["latin1Responses"],
    changes: {
      "transport.utf8.round-trip": "fail",
    },
  },
];
