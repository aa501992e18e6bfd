// The error of a mapping expression that failed at run time, in a file of its own: the sandbox throws it
// and the result conversion (expression-result.ts) too, and neither should import the other for it.
/** An expression that failed at run time: a JSONata error code (D1012 …) or one of ours (M…). */
export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
  readonly code: string;
  /** The message without the code. */
  readonly detail: string;
  constructor(code: string, detail: string) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}
