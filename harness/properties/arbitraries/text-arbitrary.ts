// Unicode text for generated string values (RFC 7643 §2.3.1: "A sequence of zero or more Unicode
// characters encoded using UTF-8"). Built from whole grapheme-like units, never lone surrogates (not
// Unicode scalar values, so not text) and never C0/C1 controls (which several stores refuse and RFC 7644
// §5's PRECIS advice excludes from identifiers): Latin, Greek, Cyrillic, right-to-left Hebrew and
// Arabic, CJK, base letters with combining marks, astral-plane emoji and mathematical letters, and the
// characters a filter or JSON must escape (quotation mark, backslash).
import fc from "fast-check";

const fromRange = (from: number, to: number): fc.Arbitrary<string> =>
  fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));

const asciiLetter = fc.oneof(fromRange(0x41, 0x5a), fromRange(0x61, 0x7a));
const digit = fromRange(0x30, 0x39);
const latin1Letter = fromRange(0xc0, 0xff).filter((c) => c !== "\u00d7" && c !== "\u00f7");
const greek = fromRange(0x391, 0x3a9).filter((c) => c !== "\u03a2");
const cyrillic = fromRange(0x410, 0x44f);
const hebrew = fromRange(0x5d0, 0x5ea);
const arabic = fromRange(0x627, 0x64a).filter((c) => c.codePointAt(0) !== 0x640);
const cjk = fromRange(0x4e00, 0x9fff);
const combining = fromRange(0x300, 0x36f);
const astralEmoji = fromRange(0x1f600, 0x1f64f);
const astralMath = fromRange(0x1d400, 0x1d433);
const astralCjk = fromRange(0x20000, 0x2a6df);
const punctuation = fc.constantFrom('"', "\\", "/", "'", "<", "&", "-", "_", ".", "@", "+", " ");

/** A letter followed by one or two combining marks: one grapheme, several code points. */
const withMarks = fc
  .tuple(fc.oneof(asciiLetter, latin1Letter, greek), fc.array(combining, { minLength: 1, maxLength: 2 }))
  .map(([base, marks]) => base + marks.join(""));

/** Any text unit the harness sends in free-text attributes. */
export const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: asciiLetter },
  { weight: 2, arbitrary: digit },
  { weight: 2, arbitrary: punctuation },
  { weight: 1, arbitrary: latin1Letter },
  { weight: 1, arbitrary: greek },
  { weight: 1, arbitrary: cyrillic },
  { weight: 1, arbitrary: hebrew },
  { weight: 1, arbitrary: arabic },
  { weight: 1, arbitrary: cjk },
  { weight: 1, arbitrary: withMarks },
  { weight: 1, arbitrary: astralEmoji },
  { weight: 1, arbitrary: astralMath },
  { weight: 1, arbitrary: astralCjk },
);

/**
 * Units for identifiers such as userName: letters and digits of several scripts plus "-", "_", ".",
 * the RFC 8264 IdentifierClass a PRECIS-minded server accepts (no spaces, symbols or emoji).
 */
export const identifierUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: asciiLetter },
  { weight: 3, arbitrary: digit },
  { weight: 1, arbitrary: fc.constantFrom("-", "_", ".") },
  { weight: 1, arbitrary: latin1Letter },
  { weight: 1, arbitrary: greek },
  { weight: 1, arbitrary: cyrillic },
  { weight: 1, arbitrary: cjk },
);

export interface TextOptions {
  readonly minLength?: number;
  /** In units (graphemes). */
  readonly maxLength: number;
  readonly unit?: fc.Arbitrary<string>;
}

/**
 * Text of 1..maxLength units, biased to the edges: exactly one unit and exactly `maxLength` units are
 * generated often. Leading and trailing spaces are replaced by "_": many stores trim them, and RFC 7643
 * says nothing either way, so a trim is not something the harness should provoke.
 */
export function textArbitrary(options: TextOptions): fc.Arbitrary<string> {
  const unit = options.unit ?? textUnit;
  const min = Math.max(1, options.minLength ?? 1);
  const max = Math.max(min, options.maxLength);
  const exactly = (n: number) => fc.array(unit, { minLength: n, maxLength: n }).map((u) => u.join(""));
  return fc
    .oneof(
      { weight: 1, arbitrary: exactly(min) },
      { weight: 1, arbitrary: exactly(max) },
      { weight: 4, arbitrary: fc.array(unit, { minLength: min, maxLength: max }).map((u) => u.join("")) },
    )
    .map((s) => s.replace(/^ +| +$/g, (m) => "_".repeat(m.length)));
}
