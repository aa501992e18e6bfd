// How a request's credential selects its connection (PingFederate Credentials > Back-Channel
// Authentication: the credential identifies the connection). The HTTP layer only parses the header into a
// PresentedCredential and asks a resolver; the built-in resolver serves one connection, and the
// connections issue replaces it with one built from configuration (TLS client certificates included).
import type { AuthenticationScheme, Connection } from "./connection.js";

export type PresentedCredential =
  | { readonly kind: "bearer"; readonly token: string }
  | { readonly kind: "basic"; readonly username: string; readonly password: string };

export interface Authentication {
  readonly connection: Connection;
  /** A stable, non-secret name of the credential that matched, for logs ("builtin:bearer"). */
  readonly credentialId: string;
  /** The User this credential stands for, which /Me aliases (RFC 7644 §3.11); undefined when none is linked. */
  readonly linkedUserId: string | undefined;
}

export interface ConnectionResolver {
  /** What /ServiceProviderConfig advertises and 401 challenges name (RFC 7643 §5, RFC 7235 §4.1). */
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  /** The connection a credential belongs to, or undefined when it matches none (never says why). */
  resolve(credential: PresentedCredential): Promise<Authentication | undefined>;
  /** Every connection, for shutdown and maintenance. */
  connections(): readonly Connection[];
}
