// Mutants: Resource representation: schemas, id, meta, externalId, extensions (RFC 7643 §3).
import type { Mutant } from "../mutant.js";

export const representationMutants: readonly Mutant[] = [
  {
    id: "list-entries-without-schemas",
    breaks: "list entries have no schemas (RFC 7643 §3)",
    quirks: ["schemasMissingBase"],
    changes: {
      "representation.schemas.present": "fail",
    },
  },
  {
    id: "undeclared-attribute",
    breaks: "Users carry an attribute /Schemas does not declare (RFC 7643 §7)",
    quirks: ["undeclaredAttribute"],
    changes: {
      "representation.attributes.declared": "warn",
    },
  },
  {
    id: "duplicate-schemas",
    breaks: "schemas lists the base URN twice (RFC 7643 §3)",
    quirks: ["duplicateSchemas"],
    changes: {
      "representation.schemas.only-declared": "fail",
    },
  },
  {
    id: "extension-order-matters",
    breaks: "schemas must list the base schema first (RFC 7643 §3)",
    quirks: ["extensionOrderMatters"],
    changes: {
      "representation.schemas.order-insignificant": "fail",
    },
  },
  {
    id: "list-entries-without-id",
    breaks: "list entries have no id (RFC 7643 §3.1)",
    quirks: ["listEntriesWithoutId"],
    changes: {
      "representation.id.present": "fail",
    },
  },
  {
    id: "ids-from-names",
    breaks: "ids are derived from names, so a User and a Group of the same name share an id (RFC 7643 §3.1)",
    quirks: ["idsFromNames"],
    changes: {
      "representation.id.unique": "fail",
    },
    // The round trips name resources with generated Unicode: their ids must still travel, percent-encoded,
    // in Location and meta.location (a raw one once crashed the server's reply).
    scope: ["representation.id", "create.property", "put.property", "patch.property"],
  },
  {
    id: "id-changes-on-write",
    breaks: "write answers carry the id in another case (RFC 7643 §3.1)",
    quirks: ["idCaseChangesOnWrite"],
    changes: {
      "representation.id.stable": "fail",
      "representation.write-answer.reflects-state": "fail",
    },
  },
  {
    id: "client-id-honoured",
    breaks: "a client-supplied id is used (RFC 7643 §3.1)",
    quirks: ["clientIdHonoured"],
    changes: {
      "representation.id.assigned-by-server": "fail",
      "create.user.read-only-ignored": "fail",
    },
  },
  {
    id: "bulk-id-in-ids",
    breaks: 'ids contain "bulkId" (RFC 7643 §3.1)',
    quirks: ["bulkIdInIds"],
    changes: {
      "representation.id.not-bulkid": "fail",
    },
  },
  {
    id: "meta-without-location",
    breaks: "meta has no location (RFC 7643 §3.1)",
    quirks: ["noMetaLocation"],
    changes: {
      "representation.meta.assigned": "fail",
      "representation.meta.location": "fail",
    },
  },
  {
    id: "client-meta-applied",
    breaks: "meta.created is taken from the client (RFC 7643 §3.1)",
    quirks: ["metaFromClient"],
    changes: {
      "representation.meta.client-values-ignored": "fail",
    },
  },
  {
    id: "wrong-resource-type",
    breaks: 'meta.resourceType is "Resource" (RFC 7644 §3.3.1)',
    quirks: ["wrongResourceType"],
    changes: {
      "representation.meta.resource-type": "fail",
    },
  },
  {
    id: "last-modified-not-initial",
    breaks: "lastModified differs from created on a new resource (RFC 7643 §3.1)",
    quirks: ["lastModifiedNotInitial"],
    changes: {
      "representation.meta.last-modified-initial": "fail",
      "representation.meta.last-modified-advances": "warn",
    },
  },
  {
    id: "last-modified-frozen",
    breaks: "lastModified never advances (RFC 7643 §3.1)",
    quirks: ["lastModifiedFrozen"],
    changes: {
      "representation.meta.last-modified-advances": "warn",
    },
  },
  {
    id: "content-location-differs",
    breaks: "Content-Location differs from meta.location (RFC 7643 §3.1)",
    quirks: ["contentLocationDiffers"],
    changes: {
      "representation.meta.location": "fail",
    },
  },
  {
    id: "external-id-generated",
    breaks: "the server invents an externalId (RFC 7643 §3.1)",
    quirks: ["externalIdGenerated"],
    changes: {
      "representation.external-id.client-only": "fail",
    },
  },
  {
    id: "extension-at-top-level",
    breaks: "enterprise attributes are returned at the top level (RFC 7643 §3.3)",
    quirks: ["extensionAtTopLevel"],
    changes: {
      "representation.extension.under-urn": "fail",
    },
  },
  {
    id: "required-extension-not-enforced",
    breaks: "an extension declared required is not enforced (RFC 7643 §6)",
    quirks: ["requiredExtensionNotEnforced"],
    changes: {
      "representation.extension.required": "fail",
    },
  },
  {
    id: "stale-write-answer",
    breaks: "a PUT answers the state before the PUT (RFC 7644 §3.5.1)",
    quirks: ["writeAnswerStale"],
    changes: {
      "representation.write-answer.reflects-state": "fail",
    },
  },
  {
    id: "user-groups-stale",
    breaks: "User.groups keeps Groups the User left (RFC 7643 §4.1.2)",
    quirks: ["userGroupsStale"],
    changes: {
      "representation.user.groups": "fail",
    },
  },
];
