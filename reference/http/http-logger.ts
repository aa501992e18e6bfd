// The logger the HTTP binding needs, described by the methods it calls (STYLE.md §3) so tests can pass a
// recording fake; pino's Logger satisfies it. Log objects carry ids, methods, paths and statuses only:
// never an Authorization header, a body or a query string (RFC 7644 §7.5.2: personal data in URIs).
export interface HttpLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): HttpLogger;
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: HttpLogger = Object.freeze({
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
});
