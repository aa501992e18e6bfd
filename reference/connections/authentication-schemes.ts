// The RFC 7643 §5 `authenticationSchemes` entries the server can advertise, and the list one set of
// credentials implies (bearer first: it is what Entra ID and Okta send). TLS client certificates have no
// type among §5's canonical values and no HTTP challenge, so they are not listed.
import type { AuthenticationScheme } from "./connection.js";

export const bearerScheme: AuthenticationScheme = Object.freeze({
  type: "oauthbearertoken",
  name: "OAuth Bearer Token",
  description: "A bearer token in the Authorization header (RFC 6750), as Entra ID and Okta send it",
  specUri: "https://www.rfc-editor.org/rfc/rfc6750",
});

export const basicScheme: AuthenticationScheme = Object.freeze({
  type: "httpbasic",
  name: "HTTP Basic",
  description: "HTTP Basic authentication (RFC 7617), PingFederate's back-channel credential",
  specUri: "https://www.rfc-editor.org/rfc/rfc7617",
});

/** The schemes for credentials of these kinds, the first one marked primary. */
export function schemesFor(kinds: {
  readonly bearer: boolean;
  readonly basic: boolean;
}): readonly AuthenticationScheme[] {
  const schemes = [...(kinds.bearer ? [bearerScheme] : []), ...(kinds.basic ? [basicScheme] : [])];
  return Object.freeze(schemes.map((s, i) => Object.freeze({ ...s, primary: i === 0 })));
}
