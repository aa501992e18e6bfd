// Checks of the "etag" area (harness/checks/README.md): RFC 7644 §3.14.
import type { Check } from "../check-context.js";
import {
  etagChanges,
  etagHeader,
  ifMatch,
  ifNoneMatch,
  metaVersion,
  versionEqualsEtag,
  weakPrefix,
} from "./etag.check.js";

export const checks: readonly Check[] = [
  etagHeader,
  metaVersion,
  versionEqualsEtag,
  weakPrefix,
  etagChanges,
  ifNoneMatch,
  ifMatch,
];
