// Checks of the "transport" area (harness/checks/README.md).
import type { Check } from "../check-context.js";
import { baseUriNoQueryString, versionSegment } from "./base-uri.check.js";
import { utf8RoundTrip } from "./encoding.check.js";
import { acceptJson, acceptScimJson, defaultMediaType } from "./media-type.check.js";

export const checks: readonly Check[] = [
  baseUriNoQueryString,
  versionSegment,
  acceptScimJson,
  acceptJson,
  defaultMediaType,
  utf8RoundTrip,
];
