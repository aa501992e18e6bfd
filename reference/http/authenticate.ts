// Authenticates every SCIM request and resolves its connection (PingFederate: the back-channel credential
// selects the IdP connection). Credentials: `Authorization: Bearer …` (RFC 6750 §2.1), `Basic …`
// (RFC 7617), or a TLS client certificate when no Authorization header is sent. The header decides when
// both are present, so a refused header is never rescued by a certificate.
// - Missing: a request the `anonymous` option names (GET /ServiceProviderConfig, so a client can learn how to
//   authenticate: RFC 7643 §5) goes on without a connection; any other request is refused as below.
// - Missing or refused: 401 with one challenge per scheme the server accepts (RFC 7235 §4.1),
//   `error="invalid_token"` when a bearer token was refused (RFC 6750 §3.1). The detail never says which
//   part was wrong, and an unknown Basic username costs the same scrypt as a wrong password
//   (credential-verifier.ts), so nothing reveals whether a username exists.
// - Too many refusals from one address: 429 with Retry-After (failure-throttle.ts), decided before any
//   hash is computed; a credential already verified still passes.
// - `requireSsl` (PingFederate: "incoming HTTP transmissions must use a secure channel") on plain HTTP:
//   403 with a SCIM error. The credential is checked first, so the 403 only ever reaches a client that
//   holds a valid credential and reveals nothing to others. 403 because the request is understood and
//   authenticated but refused (RFC 7231 §6.5.3; RFC 7644 §3.12 uses 403 for "not permitted"); RFC 7644
//   §7.2 and §7.4 require TLS for SCIM and for bearer tokens.
import type { TLSSocket } from "node:tls";
import type Koa from "koa";
import type { AuthenticationScheme } from "../connections/connection.js";
import type {
  Authentication,
  ConnectionResolver,
  PresentedCertificate,
  PresentedCredential,
} from "../connections/connection-resolver.js";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { FailureThrottle } from "./failure-throttle.js";
import type { ScimState } from "./scim-state.js";

export const realm = "scim";

/** undefined when there is no usable credential in the header. */
export function presentedCredential(header: string | undefined): PresentedCredential | undefined {
  if (header === undefined) return undefined;
  const match = /^([A-Za-z]+)\s+(\S+)\s*$/.exec(header);
  if (match === null) return undefined;
  const scheme = (match[1] ?? "").toLowerCase();
  const value = match[2] ?? "";
  if (scheme === "bearer") return { kind: "bearer", token: value };
  if (scheme !== "basic") return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // RFC 7617 §2: the user-id cannot contain a colon; the password may.
  if (colon < 0) return undefined;
  return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The client certificate of a TLS request, when the client sent one (the server asks but never requires). */
export function presentedCertificate(
  ctx: Koa.Context | Koa.ParameterizedContext<ScimState>,
): PresentedCertificate | undefined {
  const socket = ctx.req.socket as Partial<TLSSocket>;
  if (socket.encrypted !== true || typeof socket.getPeerCertificate !== "function") return undefined;
  const peer = socket.getPeerCertificate();
  // An empty object when no certificate was sent.
  if (peer === null || peer.raw === undefined) return undefined;
  return { kind: "certificate", der: peer.raw, authorized: socket.authorized === true };
}

export function challenges(schemes: readonly AuthenticationScheme[], invalidBearer: boolean): string {
  const list = schemes.map((s) =>
    s.type === "oauthbearertoken"
      ? `Bearer realm="${realm}"${invalidBearer ? ', error="invalid_token"' : ""}`
      : `Basic realm="${realm}", charset="UTF-8"`,
  );
  return list.join(", ");
}

export function tooManyFailures(retryAfter: number): ScimError {
  return new ScimError(
    429,
    undefined,
    `Too many refused credentials from this address; retry after ${retryAfter} seconds.`,
    { "Retry-After": String(retryAfter) },
  );
}

export interface AuthenticateOptions {
  /**
   * Requests that may go on without any credential, `ctx.state.auth` left unset. Only an absent
   * credential qualifies: a header or certificate that is sent is verified, and refused with 401 when
   * wrong, so a client with a bad credential always learns it.
   */
  readonly anonymous?: (ctx: Koa.ParameterizedContext<ScimState>) => boolean;
}

export function authenticate(
  resolver: ConnectionResolver,
  throttle?: FailureThrottle,
  options: AuthenticateOptions = {},
): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    const header = ctx.get("Authorization") || undefined;
    const credential = header === undefined ? presentedCertificate(ctx) : presentedCredential(header);
    // An empty Authorization header still counts as sent: only a request that carries none is anonymous.
    const nothingSent = ctx.headers.authorization === undefined && credential === undefined;
    if (nothingSent && options.anonymous?.(ctx) === true) {
      await next();
      return;
    }
    const refuse = (detail: string) =>
      new ScimError(401, undefined, detail, {
        "WWW-Authenticate": challenges(resolver.authenticationSchemes, credential?.kind === "bearer"),
      });
    if (credential === undefined) {
      // Nothing was guessed, so nothing is charged to the throttle.
      throw refuse("Authentication required: send a bearer token or HTTP Basic credentials.");
    }
    let auth: Authentication | undefined;
    const wait = throttle?.retryAfter(ctx.ip);
    if (wait !== undefined) {
      auth = resolver.resolveVerified?.(credential);
      if (auth === undefined) throw tooManyFailures(wait);
    }
    auth ??= await resolver.resolve(credential);
    if (auth === undefined) {
      // Certificates cannot be guessed and cost no hash; only secrets are charged.
      if (credential.kind !== "certificate") throttle?.fail(ctx.ip);
      throw refuse("The credentials were not accepted.");
    }
    if (auth.connection.requireSsl === true && !ctx.secure) {
      ctx.state.auth = auth;
      throw new ScimError(
        403,
        undefined,
        "This connection requires HTTPS (requireSsl); send the request over TLS, and change this credential: it crossed the network in clear.",
      );
    }
    ctx.state.auth = auth;
    await next();
  };
}
