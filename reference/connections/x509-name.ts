// The issuer and subject names of an X.509 certificate, read from its DER encoding (RFC 5280 §4.1: the
// TBSCertificate holds version, serialNumber, signature, issuer, validity, subject in that order). Node's
// X509Certificate only offers the names as display strings, which lose multi-valued RDNs and escape values
// in OpenSSL's own way; reading the DER keeps each RDN and AVA, so anchored trust compares names exactly
// (distinguished-name.ts). Only the few DER shapes a Name uses are decoded.
import type { Ava, Dn, Rdn } from "./distinguished-name.js";

interface Tlv {
  readonly tag: number;
  /** The whole element (tag, length and content). */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

export class DerError extends Error {
  override readonly name = "DerError";
}

function readTlv(der: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new DerError("truncated element");
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    // DER uses the shortest length form; four octets already describe 4 GiB.
    if (octets === 0 || octets > 4 || contentStart + octets > limit) throw new DerError("bad length");
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[contentStart + i] as number);
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError("element overruns its container");
  return { tag, start: offset, contentStart, end };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const list: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(der, at, parent.end);
    list.push(child);
    at = child.end;
  }
  return list;
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join(".");
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** A directory string's text (RFC 5280 §4.1.2.4); other encodings as RFC 4514 §2.4 `#hex` of the element. */
function decodeValue(der: Uint8Array, value: Tlv): string {
  const content = der.subarray(value.contentStart, value.end);
  switch (value.tag) {
    case 0x0c: // UTF8String
      return Buffer.from(content).toString("utf8");
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString, in practice Latin-1
      return Buffer.from(content).toString("latin1");
    case 0x1e: // BMPString: UTF-16 big-endian
      return Buffer.from(content).swap16().toString("utf16le");
    case 0x1c: {
      // UniversalString: UTF-32 big-endian
      const points: number[] = [];
      for (let i = 0; i + 4 <= content.length; i += 4)
        points.push(new DataView(content.buffer, content.byteOffset + i, 4).getUint32(0));
      return String.fromCodePoint(...points);
    }
    default:
      return `#${hex(der.subarray(value.start, value.end))}`;
  }
}

function readName(der: Uint8Array, name: Tlv): Dn {
  if (name.tag !== 0x30) throw new DerError("a Name is not a SEQUENCE");
  return children(der, name).map((set): Rdn => {
    if (set.tag !== 0x31) throw new DerError("an RDN is not a SET");
    return children(der, set).map((atv): Ava => {
      const [type, value] = children(der, atv);
      if (atv.tag !== 0x30 || type?.tag !== 0x06 || value === undefined)
        throw new DerError("an AttributeTypeAndValue is malformed");
      return { type: decodeOid(der.subarray(type.contentStart, type.end)), value: decodeValue(der, value) };
    });
  });
}

/** The issuer and subject of a DER certificate; throws DerError when it is not one. */
export function certificateNames(der: Uint8Array): { readonly issuer: Dn; readonly subject: Dn } {
  const certificate = readTlv(der, 0, der.length);
  const tbs = children(der, certificate)[0];
  if (certificate.tag !== 0x30 || tbs?.tag !== 0x30) throw new DerError("not a certificate");
  const fields = children(der, tbs);
  // [0] EXPLICIT version is optional (absent means v1).
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = fields[offset + 2];
  const subject = fields[offset + 4];
  if (issuer === undefined || subject === undefined) throw new DerError("the TBSCertificate is too short");
  return { issuer: readName(der, issuer), subject: readName(der, subject) };
}
