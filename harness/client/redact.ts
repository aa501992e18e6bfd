// Secrets never reach a report (brief: "never log secrets, passwords or bearer tokens"). Everything
// the recorder stores passes through here: credential headers by name, `password` values by attribute
// name (also inside PATCH operations and Bulk data), and any configured secret wherever it appears,
// because a hostile or careless server may echo a token back in a body or a header.

export const redacted = "[REDACTED]";

/** Header names whose values are credentials (compared lower-case). */
const secretHeaders = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** `password`, or a URN-qualified one such as `urn:…:core:2.0:User:password` (RFC 7643 §4.1.1, §3.3). */
function isPasswordName(name: string): boolean {
  return /(^|[.:])password$/i.test(name);
}

export class Redactor {
  readonly #secrets: string[];
  readonly #extraHeaders: Set<string>;

  /**
   * @param secrets literal values to blank wherever they appear (tokens, passwords, encoded Basic
   *   credentials); values shorter than 4 characters are ignored so that "a" does not blank every "a".
   * @param extraHeaders more header names to redact, e.g. those given with `--header`.
   */
  constructor(secrets: readonly string[] = [], extraHeaders: readonly string[] = []) {
    this.#secrets = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
    this.#extraHeaders = new Set(extraHeaders.map((h) => h.toLowerCase()));
  }

  /** A copy that also knows `secrets` (per-request credential overrides). */
  with(secrets: readonly string[]): Redactor {
    return new Redactor([...this.#secrets, ...secrets], [...this.#extraHeaders]);
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.#secrets) out = out.split(secret).join(redacted);
    // A password in a JSON text we could not parse (raw mode, malformed or truncated bodies).
    return out.replace(/("(?:[^"\\]*[.:])?password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${redacted}"`);
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      out[name] = secretHeaders.has(lower) || this.#extraHeaders.has(lower) ? redacted : this.text(value);
    }
    return out;
  }

  /** A deep copy of a JSON value with password values and configured secrets blanked. */
  body(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.body(item));
    if (typeof value !== "object" || value === null) return value;
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // A PATCH operation (RFC 7644 §3.5.2) whose path targets the password carries it in `value`.
    const patchesPassword = typeof object.path === "string" && /(^|[.:])password(\b|$)/i.test(object.path);
    for (const [key, item] of Object.entries(object)) {
      if (isPasswordName(key) || (patchesPassword && key.toLowerCase() === "value")) out[key] = redacted;
      else out[key] = this.body(item);
    }
    return out;
  }
}
