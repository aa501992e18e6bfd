// Compiles a StoreFilter into a parameterised SQL condition over the entries row `e` (RFC 7644
// §3.4.2.2), with the semantics of the in-memory matcher (memory-filter-matcher.ts), which is the oracle
// of a differential property test. Dispatch is exhaustive over node kinds (STYLE.md §6).
//
// How each attribute is reached:
// - indexed entry attributes: `e.pk IN (SELECT entry FROM entry_keys …)`, an index range on the normalised
//   key computed in JS (index-rows.ts), so eq/sw/gt/ge/lt/le never scan entries;
// - other entry attributes: the dialect's JSON functions over the entry's document (a scan of one scope
//   only);
// - engine fields: `e.id`, `e.created`, `e.modified` (key-form columns); `members` through the members
//   table joined to member entries; `groups` through a recursive closure over members (nested groups,
//   UNION makes it cycle-safe, RFC 7643 §4.1.2).
// Every leaf is a never-NULL boolean, so NOT is two-valued logic like the matcher's (`ne` ≡ not `eq`).
import type { CompareNode, PresentNode } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { StoreAttribute, StoreFilter } from "../datastore.js";
import { attributeLabel } from "../entry-values.js";
import { engineAttributeName, operandKey } from "../filter-operand.js";
import { validateStoreFilter } from "../validate-store-filter.js";
import { keyedAttribute } from "./index-rows.js";
import type { JsonSlot } from "./sql-dialect.js";
import { type ElementAccess, elementFilter, isTrue, keyCondition, not } from "./sql-element-filter.js";
import type { FilterContext } from "./sql-filter-context.js";
import { join, raw, type SqlFragment, sql, sqlTrue } from "./sql-fragment.js";
import { groupsRows, membersRows } from "./sql-membership-filters.js";

type Compare = CompareNode<StoreAttribute>;
type Present = PresentNode<StoreAttribute>;

// Generated ids are lower-case UUIDs, i.e. their own comparison key; the meta columns hold dateTime keys.
const engineColumns = { id: "id", "meta.created": "created", "meta.lastModified": "modified" } as const;

/**
 * A compiled condition over `e`, and, when the condition is exactly "e.pk is in an indexed set", that set
 * as a SELECT of pks. OR of two sets becomes one `IN (… UNION …)`, which SQLite answers from the indexes;
 * `a OR b` of two separate IN conditions would make it walk every entry of the scope instead.
 */
interface Compiled {
  readonly cond: SqlFragment;
  /** SELECTs of one pk column whose UNION is exactly the set of entries the condition accepts. */
  readonly union?: readonly SqlFragment[];
  /**
   * Set by an `eq` on a unique attribute only (every combination drops it): `union` is one SELECT of at
   * most one pk, so `compile` may test `e.pk = (…)` at the top of the WHERE clause.
   */
  readonly atMostOne?: true;
}

/** SQLite refuses compound SELECTs of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT). */
const maxUnion = 200;

function unionOf(selects: readonly SqlFragment[]): SqlFragment {
  if (selects.length === 1 && selects[0] !== undefined) return selects[0];
  return join(
    selects.map((select, i) => sql`SELECT * FROM (${select}) AS ${raw(`u${i}`)}`),
    " UNION ",
  );
}

const plain = (cond: SqlFragment): Compiled => ({ cond });
const rowSet = (union: readonly SqlFragment[]): Compiled => ({
  cond: sql`e.pk IN (${unionOf(union)})`,
  union,
});

export class SqlFilterCompiler {
  readonly #ctx: FilterContext;
  #aliases = 0;

  constructor(ctx: FilterContext) {
    this.#ctx = ctx;
  }

  /** The condition for `filter` over `e`; throws 400 invalidFilter before emitting anything invalid. */
  compile(filter: StoreFilter): CompiledFilter {
    validateStoreFilter(filter);
    const compiled = this.#node(filter);
    // `userName eq "…"`, the lookup Entra ID and Okta make before every create: `=` reads the one entry
    // directly, where `IN` made SQLite build a one-row list first (2–3 µs of a 20 µs statement, timed
    // inside two servers side by side on 1,000,000 users). Only at the top: with no such entry
    // `e.pk = (…)` is NULL, which a WHERE clause treats as false but NOT would keep NULL, where the IN
    // form gives true.
    const only = compiled.atMostOne ? compiled.union?.[0] : undefined;
    const condition = only === undefined ? compiled.cond : sql`e.pk = (${only})`;
    return { condition, keyed: compiled.union !== undefined };
  }

  #alias(prefix: string): string {
    this.#aliases += 1;
    return `${prefix}${this.#aliases}`;
  }

  #node(node: StoreFilter): Compiled {
    return visitFilter<StoreAttribute, Compiled>(node, {
      compare: (n) => this.#compare(n),
      present: (n) => this.#present(n.attr),
      and: (n) => this.#both(this.#node(n.left), this.#node(n.right)),
      or: (n) => this.#either(this.#node(n.left), this.#node(n.right)),
      not: (n) => plain(not(this.#node(n.operand).cond)),
      valuePath: (n) => this.#valuePath(n.attr, n.filter),
    });
  }

  #both(left: Compiled, right: Compiled): Compiled {
    const cond = sql`(${left.cond} AND ${right.cond})`;
    if (left.union === undefined || right.union === undefined) return plain(cond);
    const intersection = sql`SELECT * FROM (${unionOf(left.union)}) AS l INTERSECT SELECT * FROM (${unionOf(right.union)}) AS r`;
    return { cond, union: [intersection] };
  }

  #either(left: Compiled, right: Compiled): Compiled {
    // A flat UNION of all the sets of an OR chain; past SQLite's compound-select limit, a plain OR.
    if (
      left.union === undefined ||
      right.union === undefined ||
      left.union.length + right.union.length > maxUnion
    ) {
      return plain(sql`(${left.cond} OR ${right.cond})`);
    }
    return rowSet([...left.union, ...right.union]);
  }

  #compare(n: Compare): Compiled {
    const { attr, op, value } = n;
    if (value === null) return op === "eq" ? plain(not(this.#present(attr).cond)) : this.#present(attr);
    if (op === "ne") return plain(not(this.#compare({ ...n, op: "eq" }).cond));
    const operand = operandKey(attr, op, value);
    if (attr.source === "engine") {
      const name = engineAttributeName(attr);
      if (name === "members" || name === "groups") return this.#valuePath({ ...attr, subPath: undefined }, n);
      const column = engineColumns[name];
      return rowSet([
        sql`SELECT pk FROM entries WHERE scope = ${this.#ctx.scopeId} AND ${keyCondition(this.#ctx.dialect, raw(column), op, operand)}`,
      ]);
    }
    if (keyedAttribute(this.#ctx.compiled, attr)) {
      const select = this.#keySelect(attr, keyCondition(this.#ctx.dialect, raw("k.key"), op, operand));
      // A unique attribute's key names at most one entry: its rank-0 rows all carry uniq = 1 under the
      // partial unique index on (scope, attr, key), and are rebuilt whenever the plan changes (index-rows.ts).
      const unique = op === "eq" && this.#ctx.compiled.unique.has(attributeLabel(attr));
      return unique ? { ...rowSet([select]), atMostOne: true } : rowSet([select]);
    }
    return plain(
      this.#jsonAny(attr, (slot) =>
        isTrue(keyCondition(this.#ctx.dialect, this.#jsonKey(slot, attr), op, operand)),
      ),
    );
  }

  #present(attr: StoreAttribute): Compiled {
    if (attr.source === "engine") {
      const name = engineAttributeName(attr);
      if (name === "members" || name === "groups") {
        const node: Present = { kind: "present", attr };
        if (attr.subPath === "display") return this.#valuePath({ ...attr, subPath: undefined }, node);
        // Any member (any group) is present; a group listed in `groups` always has a value and a type.
        return plain(
          name === "members"
            ? sql`EXISTS (SELECT 1 FROM members m WHERE m.group_pk = e.pk)`
            : sql`EXISTS (SELECT 1 FROM members m WHERE m.member_pk = e.pk)`,
        );
      }
      return plain(sqlTrue); // id and meta instants always have a value
    }
    if (keyedAttribute(this.#ctx.compiled, attr)) return rowSet([this.#keySelect(attr, raw("k.key <> ''"))]);
    return plain(this.#jsonAny(attr, (slot) => this.#ctx.dialect.jsonPresent(slot)));
  }

  /** The entries with a rank-0 key of `attr` that satisfies `condition`, as a SELECT of pks. */
  #keySelect(attr: StoreAttribute, condition: SqlFragment): SqlFragment {
    return sql`SELECT k.entry FROM entry_keys k WHERE k.scope = ${this.#ctx.scopeId} AND k.attr = ${attributeLabel(attr)} AND k.rank = 0 AND ${condition}`;
  }

  #jsonKey(slot: JsonSlot, attr: StoreAttribute): SqlFragment {
    return this.#ctx.dialect.jsonKey(slot, { type: attr.type, caseExact: attr.caseExact });
  }

  /** True when some value of an entry attribute satisfies `test` (entry-values.ts `valuesOf`). */
  #jsonAny(attr: StoreAttribute, test: (slot: JsonSlot) => SqlFragment): SqlFragment {
    const d = this.#ctx.dialect;
    const doc = d.document("e");
    if (!attr.multiValued) {
      return test(d.jsonAt(doc, attr.subPath === undefined ? [attr.name] : [attr.name, attr.subPath]));
    }
    const elements = d.jsonElements(doc, attr.name, this.#alias("j"));
    const slot = attr.subPath === undefined ? elements.element : d.jsonMember(elements.element, attr.subPath);
    return sql`EXISTS (SELECT 1 FROM ${elements.from} WHERE ${elements.where} AND ${test(slot)})`;
  }

  #valuePath(attr: StoreAttribute, inner: StoreFilter): Compiled {
    if (attr.source === "engine") {
      const name = engineAttributeName(attr);
      if (name === "members") return rowSet([membersRows(this.#ctx, inner)]);
      if (name === "groups") return rowSet([groupsRows(this.#ctx, inner, this.#alias("closure"))]);
      return this.#node(inner); // id and meta have one value: the element is the value itself
    }
    const d = this.#ctx.dialect;
    const doc = d.document("e");
    let exact: SqlFragment;
    if (attr.multiValued) {
      const elements = d.jsonElements(doc, attr.name, this.#alias("j"));
      const where = elementFilter(this.#ctx.dialect, inner, this.#jsonAccess(elements.element));
      exact = sql`EXISTS (SELECT 1 FROM ${elements.from} WHERE ${elements.where} AND ${where})`;
    } else {
      const slot = d.jsonAt(doc, [attr.name]);
      const exists = sql`${slot.type} IS NOT NULL AND ${slot.type} <> 'null'`;
      exact = sql`(${exists} AND ${elementFilter(this.#ctx.dialect, inner, this.#jsonAccess(slot))})`;
    }
    // One element matching the whole inner filter implies that each indexed conjunct matches some
    // element: that weaker condition goes first so the index narrows the rows the JSON test reads.
    const necessary = this.#necessary(inner);
    return plain(necessary === undefined ? exact : sql`(${necessary.cond} AND ${exact})`);
  }

  #necessary(inner: StoreFilter): Compiled | undefined {
    return visitFilter<StoreAttribute, Compiled | undefined>(inner, {
      compare: (n) =>
        n.value !== null && n.op !== "ne" && keyedAttribute(this.#ctx.compiled, n.attr)
          ? this.#compare(n)
          : undefined,
      present: (n) => (keyedAttribute(this.#ctx.compiled, n.attr) ? this.#present(n.attr) : undefined),
      and: (n) => {
        const left = this.#necessary(n.left);
        const right = this.#necessary(n.right);
        if (left === undefined || right === undefined) return left ?? right;
        return this.#both(left, right);
      },
      or: (n) => {
        const left = this.#necessary(n.left);
        const right = this.#necessary(n.right);
        return left !== undefined && right !== undefined ? this.#either(left, right) : undefined;
      },
      not: () => undefined,
      valuePath: () => undefined,
    });
  }

  #jsonAccess(element: JsonSlot): ElementAccess {
    const d = this.#ctx.dialect;
    const slotOf = (attr: StoreAttribute) =>
      attr.subPath === undefined ? element : d.jsonMember(element, attr.subPath);
    return {
      key: (attr) => ({ expr: this.#jsonKey(slotOf(attr), attr), nullable: true }),
      present: (attr) => d.jsonPresent(slotOf(attr)),
    };
  }
}

export interface CompiledFilter {
  readonly condition: SqlFragment;
  /** True when the condition is `e.pk IN (<indexed sets>)`: entries are then best reached by pk. */
  readonly keyed: boolean;
}

export function compileStoreFilter(filter: StoreFilter, ctx: FilterContext): CompiledFilter {
  return new SqlFilterCompiler(ctx).compile(filter);
}
