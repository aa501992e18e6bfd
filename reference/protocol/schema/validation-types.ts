// The contract of resource validation (RFC 7643 §2, §3, §7; RFC 7644 §3.3, §3.5.1): what the POST and
// PUT handlers and the PATCH engine pass in and get back. The functions live in validate-resource.ts.
//
// A validation either fails with every problem it found (STYLE.md §9: `Issue[]`, turned into one 400 by
// `errorFromIssues`), or succeeds with the *normalised writable state* of the resource:
//   - `schemas` first: the base URN plus the extension URNs whose containers hold a value, canonically
//     spelled, no duplicates (RFC 7643 §3);
//   - every attribute and sub-attribute name in the schema's spelling (RFC 7643 §2.1), keys in schema order;
//   - no null, no [] and no empty complex value or extension container (RFC 7643 §2.5);
//   - no (type, value) pair twice in a multi-valued attribute: the first value stays, with the gaps in its
//     sub-attributes filled from the duplicates and `primary` OR-ed (RFC 7643 §2.4, duplicate-values.ts);
//   - no readOnly attribute at any level (`id`, `meta`, `groups`, `manager.displayName`): the server
//     supplies those (RFC 7644 §3.3 "SHALL be ignored");
//   - writeOnly values (`password`) kept: the datastore needs them; projection never returns them.
import type { Issue } from "../errors/issues.js";
import type { ScimResource } from "../resource/json.js";

/**
 * Which request the resource comes from.
 * - `create`: POST (RFC 7644 §3.3). immutable attributes may be set freely.
 * - `replace`: PUT (RFC 7644 §3.5.1). `existing` is required: an immutable attribute that already has a
 *   value must be sent unchanged (else 400 `mutability`) or omitted (then the existing value is kept).
 * - `patch-result`: the resource a PATCH produced (RFC 7644 §3.5.2). Types, required, one primary and
 *   the enforced canonical values are checked exactly as for PUT; with `existing`, an immutable value
 *   that existed may not differ (removal counts as a change). Which *operations* are allowed is the PATCH
 *   engine's business; this only proves the outcome is a valid resource.
 */
export type ValidationMode = "create" | "replace" | "patch-result";

export interface ValidationContext {
  readonly mode: ValidationMode;
  /** The stored resource in SCIM form (as the read mapping returns it). Required for `replace`. */
  readonly existing?: ScimResource | undefined;
}

/** Why a value in the input did not make it into the normalised resource, although no issue was raised. */
export type IgnoredReason =
  /** RFC 7644 §3.3 / §3.5.1: readOnly values in a request body SHALL be ignored. */
  | "readOnly"
  /** An attribute, sub-attribute or container the resource type's schemas do not define (see options). */
  | "unknownAttribute";

export interface IgnoredValue {
  /** SCIM path of the ignored value in the client's spelling, e.g. `meta`, `emails[0].foo`. */
  readonly path: string;
  readonly reason: IgnoredReason;
}

export type ValidationResult =
  | {
      readonly ok: true;
      readonly resource: ScimResource;
      /** What was dropped silently; for logs and the harness, never an error. */
      readonly ignored: readonly IgnoredValue[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * The leniency knobs of validation, all in one place (defaults in `defaultValidationOptions`).
 * Client-specific coercions (Entra "True"/"False", a single value for a multi-valued attribute) are
 * NOT here: the compatibility layers rewrite the body before it reaches validation.
 */
export interface ValidationOptions {
  /**
   * What to do with an attribute the schemas do not define.
   * `ignore` (default): drop it and list it in `ignored`. RFC 7644 §3.3 lets the service provider
   * "alter and/or ignore POSTed content" and defines no error for unknown attributes; Entra ID admins
   * routinely map attributes a target does not have, and a 400 would stall provisioning
   * (Captain-P-Goldfish SCIM-SDK #539, SCIMMY #41).
   * `reject`: 400 `invalidValue` (RFC 7644 §3.12: "not compatible with ... resource schema").
   */
  readonly unknownAttributes: "ignore" | "reject";
  /**
   * Attributes whose canonicalValues the server gives a meaning to, so other values are rejected with
   * 400 `invalidValue`, by canonical path. RFC 7643 §7 makes canonicalValues suggestions only, so every
   * other attribute accepts any value. Default: Group `members.type`, which the server reads to know
   * whether a member id names a User or a Group (RFC 7643 §4.2).
   */
  readonly enforcedCanonicalValues: readonly EnforcedCanonicalValues[];
}

export interface EnforcedCanonicalValues {
  /** The schema URN the attribute belongs to (its base schema for a core attribute). */
  readonly schema: string;
  /** Canonical path within that schema, e.g. "members.type". */
  readonly path: string;
}
