// SQLite's side of the shared SQL (sql/sql-dialect.ts). JSON is read with json_extract/json_type/json_each,
// and keys are computed by registering the very JS functions the in-memory matcher uses (store-key.ts,
// entry-values.ts) as deterministic SQL functions: case folding, dateTime instants and number order then
// agree with the matcher by construction, not by a second implementation in SQL.
import type { AttributeType } from "../../protocol/schema/schema-definition.js";
import type { EntryValue, StoreAttribute } from "../datastore.js";
import { isPresentValue, sortKeyOf } from "../entry-values.js";
import type { JsonSlot, SqlDialect } from "../sql/sql-dialect.js";
import { join, raw, sql } from "../sql/sql-fragment.js";
import { storeKey } from "../store-key.js";
import type { SqliteDatabase } from "./sqlite-datastore-config.js";

/** `$."name"."sub"`: quoted labels, because entry attribute names may hold dots and colons (URNs). */
function jsonPath(names: readonly string[]): string {
  for (const name of names) {
    // SQLite's path syntax has no escape for a quote inside a quoted label.
    if (name.includes('"')) throw new Error(`attribute name ${name} cannot be addressed in a JSON path`);
  }
  return `$${names.map((n) => `."${n}"`).join("")}`;
}

const columnList = (columns: readonly string[]) => raw(columns.join(", "));

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  placeholder: () => "?",

  document: (alias) => raw(`${alias}.doc`),

  jsonAt(doc, path) {
    const p = jsonPath(path);
    return { value: sql`json_extract(${doc}, ${p})`, type: sql`json_type(${doc}, ${p})` };
  },

  jsonElements(doc, name, alias) {
    const p = jsonPath([name]);
    return {
      from: sql`json_each(${doc}, ${p}) AS ${raw(alias)}`,
      // json_each walks an object's members; entry-values.ts gives an object in an array's place no elements.
      where: sql`json_type(${doc}, ${p}) <> 'object'`,
      element: { value: raw(`${alias}.value`), type: raw(`${alias}.type`) },
    };
  },

  jsonMember(slot, name) {
    const p = jsonPath([name]);
    return {
      value: sql`CASE WHEN ${slot.type} = 'object' THEN json_extract(${slot.value}, ${p}) END`,
      type: sql`CASE WHEN ${slot.type} = 'object' THEN json_type(${slot.value}, ${p}) END`,
    };
  },

  jsonKey: (slot: JsonSlot, spec) =>
    sql`scim_key(${slot.value}, ${slot.type}, ${spec.type}, ${spec.caseExact ? 1 : 0})`,
  jsonPresent: (slot) => sql`scim_present(${slot.value}, ${slot.type}) = 1`,
  displayKey: (alias, spec) =>
    sql`scim_key(${raw(`${alias}.display`)}, 'text', ${spec.type}, ${spec.caseExact ? 1 : 0})`,
  sortKey: (doc, attr: StoreAttribute) =>
    sql`scim_sort_key(${doc}, ${attr.name}, ${attr.subPath ?? null}, ${attr.multiValued ? 1 : 0}, ${attr.type}, ${attr.caseExact ? 1 : 0})`,

  contains: (key, operand) => sql`instr(${key}, ${operand}) > 0`,
  endsWith: (key, operand) =>
    // Compared as UTF-8 bytes: substr() on text stops at an embedded NUL, so "a)\u0000" ended with ")"
    // (the reliability injection suite found it). A byte suffix that is valid UTF-8 always starts on a
    // character boundary (its first byte is never a continuation byte), so bytes and characters agree.
    operand === ""
      ? sql`${key} IS NOT NULL`
      : sql`substr(CAST(${key} AS BLOB), ${-Buffer.byteLength(operand)}) = CAST(${operand} AS BLOB)`,

  countEntries: (scopeId) => sql`SELECT entry_count AS n FROM scopes WHERE scope = ${scopeId}`,

  insertIgnore: (table, columns, values) =>
    sql`INSERT INTO ${raw(table)} (${columnList(columns)}) VALUES (${join(values, ", ")}) ON CONFLICT DO NOTHING`,
  upsert: (table, columns, values, conflict, update) =>
    sql`INSERT INTO ${raw(table)} (${columnList(columns)}) VALUES (${join(values, ", ")}) ON CONFLICT (${columnList(conflict)}) DO UPDATE SET ${raw(update.map((c) => `${c} = excluded.${c}`).join(", "))}`,
};

/** A JSON value back from json_extract/json_each's (value, type) pair; undefined when absent. */
export function slotValue(value: unknown, type: unknown): EntryValue | undefined {
  switch (type) {
    case "null":
      return null;
    case "true":
      return true;
    case "false":
      return false;
    case "integer":
    case "real":
      return Number(value);
    case "text":
      return typeof value === "string" ? value : undefined;
    case "array":
    case "object":
      return typeof value === "string" ? (JSON.parse(value) as EntryValue) : undefined;
    default:
      return undefined;
  }
}

const attributeTypes = new Set<AttributeType>([
  "string",
  "boolean",
  "decimal",
  "integer",
  "dateTime",
  "reference",
  "binary",
  "complex",
]);

function asType(type: unknown): AttributeType {
  if (typeof type === "string" && attributeTypes.has(type as AttributeType)) return type as AttributeType;
  throw new Error(`unknown attribute type ${String(type)}`);
}

/** Registers scim_key, scim_present and scim_sort_key on a connection (both connections need them). */
export function registerScimFunctions(db: SqliteDatabase): void {
  const options = { deterministic: true };
  db.function("scim_key", options, (value: unknown, type: unknown, attrType: unknown, caseExact: unknown) => {
    return storeKey(slotValue(value, type), asType(attrType), caseExact === 1) ?? null;
  });
  db.function("scim_present", options, (value: unknown, type: unknown) =>
    isPresentValue(slotValue(value, type)) ? 1 : 0,
  );
  db.function(
    "scim_sort_key",
    options,
    (
      doc: unknown,
      name: unknown,
      subPath: unknown,
      multiValued: unknown,
      type: unknown,
      caseExact: unknown,
    ) => {
      if (typeof doc !== "string" || typeof name !== "string") return null;
      const attr: StoreAttribute = {
        source: "entry",
        name,
        subPath: typeof subPath === "string" ? subPath : undefined,
        multiValued: multiValued === 1,
        type: asType(type),
        caseExact: caseExact === 1,
      };
      return sortKeyOf(JSON.parse(doc) as Record<string, EntryValue>, attr) ?? null;
    },
  );
}
