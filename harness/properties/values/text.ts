// String semantics under the caseExact characteristic (RFC 7643 §2.3.1, §7). RFC 7643 does not say
// which case mapping or normalisation a server uses, so where reasonable readings disagree the answer
// is "unknown" and the harness accepts either behaviour: canonically equivalent strings (NFC) are the
// same text, and case-insensitive equality or order holds when lower-casing and upper-casing agree, with
// and without normalising again after the case mapping.

export type Tri = boolean | "unknown";
export type Ordering = -1 | 0 | 1;

export function nfc(text: string): string {
  return text.normalize("NFC");
}

/** Code point order (RFC 7644 §3.4.2.3 "Unicode alphabetic sort order"), not UTF-16 code units. */
export function compareCodePoints(a: string, b: string): Ordering {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function agree<T>(a: T, b: T): T | "unknown" {
  return a === b ? a : "unknown";
}

/** The one answer all readings give, or "unknown" when any two differ. */
function agreeAll<T>(answers: readonly (T | "unknown")[]): T | "unknown" {
  const [first, ...rest] = answers;
  if (first === undefined) return "unknown";
  return rest.every((answer) => answer === first) ? first : "unknown";
}

/**
 * Case-insensitive readings of a pair: lower- or upper-cased, and normalised again afterwards or not. Case
 * mapping can undo NFC: "Α͂" (U+0391 U+0342) lower-cases to α + U+0342, which NFC composes into U+1FB6,
 * so a server that normalises after folding sorts it after Arabic, one that does not before it.
 */
function caseReadings(x: string, y: string): [string, string][] {
  const lower: [string, string] = [x.toLowerCase(), y.toLowerCase()];
  const upper: [string, string] = [x.toUpperCase(), y.toUpperCase()];
  return [lower, upper, [nfc(lower[0]), nfc(lower[1])], [nfc(upper[0]), nfc(upper[1])]];
}

/**
 * The same question under raw and NFC-normalised text: a server may or may not normalise, so a
 * difference that normalisation alone makes is "unknown".
 */
function bothForms<T>(a: string, b: string, question: (x: string, y: string) => T): T | "unknown" {
  return agree(question(a, b), question(nfc(a), nfc(b)));
}

/** Equality of two strings; caseExact=false compares case-insensitively. */
export function textEquals(a: string, b: string, caseExact: boolean): Tri {
  return bothForms(a, b, (x, y) => {
    if (x === y) return true;
    if (caseExact) return false;
    return agreeAll(caseReadings(x, y).map(([p, q]) => p === q));
  }) as Tri;
}

/** `a` contains / starts with / ends with `b` (RFC 7644 §3.4.2.2 co, sw, ew). */
export function textMatch(op: "co" | "sw" | "ew", a: string, b: string, caseExact: boolean): Tri {
  const test = (x: string, y: string): boolean =>
    op === "co" ? x.includes(y) : op === "sw" ? x.startsWith(y) : x.endsWith(y);
  return bothForms(a, b, (x, y) => {
    if (caseExact) return test(x, y);
    return agreeAll(caseReadings(x, y).map(([p, q]) => test(p, q)));
  }) as Tri;
}

/**
 * Lexicographic order (RFC 7644 §3.4.2.2 gt/ge/lt/le; §3.4.2.3 sorting). Code point order is the
 * reading; UTF-16 code unit order (what many runtimes do) is tolerated where it differs, and for
 * caseExact=false the lower- and upper-cased orders, normalised again or not, must agree.
 */
export function textOrder(a: string, b: string, caseExact: boolean): Ordering | "unknown" {
  const readings = (x: string, y: string): Ordering | "unknown" => {
    const byPoint = compareCodePoints(x, y);
    const byUnit: Ordering = x === y ? 0 : x < y ? -1 : 1;
    return agree(byPoint, byUnit);
  };
  const order = (x: string, y: string): Ordering | "unknown" => {
    if (caseExact) return readings(x, y);
    return agreeAll(caseReadings(x, y).map(([p, q]) => readings(p, q)));
  };
  const raw = order(a, b);
  const normal = order(nfc(a), nfc(b));
  return raw === "unknown" || normal === "unknown" ? "unknown" : agree(raw, normal);
}
