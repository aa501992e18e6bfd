// TEST SUPPORT: a small RFC 4515 parser, the inverse of renderFilter (ldap-filter.ts), so that properties
// can check that a compiled filter has exactly the structure and values intended: a value that escaped
// its escaping would parse into a different tree. It reads what RFC 4515 §3 allows a filter to be
// (filtercomp, simple items, present, substrings), not extensible matches, and refuses anything else.
import { type LdapFilter, ldapFalse, ldapTrue } from "./ldap-filter.js";

/** Reads code points (a character outside the BMP is one step, not two UTF-16 halves). */
class Reader {
  readonly #text: string[];
  readonly #source: string;
  #at = 0;

  constructor(text: string) {
    this.#text = Array.from(text);
    this.#source = text;
  }

  get done(): boolean {
    return this.#at >= this.#text.length;
  }

  peek(): string | undefined {
    return this.#text[this.#at];
  }

  take(expected: string): void {
    if (this.#text[this.#at] !== expected) this.fail(`expected "${expected}"`);
    this.#at++;
  }

  next(): string {
    const c = this.#text[this.#at];
    if (c === undefined) this.fail("unexpected end");
    this.#at++;
    return c as string;
  }

  fail(message: string): never {
    throw new SyntaxError(`${message} at ${this.#at} in ${JSON.stringify(this.#source)}`);
  }
}

/** RFC 4515 `attr`: a descriptor (RFC 4512 §1.4 keystring) or a numeric OID. */
function attribute(r: Reader): string {
  let name = "";
  while (r.peek() !== undefined && /[A-Za-z0-9.-]/.test(r.peek() as string)) name += r.next();
  if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(name)) r.fail(`invalid attribute "${name}"`);
  return name;
}

/** One `valueencoding` up to (not including) `*` or `)`; returns the decoded UTF-8 text. */
function value(r: Reader): string {
  const bytes: number[] = [];
  for (;;) {
    const c = r.peek();
    if (c === undefined || c === "*" || c === ")") break;
    r.next();
    if (c === "(" || c === "\u0000") r.fail(`unescaped ${JSON.stringify(c)}`);
    if (c === "\\") {
      const hex = r.next() + r.next();
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) r.fail(`invalid escape \\${hex}`);
      bytes.push(Number.parseInt(hex, 16));
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  const decoded = Buffer.from(bytes);
  const text = decoded.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(decoded)) r.fail("a value is not valid UTF-8");
  return text;
}

function item(r: Reader): LdapFilter {
  const attr = attribute(r);
  const op = r.next();
  if (op === ">" || op === "<") {
    r.take("=");
    const v = value(r);
    return op === ">"
      ? { kind: "greaterOrEqual", attribute: attr, value: v }
      : { kind: "lessOrEqual", attribute: attr, value: v };
  }
  if (op !== "=") r.fail(`unsupported operator "${op}"`);
  const parts = [value(r)];
  while (r.peek() === "*") {
    r.next();
    parts.push(value(r));
  }
  if (parts.length === 1) return { kind: "equality", attribute: attr, value: parts[0] as string };
  if (parts.length === 2 && parts[0] === "" && parts[1] === "") return { kind: "present", attribute: attr };
  const initial = parts[0] === "" ? undefined : parts[0];
  const last = parts[parts.length - 1];
  const final = last === "" ? undefined : last;
  const any = parts.slice(1, -1);
  if (any.some((p) => p === "")) r.fail("an empty substring between two *");
  return { kind: "substrings", attribute: attr, initial, any, final };
}

function filter(r: Reader): LdapFilter {
  r.take("(");
  let result: LdapFilter;
  const c = r.peek();
  if (c === "&" || c === "|") {
    r.next();
    const members: LdapFilter[] = [];
    while (r.peek() === "(") members.push(filter(r));
    if (members.length === 0) r.fail("an empty filter list");
    result = { kind: c === "&" ? "and" : "or", filters: members };
  } else if (c === "!") {
    r.next();
    result = { kind: "not", filter: filter(r) };
  } else {
    result = item(r);
  }
  r.take(")");
  return result;
}

/** Parses RFC 4515 text; `(objectClass=*)` and its negation read back as the absolute true and false. */
export function parseFilter(text: string): LdapFilter {
  const r = new Reader(text);
  const parsed = filter(r);
  if (!r.done) r.fail("text after the filter");
  return absolute(parsed);
}

function absolute(f: LdapFilter): LdapFilter {
  if (f.kind === "present" && f.attribute === "objectClass") return ldapTrue;
  if (f.kind === "not" && f.filter.kind === "present" && f.filter.attribute === "objectClass")
    return ldapFalse;
  if (f.kind === "and" || f.kind === "or") return { ...f, filters: f.filters.map(absolute) };
  if (f.kind === "not") return { kind: "not", filter: absolute(f.filter) };
  return f;
}
