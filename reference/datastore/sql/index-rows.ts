// The index rows an entry contributes to `entry_keys`, computed in JS with the same functions the
// in-memory matcher uses (entry-values.ts, store-key.ts), so SQL lookups agree with the matcher.
//
// entry_keys(scope, attr, rank, key, entry, sorted, uniq), primary key (scope, attr, rank, key, entry):
// - one row per distinct key of an indexed attribute (rank 0): `eq`, `sw` and ranges are index range scans
//   on (scope, attr, 0, key);
// - exactly one row per entry and attribute has `sorted = 1`: the key it sorts by (RFC 7644 §3.4.2.3,
//   primary or first value), or, when it has none, a rank-1 row with key "" so that missing values sort
//   last ascending and first descending by index order alone;
// - `uniq = 1` on the rank-0 rows of unique attributes, under a partial unique index on (scope, attr, key):
//   uniqueness is enforced by the database atomically, across processes too (PostgreSQL).
import type { EntryAttributes, ResourcePlan, StoreAttribute } from "../datastore.js";
import { attributeLabel, displayOf, keysOf, sameAttribute, sortKeyOf } from "../entry-values.js";

export interface IndexRow {
  readonly attr: string;
  readonly rank: 0 | 1;
  readonly key: string;
  readonly sorted: 0 | 1;
  readonly uniq: 0 | 1;
}

/** What a SQL store derives once from a ResourcePlan. */
export interface CompiledPlan {
  readonly plan: ResourcePlan;
  /** Entry attributes with rows in entry_keys: the plan's indexed and unique entry attributes. */
  readonly keyed: ReadonlyMap<string, StoreAttribute>;
  readonly unique: ReadonlySet<string>;
  /** Changes whenever the rows an entry would get change, so stored rows can be rebuilt. */
  readonly signature: string;
}

/** The Unicode tables behind case folding (compare-values.ts); a Node upgrade may change keys. */
const keyVersion = `keys-2/unicode-${process.versions.unicode ?? "?"}`;

export function compilePlan(plan: ResourcePlan): CompiledPlan {
  const keyed = new Map<string, StoreAttribute>();
  for (const attr of [...plan.indexed, ...plan.unique]) {
    if (attr.source !== "entry") continue; // engine fields have their own columns and tables
    const label = attributeLabel(attr);
    const known = keyed.get(label);
    if (known !== undefined && !sameAttribute(known, attr)) {
      throw new Error(`two plan attributes share the index label ${label}`);
    }
    if (known !== undefined && (known.type !== attr.type || known.caseExact !== attr.caseExact)) {
      throw new Error(`plan attribute ${label} is listed with two different comparison rules`);
    }
    keyed.set(label, attr);
  }
  const unique = new Set(plan.unique.filter((a) => a.source === "entry").map(attributeLabel));
  const signature = JSON.stringify({
    keyVersion,
    keyed: [...keyed.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([label, a]) => [label, a.type, a.caseExact, a.multiValued, unique.has(label)]),
    display: plan.displayAttributes,
  });
  return { plan, keyed, unique, signature };
}

/** Whether a filter or sort attribute can use entry_keys: same attribute, same comparison rules. */
export function keyedAttribute(compiled: CompiledPlan, attr: StoreAttribute): boolean {
  if (attr.source !== "entry") return false;
  const known = compiled.keyed.get(attributeLabel(attr));
  return (
    known !== undefined &&
    sameAttribute(known, attr) &&
    known.type === attr.type &&
    known.caseExact === attr.caseExact &&
    known.multiValued === attr.multiValued
  );
}

export function indexRows(compiled: CompiledPlan, attributes: EntryAttributes): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const [label, attr] of compiled.keyed) {
    const uniq = compiled.unique.has(label) ? 1 : 0;
    const sortKey = sortKeyOf(attributes, attr);
    for (const key of keysOf(attributes, attr)) {
      rows.push({ attr: label, rank: 0, key, sorted: key === sortKey ? 1 : 0, uniq });
    }
    if (sortKey === undefined) rows.push({ attr: label, rank: 1, key: "", sorted: 1, uniq: 0 });
  }
  return rows;
}

/** Rows identical in every column, so an update can delete and insert only what changed. */
export function rowIdentity(row: IndexRow): string {
  return `${row.attr}\u0000${row.rank}\u0000${row.key}\u0000${row.sorted}\u0000${row.uniq}`;
}

export function displayFor(compiled: CompiledPlan, attributes: EntryAttributes): string | null {
  return displayOf(attributes, compiled.plan) ?? null;
}
