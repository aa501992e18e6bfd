// The example checks and cases the engine's own tests run (harness/checks/discovery and
// fixtures/cases/{discovery,create}). Tests select them by id, so the checks other engineers add keep
// the engine tests stable (a check that needs more than the tiny server offers would fail them).
export const exampleCheckIds = [
  "discovery.spc.schemas-urn",
  "discovery.spc.feature-attributes",
  "discovery.spc.authentication-schemes",
  "discovery.resource-types.list-response",
  "discovery.resource-types.schemas-resolve",
  "discovery.schemas.message-schemas-hidden",
  "discovery.filter-forbidden",
  "discovery.schemas.get-by-id",
  "discovery.schemas.unknown-id-404",
  "create.user.location-equals-meta-location",
] as const;
