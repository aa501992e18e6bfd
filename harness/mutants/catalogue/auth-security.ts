// Mutants: Authentication and security (RFC 7644 §2, §3.12, §5, §7).
import type { Mutant } from "../mutant.js";

export const authSecurityMutants: readonly Mutant[] = [
  {
    id: "plain-http-remote",
    breaks: "the service is offered over plain HTTP on a non-loopback host (RFC 7644 §7.1)",
    quirks: [],
    baseUrl: "http://scim.mutant.test/scim/v2",
    changes: {
      "security.tls.required": "fail",
    },
  },
  {
    id: "no-authentication",
    breaks: "every endpoint answers without credentials (RFC 7644 §2)",
    quirks: ["authDisabled"],
    changes: {
      "auth.unauthenticated.no-credentials": "warn",
      "auth.unauthenticated.unknown-token": "warn",
      "auth.unauthenticated.malformed-header": "warn",
      "auth.www-authenticate.on-401": "skip",
      "auth.error-body.on-401": "skip",
    },
  },
  {
    id: "no-www-authenticate",
    breaks: "401 without WWW-Authenticate (RFC 7644 §2, RFC 7235 §3.1)",
    quirks: ["noWwwAuthenticate"],
    changes: {
      "auth.www-authenticate.on-401": "fail",
    },
  },
  {
    id: "plain-text-401",
    breaks: "401 bodies are text, not SCIM errors (RFC 7644 §3.12)",
    quirks: ["unauthorizedPlainText"],
    changes: {
      "auth.error-body.on-401": "fail",
      "interop.okta.invalid-token-401": "fail",
    },
  },
  {
    id: "spc-needs-auth",
    breaks: "the ServiceProviderConfig needs credentials (RFC 7643 §5)",
    quirks: ["spcNeedsAuth"],
    changes: {
      "auth.spc.public": "warn",
    },
  },
  {
    id: "no-precis",
    breaks: "userName uniqueness skips PRECIS width mapping (RFC 7644 §5)",
    quirks: ["noPrecis"],
    changes: {
      "security.precis.user-name-duplicates": "fail",
    },
  },
  {
    id: "token-echoed",
    breaks: "401 details echo the bearer token (RFC 7644 §7.7)",
    quirks: ["echoTokenInError"],
    changes: {
      "security.errors.no-secrets-echoed": "warn",
    },
  },
];
