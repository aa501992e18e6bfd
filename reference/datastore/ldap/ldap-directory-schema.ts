// What the directory's subschema (RFC 4512 §4.2, read from `cn=Subschema`) says about attribute types and
// object classes: the facts the entry codec and the filter compiler decide with. An attribute's syntax
// decides whether a SCIM value can be held as a directory value at all (a non-ASCII address cannot be an
// IA5String `mail`), SINGLE-VALUE whether an array fits, the matching rules which filters the directory
// can evaluate, and an object class's MUST and MAY which attributes an entry may carry.

export interface AttributeTypeInfo {
  readonly oid: string;
  /** The first NAME, as the directory spells it (what a search returns). */
  readonly name: string;
  readonly names: readonly string[];
  /** The syntax OID, without a length bound (`{256}`), inherited through SUP. */
  readonly syntax: string | undefined;
  readonly equality: string | undefined;
  readonly ordering: string | undefined;
  readonly substr: string | undefined;
  readonly singleValue: boolean;
  /** NO-USER-MODIFICATION or a USAGE other than userApplications: operational, never written. */
  readonly operational: boolean;
}

export interface ObjectClassInfo {
  readonly oid: string;
  readonly name: string;
  readonly names: readonly string[];
  readonly sup: readonly string[];
  readonly kind: "ABSTRACT" | "STRUCTURAL" | "AUXILIARY";
  readonly must: readonly string[];
  readonly may: readonly string[];
}

type Token = { readonly kind: "open" | "close" | "word" | "quoted"; readonly text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: c === "(" ? "open" : "close", text: c });
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError(`unterminated quoted string in ${text}`);
      // RFC 4512 §4.1 qdstring: \27 and \5C (any case) stand for ' and \.
      const raw = text
        .slice(i + 1, end)
        .replace(/\\(27|5[cC])/g, (_, h: string) => (h === "27" ? "'" : "\\"));
      tokens.push({ kind: "quoted", text: raw });
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()']/.test(text[j] as string)) j++;
      tokens.push({ kind: "word", text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** An RFC 4512 description as keyword → values (one word, a list, or a flag). */
function parseDescription(text: string): { oid: string; fields: Map<string, string[]> } {
  const tokens = tokenize(text);
  if (tokens[0]?.kind !== "open" || tokens[tokens.length - 1]?.kind !== "close") {
    throw new SyntaxError(`not a schema description: ${text}`);
  }
  const oid = tokens[1]?.text ?? "";
  const fields = new Map<string, string[]>();
  let i = 2;
  while (i < tokens.length - 1) {
    const keyword = (tokens[i] as Token).text.toUpperCase();
    i++;
    const next = tokens[i];
    const values: string[] = [];
    if (next?.kind === "open") {
      i++;
      while (i < tokens.length && tokens[i]?.kind !== "close") {
        const t = tokens[i] as Token;
        if (!(t.kind === "word" && t.text === "$")) values.push(t.text);
        i++;
      }
      i++;
    } else if (
      next !== undefined &&
      (next.kind === "quoted" || (next.kind === "word" && !/^[A-Z-]+$/.test(next.text)))
    ) {
      values.push(next.text);
      i++;
    } else if (
      next?.kind === "word" &&
      ["SUP", "EQUALITY", "ORDERING", "SUBSTR", "SYNTAX", "USAGE"].includes(keyword)
    ) {
      values.push(next.text);
      i++;
    }
    fields.set(keyword, values);
  }
  return { oid, fields };
}

interface RawAttributeType {
  readonly oid: string;
  readonly names: string[];
  readonly sup: string | undefined;
  readonly syntax: string | undefined;
  readonly equality: string | undefined;
  readonly ordering: string | undefined;
  readonly substr: string | undefined;
  readonly singleValue: boolean;
  readonly operational: boolean;
}

function rawAttributeType(text: string): RawAttributeType {
  const { oid, fields } = parseDescription(text);
  const one = (k: string) => fields.get(k)?.[0];
  const usage = one("USAGE");
  return {
    oid,
    names: fields.get("NAME") ?? [],
    sup: one("SUP"),
    syntax: one("SYNTAX")?.replace(/\{\d+\}$/, ""),
    equality: one("EQUALITY"),
    ordering: one("ORDERING"),
    substr: one("SUBSTR"),
    singleValue: fields.has("SINGLE-VALUE"),
    operational: fields.has("NO-USER-MODIFICATION") || (usage !== undefined && usage !== "userApplications"),
  };
}

function objectClass(text: string): ObjectClassInfo {
  const { oid, fields } = parseDescription(text);
  const names = fields.get("NAME") ?? [];
  const kind = fields.has("AUXILIARY") ? "AUXILIARY" : fields.has("ABSTRACT") ? "ABSTRACT" : "STRUCTURAL";
  return {
    oid,
    name: names[0] ?? oid,
    names,
    sup: fields.get("SUP") ?? [],
    kind,
    must: fields.get("MUST") ?? [],
    may: fields.get("MAY") ?? [],
  };
}

export class DirectorySchema {
  readonly #attributes = new Map<string, AttributeTypeInfo>();
  readonly #classes = new Map<string, ObjectClassInfo>();

  /** From the `attributeTypes` and `objectClasses` values of the subschema subentry. */
  constructor(attributeTypes: readonly string[], objectClasses: readonly string[]) {
    const raw = new Map<string, RawAttributeType>();
    for (const text of attributeTypes) {
      const at = rawAttributeType(text);
      for (const key of [at.oid, ...at.names]) raw.set(key.toLowerCase(), at);
    }
    // SUP gives a subtype its supertype's syntax and matching rules unless it names its own (RFC 4512 §2.5).
    const resolve = (at: RawAttributeType, depth = 0): AttributeTypeInfo => {
      const sup = at.sup === undefined || depth > 20 ? undefined : raw.get(at.sup.toLowerCase());
      const base = sup === undefined ? undefined : resolve(sup, depth + 1);
      return Object.freeze({
        oid: at.oid,
        name: at.names[0] ?? at.oid,
        names: Object.freeze([...at.names]),
        syntax: at.syntax ?? base?.syntax,
        equality: at.equality ?? base?.equality,
        ordering: at.ordering ?? base?.ordering,
        substr: at.substr ?? base?.substr,
        singleValue: at.singleValue,
        operational: at.operational,
      });
    };
    for (const [key, at] of raw) this.#attributes.set(key, resolve(at));
    for (const text of objectClasses) {
      const oc = objectClass(text);
      for (const key of [oc.oid, ...oc.names]) this.#classes.set(key.toLowerCase(), oc);
    }
  }

  /** The attribute type a name (any of its NAMEs, any case) or OID denotes. */
  attribute(name: string): AttributeTypeInfo | undefined {
    return this.#attributes.get(name.toLowerCase());
  }

  objectClass(name: string): ObjectClassInfo | undefined {
    return this.#classes.get(name.toLowerCase());
  }

  /** MUST and MAY of the classes and their superclasses, as canonical lower-case attribute names. */
  attributesOf(classes: readonly string[]): { readonly must: Set<string>; readonly may: Set<string> } {
    const must = new Set<string>();
    const may = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string) => {
      const oc = this.objectClass(name);
      if (oc === undefined || seen.has(oc.oid)) return;
      seen.add(oc.oid);
      for (const a of oc.must) must.add(this.canonical(a));
      for (const a of oc.may) may.add(this.canonical(a));
      for (const s of oc.sup) visit(s);
    };
    for (const c of classes) visit(c);
    for (const a of must) may.delete(a);
    return { must, may };
  }

  /** Primary names of every attribute type a client may write (RFC 4512 §2.5.1 userApplications). */
  userAttributeNames(): string[] {
    const names = new Set<string>();
    for (const at of this.#attributes.values()) if (!at.operational) names.add(at.name);
    return [...names];
  }

  /** The lower-case primary name of an attribute type, or the given name lower-cased if unknown. */
  canonical(name: string): string {
    return (this.attribute(name)?.name ?? name).toLowerCase();
  }
}
