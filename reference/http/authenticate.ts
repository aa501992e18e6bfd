// Authenticates every SCIM request and resolves its connection (PingFederate: the back-channel credential
// selects the IdP connection). Parses `Authorization: Bearer …` (RFC 6750 §2.1) and `Basic …` (RFC 7617);
// anything missing or wrong is 401 with one challenge per scheme the server accepts (RFC 7235 §4.1),
// `error="invalid_token"` when a bearer token was presented and refused (RFC 6750 §3.1). The detail never
// says which part was wrong, so a 401 does not reveal whether a username exists.
import type Koa from "koa";
import type { AuthenticationScheme } from "../connections/connection.js";
import type { ConnectionResolver, PresentedCredential } from "../connections/connection-resolver.js";
import { ScimError } from "../protocol/errors/scim-error.js";
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

export function challenges(schemes: readonly AuthenticationScheme[], invalidBearer: boolean): string {
  const list = schemes.map((s) =>
    s.type === "oauthbearertoken"
      ? `Bearer realm="${realm}"${invalidBearer ? ', error="invalid_token"' : ""}`
      : `Basic realm="${realm}", charset="UTF-8"`,
  );
  return list.join(", ");
}

export function authenticate(resolver: ConnectionResolver): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    const credential = presentedCredential(ctx.get("Authorization") || undefined);
    const auth = credential === undefined ? undefined : await resolver.resolve(credential);
    if (auth === undefined) {
      const detail =
        credential === undefined
          ? "Authentication required: send a bearer token or HTTP Basic credentials."
          : "The credentials were not accepted.";
      throw new ScimError(401, undefined, detail, {
        "WWW-Authenticate": challenges(resolver.authenticationSchemes, credential?.kind === "bearer"),
      });
    }
    ctx.state.auth = auth;
    await next();
  };
}
