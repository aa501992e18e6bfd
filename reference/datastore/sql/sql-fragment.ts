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
  return Object.freeze({ kind: "sql", parts: [...strings], holes });
}

/** Trusted SQL text (identifiers and keywords written in this code base, never input). */
export function raw(text: string): SqlFragment {
  return Object.freeze({ kind: "sql", parts: [text], holes: [] });
}

export function join(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  if (fragments.length === 0) return raw("");
  const parts = ["", ...fragments.slice(1).map(() => separator), ""];
  return Object.freeze({ kind: "sql", parts, holes: [...fragments] });
}

export const sqlTrue = raw("1 = 1");
export const sqlFalse = raw("1 = 0");

export interface RenderedSql {
  readonly text: string;
  readonly params: SqlValue[];
}

/** Renders a fragment with `placeholder(n)` for the n-th (1-based) parameter in textual order. */
export function render(fragment: SqlFragment, placeholder: (n: number) => string): RenderedSql {
  const params: SqlValue[] = [];
  let text = "";
  const walk = (f: SqlFragment) => {
    f.parts.forEach((part, i) => {
      text += part;
      if (i >= f.holes.length) return;
      const hole = f.holes[i];
      if (isFragment(hole)) {
        walk(hole);
      } else {
        params.push(hole ?? null);
        text += placeholder(params.length);
      }
    });
  };
  walk(fragment);
  return { text, params };
}
