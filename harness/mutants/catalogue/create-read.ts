// Mutants: Create and read, with projections (RFC 7644 §3.3, §3.4.1, §3.9).
import type { Mutant } from "../mutant.js";

export const createReadMutants: readonly Mutant[] = [
  {
    id: "create-200",
    breaks: "POST answers 200 instead of 201 (RFC 7644 §3.3)",
    quirks: ["create200"],
    changes: {
      "create.user.status-201": "fail",
      "create.group.status-201": "fail",
      "create.user.location-equals-meta-location": "fail",
    },
  },
  {
    id: "create-without-body",
    breaks: "POST answers 201 without the resource (RFC 7644 §3.3)",
    quirks: ["createNoBody"],
    changes: {
      "create.user.response-body": "warn",
      "create.user.round-trip": "skip",
      "create.user.duplicate-409": "skip",
      "create.user.duplicate-case-variant-409": "skip",
      "create.group.location-header": "fail",
      "create.group.with-members": "skip",
      "create.user.location-equals-meta-location": "fail",
    },
  },
  {
    id: "no-location",
    breaks: "POST answers without Location (RFC 7644 §3.3)",
    quirks: ["noLocation"],
    changes: {
      "create.group.location-header": "fail",
      "create.user.location-equals-meta-location": "fail",
    },
  },
  {
    id: "location-differs",
    breaks: "Location differs from meta.location (RFC 7644 §3.3)",
    quirks: ["locationDiffers"],
    changes: {
      "create.group.location-header": "fail",
      "create.user.location-equals-meta-location": "fail",
    },
  },
  {
    id: "no-uniqueness",
    breaks: "duplicate userNames are accepted (RFC 7644 §3.3)",
    quirks: ["noUniqueness"],
    changes: {
      "create.user.duplicate-409": "fail",
      "create.user.duplicate-case-variant-409": "fail",
    },
  },
  {
    id: "unknown-attributes-stored",
    breaks: "undefined attributes are stored and returned (RFC 7644 §3.3)",
    quirks: ["echoUnknownAttributes"],
    changes: {
      "create.user.unknown-attribute": "warn",
    },
  },
  {
    id: "required-not-checked",
    breaks: "a User without userName is created (RFC 7643 §4.1.1)",
    quirks: ["noRequiredCheck"],
    changes: {
      "create.missing-required.rejected": "fail",
      "create.missing-required.invalid-value": "warn",
      "create.missing-required.nothing-listed": "fail",
      "put.required.missing-400": "warn",
    },
  },
  {
    id: "required-wrong-scim-type",
    breaks: 'a missing userName is refused with "invalidSyntax" (RFC 7644 §3.12)',
    quirks: ["requiredCheckWrongType"],
    changes: {
      "create.missing-required.invalid-value": "warn",
    },
  },
  {
    id: "malformed-body-500",
    breaks: "an unparsable body makes the server fail with 500 (RFC 7644 §3.12)",
    quirks: ["malformedJson500"],
    changes: {
      "create.malformed-body.invalid-syntax": "warn",
    },
  },
  {
    id: "failed-create-persists",
    breaks: "a refused create still stores a resource (RFC 7643 §7)",
    quirks: ["failedCreatePersists"],
    changes: {
      "create.missing-required.nothing-listed": "fail",
    },
  },
  {
    id: "round-trip-drops-title",
    breaks: "title is silently dropped on create (RFC 7644 §3.3)",
    quirks: ["roundTripDropsTitle"],
    changes: {
      "create.property.round-trip": "warn",
      "create.user.round-trip": "warn",
    },
  },
  {
    id: "members-dropped",
    breaks: "POST /Groups ignores members (RFC 7644 §3.3)",
    quirks: ["membersDropped"],
    changes: {
      "create.property.round-trip": "warn",
      "create.group.with-members": "warn",
    },
  },
  {
    id: "get-omits-identity",
    breaks: "GET by id omits userName and displayName (RFC 7644 §3.4.1)",
    quirks: ["getOmitsIdentity"],
    changes: {
      "read.user.get-by-id": "fail",
      "read.group.get-by-id": "fail",
      "read.default-attributes": "fail",
      "read.projection.attributes": "fail",
      "read.projection.urn-qualified": "fail",
      "read.projection.case-insensitive": "fail",
    },
  },
  {
    id: "not-found-400",
    breaks: "an unknown id answers 400 (RFC 7644 §3.12)",
    quirks: ["notFoundAs400"],
    changes: {
      "read.user.unknown-id-404": "warn",
      "read.group.unknown-id-404": "warn",
    },
  },
  {
    id: "attributes-ignored",
    breaks: "attributes= is ignored (RFC 7644 §3.9)",
    quirks: ["ignoreAttributesParameter"],
    changes: {
      "read.property.projection": "fail",
      "read.projection.attributes": "fail",
      "read.projection.excluded-attributes": "fail",
      "read.projection.sub-attributes": "fail",
      "read.projection.urn-qualified": "fail",
      "read.projection.case-insensitive": "fail",
      "read.projection.on-list": "fail",
      "read.projection.on-search": "fail",
      "read.projection.on-write": "fail",
    },
  },
  {
    id: "excluded-attributes-ignored",
    breaks: "excludedAttributes= is ignored (RFC 7644 §3.9)",
    quirks: ["ignoreExcludedAttributes"],
    changes: {
      "read.property.projection": "fail",
      "read.projection.excluded-attributes": "fail",
      "read.projection.sub-attributes": "fail",
      "read.projection.urn-qualified": "fail",
      "read.projection.case-insensitive": "fail",
      "interop.entra.group-queries": "fail",
    },
  },
  {
    id: "no-sub-attribute-projection",
    breaks: "name.givenName in attributes= is not understood (RFC 7644 §3.10)",
    quirks: ["noSubAttributeProjection"],
    changes: {
      "read.projection.sub-attributes": "fail",
      "read.projection.case-insensitive": "fail",
    },
  },
  {
    id: "no-urn-projection",
    breaks: "URN-qualified names in attributes= are not understood (RFC 7644 §3.10)",
    quirks: ["noUrnProjection"],
    changes: {
      "read.projection.urn-qualified": "fail",
    },
  },
  {
    id: "case-sensitive-projection",
    breaks: "attributes=USERNAME is not understood (RFC 7643 §2.1)",
    quirks: ["caseSensitiveProjection"],
    changes: {
      "read.projection.case-insensitive": "fail",
    },
  },
  {
    id: "no-projection-on-lists",
    breaks: "lists ignore attributes= (RFC 7644 §3.4.2.5)",
    quirks: ["noProjectionOnList"],
    changes: {
      "read.property.projection": "fail",
      "read.projection.on-list": "fail",
      "read.projection.on-search": "fail",
    },
  },
  {
    id: "search-ignores-projection",
    breaks: ".search ignores attributes (RFC 7644 §3.4.3)",
    quirks: ["searchIgnoresProjection"],
    changes: {
      "read.projection.on-search": "fail",
    },
  },
  {
    id: "no-projection-on-writes",
    breaks: "POST/PUT/PATCH ignore attributes= (RFC 7644 §3.9)",
    quirks: ["noProjectionOnWrite"],
    changes: {
      "read.projection.on-write": "fail",
    },
  },
  {
    id: "projection-drops-id",
    breaks: "attributes= drops id (RFC 7643 §3.1 returned=always)",
    quirks: ["projectionDropsId"],
    changes: {
      "read.projection.attributes": "fail",
      "read.projection.on-list": "fail",
      "read.projection.on-search": "fail",
      "read.projection.on-write": "fail",
    },
  },
];
