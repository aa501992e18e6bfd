// Checks of the "me" area (harness/checks/README.md): RFC 7644 §3.11.
import type { Check } from "../check-context.js";
import { meLocation, meSubject, meUnsupported } from "./me.check.js";

export const checks: readonly Check[] = [meSubject, meLocation, meUnsupported];
