// What one fuzz case is (a request template whose "@user:N"-style placeholders the runner fills with ids
// that exist when it runs, fuzz-runner.ts), and the pieces every family of cases shares: targets,
// credentials and content types.
import fc from "fast-check";

export const families = ["body", "filter", "patchPath", "query", "headers", "raw", "extreme"] as const;
export type Family = (typeof families)[number];

/** Which credential the case sends: a demo connection's, none, or a broken/forged header. */
export type AuthChoice = "directory" | "directoryBasic" | "hr" | "none" | { readonly raw: string };

export interface FuzzCase {
  readonly family: Family;
  readonly method: string;
  /** Relative to the SCIM base path unless it starts with "!" (then sent as the whole request target). */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly auth: AuthChoice;
  readonly body?: Buffer;
  readonly contentLength?: boolean;
}

export const userTarget = fc.oneof(
  { weight: 8, arbitrary: fc.nat(40).map((n) => `/Users/@user:${n}`) },
  { weight: 1, arbitrary: fc.nat(5).map((n) => `/Users/@hr:${n}`) },
  { weight: 1, arbitrary: fc.constantFrom("/Users/does-not-exist", "/Users/.search", "/Users/%00", "/Me") },
);
export const groupTarget = fc.oneof(
  { weight: 8, arbitrary: fc.nat(40).map((n) => `/Groups/@group:${n}`) },
  { weight: 1, arbitrary: fc.constantFrom("/Groups/@user:0", "/Groups/missing", "/Groups/@hr:0") },
);
export const anyTarget = fc.oneof(
  userTarget,
  groupTarget,
  fc.constantFrom(
    "/Users",
    "/Groups",
    "/",
    "/Bulk",
    "/.search",
    "/Users/.search",
    "/Me",
    "/Schemas",
    "/ResourceTypes/User",
    "/ServiceProviderConfig",
    "/Unknown",
    "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
  ),
);

export const authArb: fc.Arbitrary<AuthChoice> = fc.oneof(
  { weight: 80, arbitrary: fc.constant("directory" as const) },
  { weight: 5, arbitrary: fc.constant("directoryBasic" as const) },
  { weight: 7, arbitrary: fc.constant("hr" as const) },
  { weight: 3, arbitrary: fc.constant("none" as const) },
  {
    weight: 5,
    arbitrary: fc
      .constantFrom(
        "Bearer wrong-token",
        "Bearer",
        "Bearer  a b c",
        "bearer \u00ff\u00fe",
        "Basic !!!",
        `Basic ${Buffer.from("no-colon").toString("base64")}`,
        `Basic ${Buffer.from("hr-scim:").toString("base64")}`,
        `Basic ${Buffer.from(":").toString("base64")}`,
        "Digest username=x",
        `Bearer ${"t".repeat(8000)}`,
        "Negotiate",
        "Basic",
      )
      .map((raw) => ({ raw })),
  },
);

export const contentTypeArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/scim+json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json",
      "application/scim+json; charset=utf-8",
      'application/json; charset="UTF-8"',
      "",
      "APPLICATION/SCIM+JSON",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "text/plain",
      "application/scim+json; charset=latin1",
      "application/json; charset=utf-16",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "a/b/c",
      "application/scim+json;;;",
      "application/xml",
      "\u00ff/\u00fe",
      "application/scim+json; charset=",
    ),
  },
);

export function withContentType(type: string): (readonly [string, string])[] {
  return type === "" ? [] : [["Content-Type", type]];
}
