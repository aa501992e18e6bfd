// Checks of the "security" area (harness/checks/README.md): RFC 7644 §7 as far as a black box shows it.
import type { Check } from "../check-context.js";
import { noSecretsInErrors, precisUserName } from "./credentials.check.js";
import { tls12, tlsRequired } from "./tls.check.js";

export const checks: readonly Check[] = [tlsRequired, tls12, precisUserName, noSecretsInErrors];
