// Entries ↔ directory attributes. The write mapping's attributes become directory attributes where the
// directory can hold them as they are: the attribute type exists, the entry's object classes allow it
// (RFC 4512 §2.4), the values fit its syntax, an array fits its SINGLE-VALUE-ness and its values are
// distinct to the directory. A complex value (scimEmails) is held as one JSON text per value. Everything
// else (no such type, "", [], a dateTime, a non-ASCII address for an IA5String `mail`) goes into the
// entry's `scimAttributes` JSON document, and its name into `scimJsonAttribute`, so that a directory filter
// can still find the entry: the document is the lossless part, the directory attributes the visible one.
//
// The same document records what reading needs to give back exactly what was written: the shape of each
// native attribute (one value or a list, text or JSON) and the "fill" attributes written only because the
// directory demands them: the RDN value when no mapped attribute holds it, and MUST attributes of the
// object classes (inetOrgPerson's `sn`, RFC 4519 `person`) that the mapping left empty. Attributes that
// are in the directory but in neither list were written by someone else and read back as they are.
import type { EntryAttributes, EntryValue } from "../datastore.js";
import type { DirectorySchema } from "./ldap-directory-schema.js";
import { decodeText, encodeElement, equalityKey, textFits } from "./ldap-syntax.js";

/** One value or a list; text values or JSON objects. */
export type Shape = "one" | "list" | "json" | "jsonList";

export interface LayoutDocument {
  /** Mapped attributes the directory does not hold. */
  readonly json: Readonly<Record<string, EntryValue>>;
  /** Entry attribute name → [directory attribute, shape]. */
  readonly native: Readonly<Record<string, readonly [string, Shape]>>;
  /** Directory attributes (canonical lower-case) written for naming or MUST only. */
  readonly fill: readonly string[];
}

/** The engine's own directory attributes (canonical lower-case): never mapped, never read back as data. */
export const engineAttributes: ReadonlySet<string> = new Set([
  "objectclass",
  "scimversion",
  "scimattributes",
  "scimjsonattribute",
  "scimpasswordhash",
  "scimdisabled",
  "scimcreated",
  "scimnametag",
  "scimkey",
  "member",
]);

export const auxiliaryClass = "scimEntry";

export interface DirectoryValues {
  readonly type: string;
  readonly values: readonly string[];
}

export interface EncodedEntry {
  /** Directory attributes to write, keyed by canonical lower-case name (engine attributes excluded). */
  readonly attributes: ReadonlyMap<string, DirectoryValues>;
  readonly objectClasses: readonly string[];
  readonly layout: LayoutDocument;
  /** The RDN the naming template asked for, when the directory can hold it. */
  readonly rdn: readonly [string, string] | undefined;
}

export interface EncodeOptions {
  readonly schema: DirectorySchema;
  /** Structural (and extra auxiliary) classes when the mapping writes no objectClass. */
  readonly defaultClasses: readonly string[];
  /** The naming attribute and value from the name template, if it produced one. */
  readonly naming: readonly [string, string] | undefined;
}

function classesOf(value: EntryValue | undefined): string[] | undefined {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined || list.length === 0 || !list.every((c) => typeof c === "string" && c !== "")) {
    return undefined;
  }
  return list as string[];
}

function shapeFor(
  schema: DirectorySchema,
  type: string,
  value: EntryValue,
): { readonly shape: Shape; readonly texts: string[] } | undefined {
  const at = schema.attribute(type);
  if (at === undefined) return undefined;
  const list = Array.isArray(value);
  const elements: readonly EntryValue[] = list ? value : [value];
  if (elements.length === 0 || (at.singleValue && elements.length > 1)) return undefined;
  const encoded = elements.map((e) => encodeElement(at, e));
  const forms = new Set(encoded.map((e) => e?.form));
  if (forms.has(undefined) || forms.size !== 1) return undefined;
  const texts = encoded.map((e) => e?.text ?? "");
  if (new Set(texts.map(equalityKey)).size !== texts.length) return undefined;
  const json = forms.has("json");
  return { shape: json ? (list ? "jsonList" : "json") : list ? "list" : "one", texts };
}

/** Splits mapped attributes into directory attributes and the layout document. */
export function encodeEntry(attributes: EntryAttributes, options: EncodeOptions): EncodedEntry {
  const { schema } = options;
  const json: Record<string, EntryValue> = {};
  const native: Record<string, readonly [string, Shape]> = {};
  const out = new Map<string, DirectoryValues>();
  const mapped = classesOf(attributes.objectClass);
  const classes = [...(mapped ?? options.defaultClasses)];
  if (!classes.some((c) => c.toLowerCase() === auxiliaryClass.toLowerCase())) classes.push(auxiliaryClass);
  const { must, may } = schema.attributesOf(classes);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "objectClass" && mapped !== undefined) {
      native[name] = ["objectClass", Array.isArray(value) ? "list" : "one"];
      continue;
    }
    const at = schema.attribute(name);
    const key = at?.name.toLowerCase();
    const fits =
      at !== undefined &&
      key !== undefined &&
      !at.operational &&
      !engineAttributes.has(key) &&
      (must.has(key) || may.has(key)) &&
      !out.has(key);
    const shaped = fits ? shapeFor(schema, name, value) : undefined;
    if (at === undefined || key === undefined || shaped === undefined) {
      json[name] = value;
      continue;
    }
    native[name] = [at.name, shaped.shape];
    out.set(key, { type: at.name, values: shaped.texts });
  }
  const fill: string[] = [];
  let rdn: readonly [string, string] | undefined;
  if (options.naming !== undefined) {
    const [type, value] = options.naming;
    const at = schema.attribute(type);
    const key = at?.name.toLowerCase();
    if (
      at !== undefined &&
      key !== undefined &&
      (must.has(key) || may.has(key)) &&
      textFits(at.syntax, value)
    ) {
      rdn = [at.name, value];
      const held = out.get(key);
      if (held === undefined) {
        out.set(key, { type: at.name, values: [value] });
        fill.push(key);
      } else if (!held.values.includes(value)) {
        // The RDN value must be a value of the entry (RFC 4512 §2.3.1); the mapped values, which do not
        // include it, move to the document so that reading gives them back unchanged.
        for (const [name, [type2]] of Object.entries(native)) {
          if (type2.toLowerCase() === key) {
            json[name] = attributes[name] ?? null;
            delete native[name];
          }
        }
        out.set(key, { type: at.name, values: [value] });
        fill.push(key);
      }
    }
  }
  // RFC 4512 §2.4.1: MUST attributes of the classes; the mapping may not have produced them.
  for (const key of must) {
    if (engineAttributes.has(key) || out.has(key)) continue;
    const at = schema.attribute(key);
    const value = rdn?.[1] ?? "-";
    if (at !== undefined && textFits(at.syntax, value)) {
      out.set(key, { type: at.name, values: [value] });
      fill.push(key);
    }
  }
  return { attributes: out, objectClasses: classes, layout: { json, native, fill }, rdn };
}

function asTexts(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string => typeof v === "string");
}

function decodeShape(texts: readonly string[], shape: Shape, decode: (t: string) => EntryValue): EntryValue {
  switch (shape) {
    case "one":
      return texts[0] === undefined ? null : decode(texts[0]);
    case "list":
      return texts.map(decode);
    case "json":
      return texts[0] === undefined ? null : (JSON.parse(texts[0]) as EntryValue);
    case "jsonList":
      return texts.map((t) => JSON.parse(t) as EntryValue);
  }
}

/** Parses the scimAttributes document; an entry written by another tool has none. */
export function parseLayout(text: string | undefined): LayoutDocument {
  if (text === undefined) return { json: {}, native: {}, fill: [] };
  const parsed = JSON.parse(text) as Partial<LayoutDocument>;
  return { json: parsed.json ?? {}, native: parsed.native ?? {}, fill: parsed.fill ?? [] };
}

/**
 * The mapped attributes of a directory entry (`raw` as ldapts returns it: one value as a string, several
 * as an array). Native attributes come back in their recorded shape, foreign ones as one value or a list.
 */
export function decodeEntry(
  raw: Readonly<Record<string, unknown>>,
  layout: LayoutDocument,
  schema: DirectorySchema,
): Record<string, EntryValue> {
  const byKey = new Map<string, unknown>();
  for (const [name, value] of Object.entries(raw))
    if (name !== "dn") byKey.set(schema.canonical(name), value);
  const attributes: Record<string, EntryValue> = {};
  const claimed = new Set<string>([...engineAttributes, ...layout.fill]);
  for (const [name, [type, shape]] of Object.entries(layout.native)) {
    const key = schema.canonical(type);
    claimed.add(key);
    let texts = asTexts(byKey.get(key));
    if (key === "objectclass") texts = texts.filter((c) => c.toLowerCase() !== auxiliaryClass.toLowerCase());
    if (texts.length === 0) continue;
    const at = schema.attribute(type);
    attributes[name] = decodeShape(texts, shape, (t) => decodeText(at, t));
  }
  for (const [key, value] of byKey) {
    if (claimed.has(key)) continue;
    const at = schema.attribute(key);
    if (at === undefined || at.operational) continue;
    const texts = asTexts(value);
    if (texts.length === 0) continue;
    const decoded = texts.map((t) => decodeText(at, t));
    attributes[at.name] = decoded.length === 1 ? (decoded[0] as EntryValue) : decoded;
  }
  for (const [name, value] of Object.entries(layout.json)) attributes[name] = value;
  return attributes;
}
