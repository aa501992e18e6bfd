// The stateless helpers every operation of the pipeline shares: password hashing, the validation
// knobs, the client compatibility layers and the limits. Built once by Provisioning.
import type { ResourceBinding } from "../connections/connection.js";
import type { PasswordHasher } from "../connections/password-hasher.js";
import type { JsonObject } from "../protocol/resource/json.js";
import type { ValidationOptions } from "../protocol/schema/validation-types.js";
import type { CursorCodec } from "./listing/cursor-codec.js";
import type { OperationContext } from "./operation-context.js";
import type { ServiceLimits } from "./service-limits.js";

/**
 * The client compatibility step of the data path (reference-core issue: "parse and validate against the
 * schemas → client compatibility layer → write mapping"). It rewrites request bodies of the clients a
 * connection enables (Entra ID, Okta) into RFC form before the strict pipeline sees them.
 */
export interface ClientCompatibility {
  /** A POST or PUT body. */
  rewriteResource(ctx: OperationContext, binding: ResourceBinding, body: JsonObject): JsonObject;
  /** A PATCH body, before it is parsed; `caseInsensitiveOps` lets `Add`/`Replace` through (Entra ID). */
  rewritePatch(
    ctx: OperationContext,
    binding: ResourceBinding,
    body: JsonObject,
  ): { readonly body: JsonObject; readonly caseInsensitiveOps: boolean };
}

/** Every layer off: the server answers strictly per RFC. */
export const strictCompatibility: ClientCompatibility = Object.freeze({
  rewriteResource: (_ctx: OperationContext, _binding: ResourceBinding, body: JsonObject) => body,
  rewritePatch: (_ctx: OperationContext, _binding: ResourceBinding, body: JsonObject) => ({
    body,
    caseInsensitiveOps: false,
  }),
});

export interface PipelineServices {
  readonly hasher: PasswordHasher;
  readonly validation: Partial<ValidationOptions>;
  readonly compat: ClientCompatibility;
  readonly limits: ServiceLimits;
  readonly cursors: CursorCodec;
}
