// The mutant server's one error type, rendered as an RFC 7644 §3.12 Error body in one place
// (http-handler.ts), like the reference server does it.

export class ScimFailure extends Error {
  readonly status: number;
  readonly scimType: string | undefined;

  constructor(status: number, scimType: string | undefined, detail: string) {
    super(detail);
    this.name = "ScimFailure";
    this.status = status;
    this.scimType = scimType;
  }
}

export const fail = {
  invalidValue: (detail: string) => new ScimFailure(400, "invalidValue", detail),
  invalidSyntax: (detail: string) => new ScimFailure(400, "invalidSyntax", detail),
  invalidFilter: (detail: string) => new ScimFailure(400, "invalidFilter", detail),
  invalidPath: (detail: string) => new ScimFailure(400, "invalidPath", detail),
  noTarget: (detail: string) => new ScimFailure(400, "noTarget", detail),
  mutability: (detail: string) => new ScimFailure(400, "mutability", detail),
  uniqueness: (detail: string) => new ScimFailure(409, "uniqueness", detail),
  notFound: (detail: string) => new ScimFailure(404, undefined, detail),
};
