// Byte-level damage to a serialised body: invalid UTF-8 (a lone continuation byte, an overlong form, an
// encoded surrogate, 0xFF), NUL, truncation and duplication. RFC 8259 §8.1 requires UTF-8; a server must
// refuse what is not, rather than store U+FFFD in place of the bytes it was sent.
import fc from "fast-check";

export const invalidUtf8: readonly (readonly number[])[] = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
];

type ByteMutation =
  | { readonly kind: "insert"; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: "flip"; readonly at: number; readonly byte: number }
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "duplicate"; readonly at: number; readonly length: number };

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      bytes: fc.oneof(
        fc.constantFrom(...invalidUtf8),
        fc.constant([0x00]),
        fc.array(fc.nat(255), { minLength: 1, maxLength: 4 }),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.nat(255) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("duplicate" as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
);

export function applyByteMutation(body: Buffer, m: ByteMutation): Buffer {
  const at = body.length === 0 ? 0 : m.at % body.length;
  switch (m.kind) {
    case "insert":
      return Buffer.concat([body.subarray(0, at), Buffer.from(m.bytes), body.subarray(at)]);
    case "flip": {
      const copy = Buffer.from(body);
      if (copy.length > 0) copy[at] = m.byte;
      return copy;
    }
    case "truncate":
      return body.subarray(0, at);
    case "duplicate":
      return Buffer.concat([body.subarray(0, at + m.length), body.subarray(at)]);
  }
}

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}
