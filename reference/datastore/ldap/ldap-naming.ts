// How entries are named (RFC 4514 distinguished names). PingFederate names a provisioned entry with the
// connection's unique ID filter, `attribute=${scimAttribute}` without parentheses, where `${attr:-default}`
// supplies a fallback when the attribute is absent (pingfederate-model.md §1.5). Here the placeholders name
// entry attributes (what the write mapping produced); the composition root rewrites a SCIM path such as
// `${userName}` into the entry attribute the mapping writes it to.
//
// Values are escaped with RFC 4514 §2.4 hex pairs only (`\2c`, not `\,`): ldapts splits a new DN at the
// first comma not preceded by a backslash, and a hex pair never leaves one behind.

export interface NameTemplate {
  /** The naming attribute, e.g. "uid". */
  readonly attribute: string;
  readonly parts: readonly (
    | { readonly kind: "text"; readonly text: string }
    | { readonly kind: "attr"; readonly name: string; readonly fallback: string | undefined }
  )[];
  readonly source: string;
}

const placeholder = /\$\{([^}:]+)(?::-([^}$]*))?\}/g;

/** Parses `attr=...${name}...${name:-default}...`; throws on anything PingFederate would refuse. */
export function parseNameTemplate(source: string): NameTemplate {
  const eq = source.indexOf("=");
  const attribute = source.slice(0, eq);
  if (eq <= 0 || !/^[A-Za-z][A-Za-z0-9-]*$/.test(attribute) || source.includes("(")) {
    throw new Error(`"${source}" is not attribute=\${scimAttribute} (PingFederate's unique ID filter form)`);
  }
  const rest = source.slice(eq + 1);
  const parts: NameTemplate["parts"][number][] = [];
  let at = 0;
  for (const m of rest.matchAll(placeholder)) {
    if (m.index > at) parts.push({ kind: "text", text: rest.slice(at, m.index) });
    parts.push({ kind: "attr", name: m[1] as string, fallback: m[2] });
    at = m.index + m[0].length;
  }
  if (at < rest.length) parts.push({ kind: "text", text: rest.slice(at) });
  if (parts.length === 0) throw new Error(`"${source}" names no value`);
  return Object.freeze({ attribute, parts: Object.freeze(parts), source });
}

/** The text an entry value contributes to a name: a string, a number or boolean, or a list's first. */
function nameText(value: unknown): string | undefined {
  if (Array.isArray(value)) return nameText(value[0]);
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** The naming value for an entry, or undefined when a placeholder has neither a value nor a fallback. */
export function evaluateNameTemplate(
  template: NameTemplate,
  attributes: Readonly<Record<string, unknown>>,
): string | undefined {
  let value = "";
  for (const part of template.parts) {
    if (part.kind === "text") value += part.text;
    else {
      const text = nameText(attributes[part.name]) ?? part.fallback;
      if (text === undefined || text === "") return undefined;
      value += text;
    }
  }
  return value === "" ? undefined : value;
}

/** RFC 4514 §2.4: the characters a value must escape, plus `=` and NUL for parsers that are strict. */
export function escapeDnValue(value: string): string {
  let out = "";
  const last = value.length - 1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const special =
      '",+;<>\\=\u0000'.includes(c) || (i === 0 && (c === " " || c === "#")) || (i === last && c === " ");
    out += special ? `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}` : c;
  }
  return out;
}

export type Rdn = readonly (readonly [type: string, value: string])[];

/** `type=value` pairs joined by `+` (a multi-valued RDN, RFC 4514 §3). */
export function rdnText(rdn: Rdn): string {
  return rdn.map(([type, value]) => `${type}=${escapeDnValue(value)}`).join("+");
}

/** Splits a DN into RDNs of (type, unescaped value) pairs (RFC 4514 §3). */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  let pairs: (readonly [string, string])[] = [];
  let type = "";
  let bytes: number[] = [];
  let inValue = false;
  const flush = () => {
    pairs.push([type.trim(), Buffer.from(bytes).toString("utf8")]);
    type = "";
    bytes = [];
    inValue = false;
  };
  // Code points, not UTF-16 units: a character outside the BMP is one character of a value.
  const chars = Array.from(dn);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (!inValue) {
      if (c === "=") inValue = true;
      else type += c;
      continue;
    }
    if (c === "\\") {
      const hex = `${chars[i + 1] ?? ""}${chars[i + 2] ?? ""}`;
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(chars[i + 1] ?? "", "utf8"));
        i += 1;
      }
    } else if (c === "+" || c === ",") {
      flush();
      if (c === ",") {
        rdns.push(pairs);
        pairs = [];
      }
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  if (inValue || type.trim() !== "") {
    flush();
    rdns.push(pairs);
  }
  return rdns;
}

/**
 * A comparison form of a DN: types lower-cased, values unescaped and trimmed with their ASCII letters
 * lower-cased, multi-valued RDNs sorted. Enough to recognise one entry's DN whether slapd or this adapter
 * wrote it; the naming attributes here (uid, cn, scimNameTag) all match case-insensitively. Only ASCII is
 * folded, because beyond it the directory's fold is not JavaScript's: slapd names cn=ΣΑΣ and cn=σας, or
 * uid=İlker and uid=i̇lker, as two entries, which a full fold would make one (a member of a group lost).
 * The DNs compared are the directory's own spellings, which renames keep in step (ldap-member-writes.ts).
 */
export function dnKey(dn: string): string {
  return comparisonForm(dn, (value) => value.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()));
}

/**
 * The comparison form of a container's DN, folded fully: a container comes from the connection's
 * settings, whose spelling may differ from the directory's in any letter's case, and two containers of
 * one store never differ by case alone.
 */
export function containerKey(dn: string): string {
  return comparisonForm(dn, (value) => value.toLowerCase());
}

function comparisonForm(dn: string, fold: (value: string) => string): string {
  return parseDn(dn)
    .map((rdn) =>
      rdn
        .map(([t, v]) => `${t.toLowerCase()}=${escapeDnValue(fold(v.trim()))}`)
        .sort()
        .join("+"),
    )
    .join(",");
}

/** The parent of a DN (everything after its first RDN). */
export function parentDn(dn: string): string {
  const rdns = parseDn(dn);
  return rdns.slice(1).map(rdnText).join(",");
}

/** The pairs of a DN's first RDN without its name tag. */
export function baseRdn(dn: string): Rdn {
  return (parseDn(dn)[0] ?? []).filter(([t]) => t.toLowerCase() !== "scimnametag");
}

/** Whether a DN's first RDN carries a name tag (a second RDN value `scimNameTag`: ldap-entry-build.ts). */
export function isNamedApart(dn: string): boolean {
  return (parseDn(dn)[0] ?? []).some(([t]) => t.toLowerCase() === "scimnametag");
}
