// Mutants: PATCH (RFC 7644 §3.5.2).
import type { Mutant } from "../mutant.js";

export const patchMutants: readonly Mutant[] = [
  {
    id: "patch-not-advertised",
    breaks: "PATCH works but patch.supported is false (RFC 7643 §5)",
    quirks: ["patchNotAdvertised"],
    changes: {
      "patch.supported.advertised-and-working": "warn",
    },
  },
  {
    id: "patch-partial-body",
    breaks: "PATCH answers 200 with only the changed attributes (RFC 7644 §3.5.2)",
    quirks: ["patchPartialBody"],
    changes: {
      "patch.response.200-or-204": "fail",
    },
  },
  {
    id: "patch-204-always",
    breaks: "PATCH answers 204 even with attributes= (RFC 7644 §3.5.2)",
    quirks: ["patch204Always"],
    changes: {
      "patch.response.attributes-forces-200": "fail",
    },
  },
  {
    id: "patch-lenient-schema",
    breaks: "a PatchOp without its URN is accepted (RFC 7644 §3.5.2)",
    quirks: ["patchLenientSchema"],
    changes: {
      "patch.request.malformed-400": "warn",
    },
  },
  {
    id: "patch-reverse-order",
    breaks: "operations apply last to first (RFC 7644 §3.5.2)",
    quirks: ["patchReverseOrder"],
    changes: {
      "patch.property.model": "fail",
      "patch.operations.in-order": "fail",
    },
  },
  {
    id: "patch-not-atomic",
    breaks: "a failing operation leaves earlier ones applied (RFC 7644 §3.5.2)",
    quirks: ["patchNotAtomic"],
    changes: {
      "patch.property.model": "fail",
      "patch.operations.atomic": "fail",
      "patch.mutability.refused": "fail",
    },
  },
  {
    id: "no-primary-exclusivity",
    breaks: "a new primary value leaves the old one primary (RFC 7644 §3.5.2)",
    quirks: ["noPrimaryExclusivity"],
    changes: {
      "patch.primary.exclusive": "fail",
    },
  },
  {
    id: "patch-no-extension-schema",
    breaks: "an extension added by PATCH is missing from schemas (RFC 7644 §3.5.2)",
    quirks: ["patchNoExtensionSchema"],
    changes: {
      "patch.extension.adds-schema-urn": "fail",
    },
  },
  {
    id: "patch-case-sensitive-paths",
    breaks: "PATCH paths match case-sensitively (RFC 7644 §3.5.2)",
    quirks: ["patchCaseSensitivePaths"],
    changes: {
      "patch.path.urn-and-case": "fail",
    },
  },
  {
    id: "invalid-path-wrong-scim-type",
    breaks: 'an unknown path answers "invalidValue" (RFC 7644 §3.12)',
    quirks: ["invalidPathAsInvalidValue"],
    changes: {
      "patch.path.invalid-400": "warn",
    },
  },
  {
    id: "patch-ignores-mutability",
    breaks: "PATCH changes readOnly and immutable values (RFC 7644 §3.5.2)",
    quirks: ["patchIgnoresMutability"],
    changes: {
      "schema.mutability.enforced": "fail",
      "patch.mutability.refused": "fail",
      "patch.remove.required-or-read-only": "fail",
    },
  },
  {
    id: "add-replaces-multi-valued",
    breaks: "add to a multi-valued attribute replaces it (RFC 7644 §3.5.2.1)",
    quirks: ["addReplacesMultiValued"],
    changes: {
      "patch.add.with-path": "fail",
      "patch.add.without-path": "fail",
      "patch.add.existing-value-keeps-timestamp": "fail",
      "patch.members.add": "fail",
    },
  },
  {
    id: "add-without-path-refused",
    breaks: "add without a path is refused (RFC 7644 §3.5.2.1)",
    quirks: ["addNoPathUnsupported"],
    changes: {
      "patch.add.without-path": "fail",
    },
  },
  {
    id: "patch-always-touches",
    breaks: "a no-op add advances lastModified (RFC 7644 §3.5.2.1)",
    quirks: ["patchAlwaysTouches"],
    changes: {
      "patch.add.existing-value-keeps-timestamp": "fail",
    },
  },
  {
    id: "add-duplicates-members",
    breaks: "adding an existing value appends a duplicate (RFC 7644 §3.5.2.1)",
    quirks: ["addDuplicatesMembers"],
    changes: {
      "patch.add.existing-value-keeps-timestamp": "fail",
      "patch.members.add-existing": "warn",
    },
  },
  {
    id: "remove-without-path-accepted",
    breaks: "remove without a path succeeds (RFC 7644 §3.5.2.2)",
    quirks: ["removeWithoutPathOk"],
    changes: {
      "patch.remove.requires-path": "fail",
    },
  },
  {
    id: "remove-attribute-ignored",
    breaks: "remove of a whole attribute does nothing (RFC 7644 §3.5.2.2)",
    quirks: ["removeAttributeNoop"],
    changes: {
      "patch.operations.in-order": "fail",
      "patch.remove.attribute": "fail",
      "patch.members.remove-all": "fail",
    },
  },
  {
    id: "remove-filter-removes-all",
    breaks: "remove with a value filter removes every value (RFC 7644 §3.5.2.2)",
    quirks: ["removeFilterRemovesAll"],
    changes: {
      "patch.property.model": "fail",
      "patch.remove.value-filter": "fail",
      "patch.members.remove-one": "fail",
    },
  },
  {
    id: "remove-absent-refused",
    breaks: "removing an absent value answers noTarget (RFC 7644 §3.5.2.2)",
    quirks: ["removeAbsentNoTarget"],
    changes: {
      "patch.remove.absent-value": "warn",
      "patch.members.remove-absent": "warn",
    },
  },
  {
    id: "replace-absent-refused",
    breaks: "replace of an unassigned attribute answers noTarget (RFC 7644 §3.5.2.3)",
    quirks: ["replaceAbsentNoTarget"],
    changes: {
      "patch.supported.advertised-and-working": "warn",
      "patch.response.200-or-204": "fail",
      "patch.response.attributes-forces-200": "fail",
      "patch.operations.in-order": "fail",
      "patch.replace.single-valued": "fail",
    },
  },
  {
    id: "replace-clears-others",
    breaks: "replace without path clears the attributes it does not name (RFC 7644 §3.5.2.3)",
    quirks: ["replaceNoPathClearsOthers"],
    changes: {
      "patch.path.urn-and-case": "fail",
      "patch.replace.without-path": "fail",
    },
  },
  {
    id: "replace-merges-multi-valued",
    breaks: "replace of a multi-valued attribute appends (RFC 7644 §3.5.2.3)",
    quirks: ["replaceMergesMultiValued"],
    changes: {
      "patch.replace.multi-valued": "fail",
      "patch.members.replace": "fail",
    },
  },
  {
    id: "replace-complex-whole",
    breaks: "replace of a complex attribute drops its other sub-attributes (RFC 7644 §3.5.2.3)",
    quirks: ["replaceComplexWhole"],
    changes: {
      "patch.replace.complex": "fail",
    },
  },
  {
    id: "value-filter-replaces-all",
    breaks: "replace with a value filter changes every value (RFC 7644 §3.5.2.3)",
    quirks: ["valuePathReplaceAll"],
    changes: {
      "patch.replace.value-filter": "fail",
    },
  },
  {
    id: "no-target-ignored",
    breaks: "a value filter matching nothing is not an error (RFC 7644 §3.5.2.3)",
    quirks: ["noTargetIgnored"],
    changes: {
      "patch.operations.atomic": "skip",
      "patch.replace.value-filter-no-target": "fail",
    },
  },
];
