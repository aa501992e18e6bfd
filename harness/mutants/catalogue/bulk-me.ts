// Mutants: Bulk and /Me (RFC 7644 §3.7, §3.11).
import type { Mutant } from "../mutant.js";

export const bulkMeMutants: readonly Mutant[] = [
  {
    id: "bulk-without-urn",
    breaks: "the BulkResponse lacks its URN (RFC 7644 §3.7)",
    quirks: ["bulkNoResponseUrn"],
    changes: {
      "bulk.response.bulk-response": "fail",
    },
  },
  {
    id: "bulk-numeric-status",
    breaks: "operation statuses are numbers (RFC 7644 §3.7.3)",
    quirks: ["bulkNumericStatus"],
    changes: {
      "bulk.response.operation-results": "fail",
      "bulk.errors.result-carries-error": "fail",
    },
  },
  {
    id: "bulk-id-not-echoed",
    breaks: "results do not echo bulkIds (RFC 7644 §3.7.3)",
    quirks: ["bulkNoBulkIdEcho"],
    changes: {
      "bulk.bulk-id.echoed": "fail",
    },
  },
  {
    id: "bulk-id-not-resolved",
    breaks: '"bulkId:" references are left as they are (RFC 7644 §3.7.2)',
    quirks: ["bulkNoRefResolution"],
    changes: {
      "bulk.bulk-id.references-resolved": "fail",
      "bulk.intent.preserved": "fail",
    },
  },
  {
    id: "bulk-no-circular",
    breaks: "circular references fail with 500 (RFC 7644 §3.7.1)",
    quirks: ["bulkNoCircular"],
    changes: {
      "bulk.bulk-id.circular": "fail",
    },
  },
  {
    id: "bulk-stops-on-error",
    breaks: "Bulk stops at the first error without failOnErrors (RFC 7644 §3.7)",
    quirks: ["bulkStopsOnFirstError"],
    changes: {
      "bulk.errors.continue": "fail",
    },
  },
  {
    id: "bulk-ignores-fail-on-errors",
    breaks: "failOnErrors is ignored (RFC 7644 §3.7)",
    quirks: ["bulkIgnoresFailOnErrors"],
    changes: {
      "bulk.errors.fail-on-errors": "fail",
    },
  },
  {
    id: "bulk-no-limits",
    breaks: "maxOperations and maxPayloadSize are not enforced (RFC 7644 §3.7.4)",
    quirks: ["bulkNoLimits"],
    changes: {
      "bulk.limits.413": "fail",
    },
  },
  {
    id: "bulk-lenient",
    breaks: "a BulkRequest without its URN is accepted (RFC 7644 §3.7)",
    quirks: ["bulkLenient"],
    changes: {
      "bulk.request.malformed-400": "warn",
    },
  },
  {
    id: "bulk-ignores-version",
    breaks: "operation versions are ignored (RFC 7644 §3.7)",
    quirks: ["bulkIgnoresVersion"],
    changes: {
      "bulk.version.precondition": "warn",
    },
  },
  {
    id: "me-without-location",
    breaks: "/Me answers without Location (RFC 7644 §3.11)",
    quirks: ["meNoLocation"],
    changes: {
      "me.get.location-header": "fail",
    },
  },
  {
    id: "me-wrong-subject",
    breaks: "/Me answers someone else's data (RFC 7644 §3.11)",
    quirks: ["meWrongSubject"],
    changes: {
      "me.get.authenticated-subject": "fail",
    },
  },
  {
    id: "me-unsupported-403",
    breaks: "an unsupported /Me answers 403, not 501 (RFC 7644 §3.11)",
    quirks: ["meUnsupported403"],
    changes: {
      "me.get.authenticated-subject": "skip",
      "me.get.location-header": "skip",
      "me.unsupported.501": "warn",
    },
  },
];
