// Distinguished names as PingFederate's anchored client-certificate trust compares them
// (`verificationSubjectDN`, `verificationIssuerDN`): as names, not strings. "CN=Client, O=Example" and
// "cn=client,o=example" are the same DN; "O=Example,CN=Client" is not (RDN order matters, RFC 4514 §2.1).
//
// Written forms accepted in configuration:
// - RFC 4514 strings (`CN=client,O=Example Corp`), most specific RDN first, which is the reverse of the
//   certificate's ASN.1 order (§2.1); `openssl x509 -noout -subject -nameopt RFC2253` prints this form;
// - OpenSSL's slash form (`/O=Example Corp/CN=client`), ASN.1 order as written (`openssl x509 -subject`
//   with `-nameopt compat`).
// Values compare after RFC 4518-style preparation: Unicode NFKC, insignificant spaces removed and inner
// runs collapsed, case folded (caseIgnoreMatch, which every usual DN attribute uses, RFC 4519). Types
// compare by OID, so `E`, `email` and `emailAddress` are one type.

/** One attribute type and value; `type` is the OID in dotted form. */
export interface Ava {
  readonly type: string;
  readonly value: string;
}
/** A relative distinguished name: one or more AVAs (`+` joins them in RFC 4514). */
export type Rdn = readonly Ava[];
/** RDNs in ASN.1 order: the root (C, O, DC=com) first, as a certificate holds them. */
export type Dn = readonly Rdn[];

const shortNames: Readonly<Record<string, string>> = {
  cn: "2.5.4.3",
  sn: "2.5.4.4",
  serialnumber: "2.5.4.5",
  c: "2.5.4.6",
  l: "2.5.4.7",
  st: "2.5.4.8",
  s: "2.5.4.8",
  street: "2.5.4.9",
  o: "2.5.4.10",
  ou: "2.5.4.11",
  title: "2.5.4.12",
  businesscategory: "2.5.4.15",
  postalcode: "2.5.4.17",
  givenname: "2.5.4.42",
  gn: "2.5.4.42",
  initials: "2.5.4.43",
  generationqualifier: "2.5.4.44",
  dnqualifier: "2.5.4.46",
  pseudonym: "2.5.4.65",
  organizationidentifier: "2.5.4.97",
  dc: "0.9.2342.19200300.100.1.25",
  uid: "0.9.2342.19200300.100.1.1",
  emailaddress: "1.2.840.113549.1.9.1",
  email: "1.2.840.113549.1.9.1",
  e: "1.2.840.113549.1.9.1",
};

/** The usual short name of an OID, for messages ("CN=…"); the OID itself when it has none. */
const namesByOid: ReadonlyMap<string, string> = new Map([
  ["2.5.4.3", "CN"],
  ["2.5.4.4", "SN"],
  ["2.5.4.5", "serialNumber"],
  ["2.5.4.6", "C"],
  ["2.5.4.7", "L"],
  ["2.5.4.8", "ST"],
  ["2.5.4.9", "STREET"],
  ["2.5.4.10", "O"],
  ["2.5.4.11", "OU"],
  ["2.5.4.12", "title"],
  ["2.5.4.42", "GN"],
  ["0.9.2342.19200300.100.1.25", "DC"],
  ["0.9.2342.19200300.100.1.1", "UID"],
  ["1.2.840.113549.1.9.1", "emailAddress"],
] as const);

export class DnSyntaxError extends Error {
  override readonly name = "DnSyntaxError";
}

function typeOid(raw: string): string {
  const name = raw.trim();
  const dotted = /^(?:oid\.)?(\d+(?:\.\d+)+)$/i.exec(name);
  if (dotted?.[1] !== undefined) return dotted[1];
  const oid = shortNames[name.toLowerCase()];
  if (oid === undefined)
    throw new DnSyntaxError(`unknown attribute type "${name}" (use CN, O, OU, C, DC… or a dotted OID)`);
  return oid;
}

const specials = new Set([",", "+", '"', "\\", "<", ">", ";", "=", "#", " ", "/"]);

/** RFC 4514 §3 value unescaping: `\` + special character or `\` + two hex digits (one UTF-8 byte). */
function unescapeValue(text: string): string {
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = () => {
    if (bytes.length > 0) out.push(Buffer.from(bytes.splice(0)).toString("utf8"));
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== "\\") {
      flush();
      out.push(ch);
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined || !specials.has(next)) throw new DnSyntaxError(`bad escape "\\${next ?? ""}"`);
    flush();
    out.push(next);
    i += 1;
  }
  flush();
  return out.join("");
}

/** Splits on unescaped separators (a backslash escapes the next character). */
function splitUnescaped(text: string, separators: ReadonlySet<string>): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\\") {
      current += ch + (text[i + 1] ?? "");
      i += 1;
    } else if (separators.has(ch)) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function parseAva(text: string): Ava {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new DnSyntaxError(`"${text.trim()}" is not TYPE=value`);
  const type = typeOid(text.slice(0, eq));
  // Unescaped leading and trailing spaces are not part of the value (RFC 4514 §2.4 escapes the significant ones).
  let raw = text.slice(eq + 1).replace(/^ +/, "");
  while (raw.endsWith(" ") && !raw.endsWith("\\ ")) raw = raw.slice(0, -1);
  if (raw.startsWith("#")) {
    if (!/^#(?:[0-9a-fA-F]{2})+$/.test(raw)) throw new DnSyntaxError(`bad hex value "${raw}"`);
    return { type, value: raw.toLowerCase() };
  }
  return { type, value: unescapeValue(raw) };
}

function parseRdn(text: string): Rdn {
  if (text.trim() === "") throw new DnSyntaxError("an empty RDN");
  return splitUnescaped(text, new Set(["+"])).map(parseAva);
}

/**
 * Parses a configured DN (RFC 4514 string or OpenSSL slash form) into ASN.1 order. Throws DnSyntaxError
 * with a message that names the problem; callers turn it into a configuration issue.
 */
export function parseDn(text: string): Dn {
  const trimmed = text.trim();
  if (trimmed === "") throw new DnSyntaxError("the DN is empty");
  if (trimmed.startsWith("/")) {
    return splitUnescaped(trimmed.slice(1), new Set(["/"])).map(parseRdn);
  }
  // RFC 4514 lists the most specific RDN first; RFC 2253 also allowed ";" between RDNs.
  return splitUnescaped(trimmed, new Set([",", ";"]))
    .map(parseRdn)
    .reverse();
}

/** RFC 4518-style preparation for caseIgnoreMatch: NFKC, spaces trimmed and collapsed, case folded. */
export function prepareValue(value: string): string {
  if (value.startsWith("#")) return value.toLowerCase();
  return value.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase().normalize("NFKC");
}

function rdnKey(rdn: Rdn): string {
  // AVAs of a multi-valued RDN form a set (X.501): order inside the RDN does not matter.
  return rdn
    .map((a) => `${a.type}=${JSON.stringify(prepareValue(a.value))}`)
    .sort()
    .join("+");
}

/** A canonical key: two DNs are the same name exactly when their keys are equal. */
export function dnKey(dn: Dn): string {
  return dn.map(rdnKey).join(",");
}

export function sameDn(a: Dn, b: Dn): boolean {
  return dnKey(a) === dnKey(b);
}

function escapeValue(value: string): string {
  if (value.startsWith("#") && /^#(?:[0-9a-f]{2})+$/.test(value)) return value;
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, "\\ ");
}

/** The RFC 4514 string of a DN (most specific first), for messages and the admin API. */
export function formatDn(dn: Dn): string {
  return [...dn]
    .reverse()
    .map((rdn) => rdn.map((a) => `${namesByOid.get(a.type) ?? a.type}=${escapeValue(a.value)}`).join("+"))
    .join(",");
}
