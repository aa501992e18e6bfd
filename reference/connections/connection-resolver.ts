// How a request's credential selects its connection (PingFederate Credentials > Back-Channel
// Authentication: the credential identifies the connection). The HTTP layer only parses the header into a
// PresentedCredential and asks a resolver. The built-in resolver (builtin-connection.ts) serves one
// connection for the pipeline tests; configured-resolver.ts serves the configured connections, TLS client
// certificates included.
import type { AuthenticationScheme, Connection } from "./connection.js";

export type PresentedCredential =
  | { readonly kind: "bearer"; readonly token: string }
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | PresentedCertificate;

/**
 * A TLS client certificate the handshake proved the client holds the key of (TLS CertificateVerify).
 * `authorized`: it chains to one of the CAs the server trusts for clients (--tls-ca), which anchored
 * trust requires; a pinned certificate needs no CA.
 */
export interface PresentedCertificate {
  readonly kind: "certificate";
  readonly der: Uint8Array;
  readonly authorized: boolean;
}

/** The credentials that carry a secret: the ones that cost a hash to check and are cached. */
export type SecretCredential = Exclude<PresentedCredential, PresentedCertificate>;

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
  /**
   * The connection of a credential that was already verified, without verifying anything (no hash);
   * undefined when it is unknown or was refused. Lets a throttled client address keep using a credential
   * it has proved, while guesses from it stop costing scrypt.
   */
  resolveVerified?(credential: PresentedCredential): Authentication | undefined;
  /** Every connection, for shutdown and maintenance. */
  connections(): readonly Connection[];
}
