// Values for the core User attributes whose RFC 7643 §4.1 definitions name a format. A server may
// validate these, and a refusal of a malformed e-mail address is no conformance failure, so the harness
// sends well-formed values there and free Unicode text everywhere else. Keyed by the attribute path of
// the core User schema; custom extensions have URN-qualified paths and never match.
import fc from "fast-check";
import { identifierUnit, textArbitrary } from "./text-arbitrary.js";

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:user";

const local = textArbitrary({
  maxLength: 12,
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
});

const hints: Record<string, fc.Arbitrary<string>> = {
  // §4.1.2 emails: "SHOULD be specified according to [RFC5321]"; example.org is RFC 2606 reserved.
  "emails.value": local.map((l) => `${l}@example.org`),
  // §4.1.2 phoneNumbers: "SHOULD be specified according to the format defined in [RFC3966]".
  "phonenumbers.value": fc
    .integer({ min: 0, max: 9999 })
    .map((n) => `tel:+1-201-555-${String(n).padStart(4, "0")}`),
  // §4.1.2 photos and §4.1.1 profileUrl: URLs.
  "photos.value": local.map((l) => `https://example.org/photos/${l}.jpg`),
  profileurl: local.map((l) => `https://example.org/people/${l}`),
  // §4.1.2 addresses.country: "ISO 3166-1 "alpha-2" code format".
  "addresses.country": fc.constantFrom("US", "DE", "FR", "JP", "BR", "IL", "IN"),
  // §4.1.1 locale and preferredLanguage: language tags (RFC 5646, RFC 7231 Accept-Language).
  locale: fc.constantFrom("en-US", "fr-CA", "de-DE", "ja-JP", "he-IL"),
  preferredlanguage: fc.constantFrom("en-US", "da, en-gb;q=0.8, en;q=0.7", "fr", "ja-JP"),
  // §4.1.1 timezone: "in the 'Olson' time zone database format".
  timezone: fc.constantFrom("America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "Australia/Adelaide"),
  // §4.1.1 userName is an identifier; the uniqueness slot prefixes it with the run's tag.
  username: textArbitrary({ maxLength: 12, unit: identifierUnit }),
  // ims values are handles, emails-like is safest across IM schemes.
  "ims.value": local,
};

/** A format-aware arbitrary for `path` of a type whose base schema is the core User, if one applies. */
export function formatHint(baseSchema: string, path: string): fc.Arbitrary<string> | undefined {
  if (baseSchema.toLowerCase() !== userUrn) return undefined;
  return hints[path.toLowerCase()];
}
