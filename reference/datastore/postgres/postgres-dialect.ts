// PostgreSQL's side of the shared SQL (sql/sql-dialect.ts). JSON filters read the key document
// (postgres-key-document.ts), whose keys JS computed with store-key.ts, so SQL never computes a key: it
// navigates nodes with -> and ->>, and compares key texts under COLLATE "C" (byte order of UTF-8, which
// is the code point order compareKeys uses) whatever the database's default collation is.
import type { StoreAttribute } from "../datastore.js";
import type { JsonSlot, KeySpec, SqlDialect } from "../sql/sql-dialect.js";
import { join, raw, type SqlFragment, sql } from "../sql/sql-fragment.js";
import { keyClassOf, keyDocumentName } from "./postgres-key-document.js";

/** Member `name` of an object node (NULL for any other node, which has no `o`). */
function member(node: SqlFragment, name: string): SqlFragment {
  return sql`(${node} -> 'o' -> ${keyDocumentName(name)}::text)`;
}

function slotOf(node: SqlFragment): JsonSlot {
  return { value: node, type: sql`(${node} ->> 't')` };
}

/** The class's key of a node as C-collated text; NULL when the node has none. */
function nodeKey(node: SqlFragment, spec: KeySpec): SqlFragment {
  const cls = keyClassOf(spec.type, spec.caseExact);
  if (cls === undefined) return raw("CAST(NULL AS text)");
  // `x` is left out of a text node when it equals `f` (postgres-key-document.ts).
  if (cls === "x") return sql`(coalesce(${node} ->> 'x', ${node} ->> 'f') COLLATE "C")`;
  return sql`((${node} ->> ${raw(`'${cls}'`)}) COLLATE "C")`;
}

/** entry-values.ts elementsOf: an array's elements, a scalar as one element, nothing for objects/null. */
function elementArray(node: SqlFragment): SqlFragment {
  return sql`CASE WHEN ${node} ->> 't' = 'array' THEN ${node} -> 'a' WHEN ${node} ->> 't' IN ('text', 'number', 'true', 'false') THEN jsonb_build_array(${node}) ELSE '[]'::jsonb END`;
}

const columnList = (columns: readonly string[]) => raw(columns.join(", "));

export const postgresDialect: SqlDialect = {
  name: "postgres",
  placeholder: (n) => `$${n}`,

  document: (alias) => raw(`${alias}.keydoc`),

  jsonAt(doc, path) {
    let node = doc;
    for (const name of path) node = member(node, name);
    return slotOf(node);
  },

  jsonElements(doc, name, alias) {
    return {
      from: sql`jsonb_array_elements(${elementArray(member(doc, name))}) AS ${raw(alias)}(v)`,
      where: raw("1 = 1"),
      element: slotOf(raw(`${alias}.v`)),
    };
  },

  jsonMember: (slot, name) => slotOf(member(slot.value, name)),

  jsonKey: (slot, spec) => nodeKey(slot.value, spec),
  // Never NULL: an absent node is not present; a node is present unless it carries `e`.
  jsonPresent: (slot) => sql`(${slot.value} IS NOT NULL AND (${slot.value} ->> 'e') IS NULL)`,
  displayKey: (alias, spec) => nodeKey(raw(`${alias}.display_keys`), spec),

  sortKey(doc, attr: StoreAttribute) {
    if (!attr.multiValued) {
      const node =
        attr.subPath === undefined ? member(doc, attr.name) : member(member(doc, attr.name), attr.subPath);
      return nodeKey(node, attr);
    }
    // RFC 7644 §3.4.2.3 (entry-values.ts sortKeyOf): the primary element's key, else the first key.
    const element = raw("el.v");
    const value = attr.subPath === undefined ? element : member(element, attr.subPath);
    return sql`(SELECT s.k FROM (SELECT ${nodeKey(value, attr)} AS k, coalesce(el.v ->> 't' = 'object' AND el.v -> 'o' -> 'primary' ->> 't' = 'true', false) AS p, el.i FROM jsonb_array_elements(${elementArray(member(doc, attr.name))}) WITH ORDINALITY AS el(v, i)) AS s WHERE s.k IS NOT NULL ORDER BY s.p DESC, s.i LIMIT 1)`;
  },

  contains: (key, operand) => sql`strpos(${key}, ${operand}) > 0`,
  endsWith: (key, operand) =>
    // right() counts characters (code points) in a UTF-8 database, like Array.from.
    operand === ""
      ? sql`${key} IS NOT NULL`
      : sql`right(${key}, ${raw(String(Array.from(operand).length))}) = ${operand}`,

  countEntries: (scopeId) => sql`SELECT coalesce(sum(n), 0) AS n FROM entry_counts WHERE scope = ${scopeId}`,

  insertIgnore: (table, columns, values) =>
    sql`INSERT INTO ${raw(table)} (${columnList(columns)}) VALUES (${join(values, ", ")}) ON CONFLICT DO NOTHING`,
  upsert: (table, columns, values, conflict, update) =>
    sql`INSERT INTO ${raw(table)} (${columnList(columns)}) VALUES (${join(values, ", ")}) ON CONFLICT (${columnList(conflict)}) DO UPDATE SET ${raw(update.map((c) => `${c} = excluded.${c}`).join(", "))}`,
};
