// URL arithmetic relative to the SCIM base URL (RFC 7644 §1.3: every endpoint is relative to it).

/**
 * The path of `url` relative to the base URL ("/Users/x"), or undefined when the URL is on another
 * origin or outside the base path. The query string is dropped.
 */
export function relativePath(baseUrl: string, url: URL | string): string | undefined {
  const base = new URL(baseUrl);
  const target = typeof url === "string" ? new URL(url, `${baseUrl}/`) : url;
  if (target.origin !== base.origin) return undefined;
  const basePath = base.pathname.replace(/\/+$/, "");
  if (target.pathname !== basePath && !target.pathname.startsWith(`${basePath}/`)) return undefined;
  const rest = target.pathname.slice(basePath.length);
  return rest.length === 0 ? "/" : rest;
}

/** The decoded path segments of a relative path. */
export function segmentsOf(path: string): string[] {
  return path
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/**
 * Percent-encodes one path segment but keeps ":" and "@", which RFC 3986 §3.3 allows in a segment:
 * `/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` is how RFC 7644 §4 spells it.
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ":").replace(/%40/gi, "@");
}
