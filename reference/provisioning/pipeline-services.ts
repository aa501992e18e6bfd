// The stateless helpers every operation of the pipeline shares: password hashing, the validation
// knobs, the client compatibility layers and the limits. Built once by Provisioning.
import type { PasswordHasher } from "../connections/password-hasher.js";
import type { ValidationOptions } from "../protocol/schema/validation-types.js";
import type { CursorCodec } from "./listing/cursor-codec.js";
import type { ServiceLimits } from "./service-limits.js";

export interface PipelineServices {
  readonly hasher: PasswordHasher;
  readonly validation: Partial<ValidationOptions>;
  readonly limits: ServiceLimits;
  readonly cursors: CursorCodec;
}
