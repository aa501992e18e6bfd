// A directory entry as the datastore sees it: the entry's id is its entryUUID (RFC 4530: assigned by the
// server, never reused, unchanged by renames, so a userName change keeps the SCIM id), meta.created is the
// operational createTimestamp (RFC 4512 §3.4; whole seconds in slapd 2.5, so its milliseconds are .000),
// and meta.version the scimVersion counter the adapter increments on every write. meta.lastModified is
// the time in entryCSN, which slapd sets on every change with microseconds (modifyTimestamp has whole
// seconds, so two changes in one second would not show), except for an entry never modified (version 1),
// whose lastModified is its created, as RFC 7643 §3.1 has it for a new resource.
import type { EntryAttributes } from "../datastore.js";
import type { DirectorySchema } from "./ldap-directory-schema.js";
import { decodeEntry, type LayoutDocument, parseLayout } from "./ldap-entry-codec.js";
import { type RawEntry, texts } from "./ldap-raw-entry.js";

/** What to ask a search for: user attributes and the operational ones the datastore reads. */
export const entryAttributes = ["*", "entryUUID", "createTimestamp", "modifyTimestamp", "entryCSN"] as const;

/**
 * The same without `member`: LDAP has no "all but" (RFC 4511 §4.5.1.8), so every other user attribute
 * type is named. A group with 100,000 members is then read, renamed or given one more member without
 * its member list crossing the wire. scimKey is left out too: it is only searched, and what it holds
 * follows from the attributes (ldap-value-keys.ts).
 */
export function attributesWithoutMembers(schema: DirectorySchema): string[] {
  return [
    ...schema
      .userAttributeNames()
      .filter((n) => n.toLowerCase() !== "member" && n.toLowerCase() !== "scimkey"),
    ...entryAttributes.filter((a) => a !== "*"),
  ];
}

/** The placeholder `member` value of an empty group (see ldap-members.ts). */
export const emptyMember = "";

export interface DirectoryEntry {
  readonly dn: string;
  readonly id: string;
  readonly version: number;
  readonly created: string;
  readonly lastModified: string;
  /** scimCreated: orders entries by creation (createTimestamp has whole seconds only). */
  readonly createKey: string;
  readonly attributes: EntryAttributes;
  readonly passwordHash: string | undefined;
  /** Member DNs without the placeholder; [] for entries without `member`. */
  readonly memberDns: readonly string[];
  readonly layout: LayoutDocument;
  readonly raw: RawEntry;
}

/** RFC 4517 §3.3.13 GeneralizedTime ("20240102030405Z", fractions optional) → RFC 3339 with milliseconds. */
export function fromGeneralizedTime(text: string | undefined): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(text ?? "");
  if (m === null) return new Date(0).toISOString();
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = (frac ?? "").padEnd(3, "0").slice(0, 3);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
}

/** The time of an entryCSN ("20240102030405.123456Z#000000#000#000000"), or undefined. */
export function fromCsn(csn: string | undefined): string | undefined {
  const time = csn?.split("#")[0];
  return time !== undefined && /^\d{14}\.\d+Z$/.test(time) ? fromGeneralizedTime(time) : undefined;
}

export function readEntry(raw: RawEntry, schema: DirectorySchema): DirectoryEntry {
  const one = (name: string) => texts(raw[name])[0];
  const layout = parseLayout(one("scimAttributes"));
  const version = Number(one("scimVersion") ?? "1");
  const created = fromGeneralizedTime(one("createTimestamp"));
  const modified = fromCsn(one("entryCSN")) ?? fromGeneralizedTime(one("modifyTimestamp"));
  return {
    dn: raw.dn,
    id: one("entryUUID") ?? "",
    version,
    created,
    // entryCSN's time is never before createTimestamp, which has the creation's whole second.
    lastModified: version <= 1 ? created : modified,
    createKey: one("scimCreated") ?? "",
    attributes: decodeEntry(raw, layout, schema),
    passwordHash: one("scimPasswordHash"),
    memberDns: texts(raw.member).filter((dn) => dn !== emptyMember),
    layout,
    raw,
  };
}

let lastMicros = 0;

/**
 * A creation key that sorts in creation order: microseconds since the epoch (made strictly increasing
 * within this process) and 8 random hex digits, so two processes creating in the same microsecond still
 * get distinct keys; ties beyond that are broken by id.
 */
export function nextCreateKey(): string {
  const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  lastMicros = Math.max(now, lastMicros + 1);
  const random = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, "0");
  return `${String(lastMicros).padStart(17, "0")}-${random}`;
}
