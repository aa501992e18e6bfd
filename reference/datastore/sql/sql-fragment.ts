// SQL as data: a fragment is text with holes for values, and values only ever leave it as bound
// parameters, never spliced into the text (so no filter literal can change a statement's meaning). The
// placeholder style is chosen when a statement is rendered, in textual order, so fragments can be built
// in any order and nested freely, then rendered for SQLite (`?`) or PostgreSQL (`$1`) alike
// (kysely builds an operation-node tree and compiles it at the end for the same reason).

/** A value bound as a statement parameter. */
export type SqlValue = string | number | bigint | boolean | null;

export interface SqlFragment {
  readonly kind: "sql";
  /** Alternating text and holes: parts[0], holes[0], parts[1], …; parts.length === holes.length + 1. */
  readonly parts: readonly string[];
  readonly holes: readonly (SqlValue | SqlFragment)[];
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === "object" && value !== null && (value as SqlFragment).kind === "sql";
}

/** sql`a = ${value} AND ${fragment}`: values become parameters, fragments are embedded. */
export function sql(
  strings: TemplateStringsArray,
  ...holes: readonly (SqlValue | SqlFragment)[]
): SqlFragment {
  // The template's strings array is one frozen object per call site: render() caches texts by it.
  return Object.freeze({ kind: "sql", parts: strings, holes });
}

/** Trusted SQL text (identifiers and keywords written in this code base, never input). */
export function raw(text: string): SqlFragment {
  return Object.freeze({ kind: "sql", parts: [text], holes: [] });
}

export function join(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  if (fragments.length === 0) return raw("");
  // One fragment renders as itself: no separator to place.
  if (fragments.length === 1 && fragments[0] !== undefined) return fragments[0];
  const parts = ["", ...fragments.slice(1).map(() => separator), ""];
  return Object.freeze({ kind: "sql", parts, holes: [...fragments] });
}

export const sqlTrue = raw("1 = 1");
export const sqlFalse = raw("1 = 0");

export interface RenderedSql {
  readonly text: string;
  readonly params: SqlValue[];
}

type Placeholder = (n: number) => string;

function isFlat(fragment: SqlFragment): boolean {
  for (const hole of fragment.holes) if (isFragment(hole)) return false;
  return true;
}

/** Texts of flat fragments (values only, no nested fragments) per call site and placeholder style. */
const flatTexts = new WeakMap<Placeholder, WeakMap<readonly string[], string>>();

function flatText(fragment: SqlFragment, placeholder: Placeholder): string {
  let texts = flatTexts.get(placeholder);
  if (texts === undefined) {
    texts = new WeakMap();
    flatTexts.set(placeholder, texts);
  }
  let text = texts.get(fragment.parts);
  if (text === undefined) {
    text = fragment.parts[0] ?? "";
    for (let i = 1; i < fragment.parts.length; i++) text += placeholder(i) + fragment.parts[i];
    texts.set(fragment.parts, text);
  }
  return text;
}

function renderInto(
  fragment: SqlFragment,
  placeholder: Placeholder,
  out: { text: string; params: SqlValue[] },
) {
  const { parts, holes } = fragment;
  for (let i = 0; i < parts.length; i++) {
    out.text += parts[i];
    if (i >= holes.length) continue;
    const hole = holes[i];
    if (isFragment(hole)) {
      renderInto(hole, placeholder, out);
    } else {
      out.params.push(hole ?? null);
      out.text += placeholder(out.params.length);
    }
  }
}

/** Renders a fragment with `placeholder(n)` for the n-th (1-based) parameter in textual order. */
export function render(fragment: SqlFragment, placeholder: Placeholder): RenderedSql {
  // Write statements are flat and run per entry: their text is built once per call site.
  if (isFlat(fragment))
    return { text: flatText(fragment, placeholder), params: fragment.holes as SqlValue[] };
  const out = { text: "", params: [] as SqlValue[] };
  renderInto(fragment, placeholder, out);
  return out;
}
