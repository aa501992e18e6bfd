// What every refusal of a SCIM request must look like (RFC 7644 §3.12): the Error schema URN, `status`
// as a string equal to the HTTP status, a `scimType` from Table 9 (or RFC 9865 §5) when present, a
// detail a person can act on, the SCIM media type (§8.1), and the headers the status needs:
// WWW-Authenticate on 401 (RFC 7235 §4.1), Allow on 405 (RFC 7231 §6.5.5), Retry-After on 429 and 503
// (RFC 6585 §4, RFC 7231 §7.1.3). Returns the problems found, [] for a valid error.
import { scimTypes } from "../../../reference/protocol/errors/scim-error.js";

export const errorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";

export interface ErrorLike {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
}

const requiredHeaders: Readonly<Record<number, string>> = {
  401: "www-authenticate",
  405: "allow",
  429: "retry-after",
  503: "retry-after",
};

export function scimErrorProblems(response: ErrorLike, method: string): string[] {
  const problems: string[] = [];
  const header = requiredHeaders[response.status];
  if (header !== undefined && !response.headers[header]) problems.push(`no ${header} header`);
  // HEAD answers carry the headers of the GET answer and no body (RFC 7231 §4.3.2).
  if (method.toUpperCase() === "HEAD") return problems;
  const type = response.headers["content-type"] ?? "";
  if (!/^application\/scim\+json\b/i.test(type)) problems.push(`content-type is ${JSON.stringify(type)}`);
  const text = Buffer.isBuffer(response.body) ? response.body.toString("utf8") : response.body;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body is not JSON: ${JSON.stringify(text.slice(0, 120))}`];
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return [...problems, "body is not an object"];
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(errorUrn))
    problems.push(`schemas is ${JSON.stringify(b.schemas)}`);
  if (b.status !== String(response.status))
    problems.push(`status is ${JSON.stringify(b.status)}, not "${response.status}"`);
  if (b.scimType !== undefined && !(scimTypes as readonly unknown[]).includes(b.scimType))
    problems.push(`scimType ${JSON.stringify(b.scimType)} is not one of RFC 7644 Table 9`);
  const detail = b.detail;
  if (typeof detail !== "string" || detail.trim().length < 8)
    problems.push(`detail is ${JSON.stringify(detail)}`);
  else if (/\[object Object\]|\n\s+at |Error: /.test(detail))
    problems.push(`detail leaks internals: ${detail.slice(0, 200)}`);
  return problems;
}
