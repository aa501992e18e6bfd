// Mutants: Discovery documents (RFC 7644 §4, RFC 7643 §5–§7).
import type { Mutant } from "../mutant.js";

export const discoveryMutants: readonly Mutant[] = [
  {
    id: "spc-without-urn",
    breaks: "the ServiceProviderConfig has an empty schemas list (RFC 7644 §4)",
    quirks: ["spcWithoutUrn"],
    changes: {
      "discovery.spc.schemas-urn": "fail",
    },
  },
  {
    id: "spc-string-booleans",
    breaks: 'patch.supported is the string "true" (RFC 7643 §5)',
    quirks: ["spcStringBooleans"],
    changes: {
      "discovery.spc.feature-attributes": "fail",
    },
  },
  {
    id: "spc-no-auth-schemes",
    breaks: "authenticationSchemes is empty (RFC 7643 §5)",
    quirks: ["spcNoAuthSchemes"],
    changes: {
      "discovery.spc.authentication-schemes": "fail",
    },
  },
  {
    id: "resource-type-without-endpoint",
    breaks: "ResourceTypes lack endpoint (RFC 7643 §6)",
    quirks: ["rtMissingEndpoint"],
    changes: {
      "discovery.resource-types.list-response": "fail",
      "discovery.resource-types.schemas-resolve": "skip",
      "discovery.resource-types.endpoint-answers": "skip",
      "discovery.resource-types.get-by-id": "skip",
      "discovery.schemas.user-schema": "skip",
      "discovery.schemas.group-schema": "skip",
      // A fixture case gated on users: no usable User resource type is advertised, so it skips too.
      "discovery.schemas.get-by-id": "skip",
    },
  },
  {
    id: "unresolvable-extension",
    breaks: "a ResourceType names an extension /Schemas does not serve (RFC 7643 §6)",
    quirks: ["unresolvableExtension"],
    changes: {
      "discovery.resource-types.schemas-resolve": "fail",
    },
  },
  {
    id: "message-schemas-listed",
    breaks: "/Schemas lists PatchOp (RFC 7644 §3.1)",
    quirks: ["listsMessageSchemas"],
    changes: {
      "discovery.schemas.message-schemas-hidden": "fail",
    },
  },
  {
    id: "discovery-filter-allowed",
    breaks: "a filter on /ResourceTypes and /Schemas is served (RFC 7644 §4)",
    quirks: ["discoveryFilterAllowed"],
    changes: {
      "discovery.filter-forbidden": "warn",
    },
  },
  {
    id: "groups-endpoint-lists-users",
    breaks: "GET /Groups lists Users (RFC 7643 §6)",
    quirks: ["endpointServesUsers"],
    changes: {
      "discovery.resource-types.endpoint-answers": "fail",
    },
  },
  {
    id: "schemas-without-urn",
    breaks: "Schema documents in /Schemas lack their schemas URN (RFC 7644 §4)",
    quirks: ["schemasListNoUrn"],
    changes: {
      "discovery.schemas.list": "fail",
    },
  },
  {
    id: "resource-type-by-id-as-list",
    breaks: "GET /ResourceTypes/User answers a ListResponse (RFC 7644 §4)",
    quirks: ["byIdAsList"],
    changes: {
      "discovery.resource-types.get-by-id": "warn",
    },
  },
  {
    id: "unknown-resource-type-200",
    breaks: "an unknown ResourceType id answers 200 (RFC 7644 §3.12)",
    quirks: ["rtUnknown200"],
    changes: {
      "discovery.resource-types.unknown-id-404": "warn",
    },
  },
  {
    id: "discovery-honours-count",
    breaks: "count pages /ResourceTypes and /Schemas (RFC 7644 §4: SHALL ignore)",
    quirks: ["discoveryHonoursCount"],
    changes: {
      "discovery.query-parameters.ignored": "fail",
    },
  },
  {
    id: "discovery-writable",
    breaks: "POST/PUT/PATCH/DELETE on discovery endpoints succeed (RFC 7643 §5-§7)",
    quirks: ["discoveryWritable"],
    changes: {
      "discovery.read-only.writes-refused": "fail",
    },
  },
  {
    id: "incomplete-attribute-definitions",
    breaks: "attribute definitions omit uniqueness (RFC 7643 §7)",
    quirks: ["incompleteAttributeDefinitions"],
    changes: {
      "discovery.schemas.attribute-definitions": "fail",
    },
  },
  {
    id: "complex-without-sub-attributes",
    breaks: "name is complex without subAttributes (RFC 7643 §7)",
    quirks: ["complexWithoutSubAttributes"],
    changes: {
      "discovery.schemas.complex-sub-attributes": "warn",
    },
  },
  {
    id: "reference-without-types",
    breaks: "profileUrl is a reference without referenceTypes (RFC 7643 §7)",
    quirks: ["referenceWithoutTypes"],
    changes: {
      "discovery.schemas.reference-types": "warn",
    },
  },
  {
    id: "user-name-case-exact",
    breaks: "userName is declared caseExact (RFC 7643 §4.1.1)",
    quirks: ["userNameCaseExact"],
    changes: {
      "discovery.schemas.user-schema": "fail",
    },
  },
  {
    id: "group-display-name-optional",
    breaks: "Group.displayName is declared optional (RFC 7643 §4.2)",
    quirks: ["groupDisplayNameOptional"],
    changes: {
      "discovery.schemas.group-schema": "fail",
    },
  },
  {
    id: "schema-by-id-as-list",
    breaks: "GET /Schemas/{urn} answers a ListResponse (RFC 7644 §4)",
    quirks: ["schemaByIdAsList"],
    changes: {
      "discovery.schemas.get-by-id": "warn",
    },
  },
  {
    id: "unknown-schema-200",
    breaks: "an unknown schema answers 200 (RFC 7644 §3.12)",
    quirks: ["unknownSchema200"],
    changes: {
      "discovery.schemas.unknown-id-404": "warn",
    },
  },
];
