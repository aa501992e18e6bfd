// Compiles a StoreFilter into a parameterised SQL condition over the entries row `e` (RFC 7644
// §3.4.2.2), with the semantics of the in-memory matcher (memory-filter-matcher.ts), which is the oracle
// of a differential property test. Dispatch is exhaustive over node kinds (STYLE.md §6).
//
// How each attribute is reached:
// - indexed entry attributes: `e.pk IN (SELECT entry FROM entry_keys …)`, an index range on the normalised
//   key computed in JS (index-rows.ts), so eq/sw/gt/ge/lt/le never scan entries;
// - other entry attributes: the dialect's JSON functions over `e.doc` (a scan of one scope only);
// - engine fields: `e.id`, `e.created`, `e.modified` (key-form columns); `members` through the members
//   table joined to member entries; `groups` through a recursive closure over members (nested groups,
//   UNION makes it cycle-safe, RFC 7643 §4.1.2).
// Every leaf is a never-NULL boolean, so NOT is two-valued logic like the matcher's (`ne` ≡ not `eq`).
import type { CompareNode, PresentNode } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { StoreAttribute, StoreFilter } from "../datastore.js";
import { attributeLabel } from "../entry-values.js";
import { engineAttributeName, type KeyOperator, keySatisfies, operandKey } from "../filter-operand.js";
import { prefixUpperBound, storeKey } from "../store-key.js";
import { validateStoreFilter } from "../validate-store-filter.js";
import type { CompiledPlan } from "./index-rows.js";
import { keyedAttribute } from "./index-rows.js";
import type { JsonSlot, SqlDialect } from "./sql-dialect.js";
import { join, raw, type SqlFragment, sql, sqlFalse, sqlTrue } from "./sql-fragment.js";

export interface ScopeInfo {
  readonly scopeId: number;
  readonly resourceType: string;
  readonly hasMembers: boolean;
}

export interface FilterContext {
  readonly dialect: SqlDialect;
  readonly scopeId: number;
  readonly compiled: CompiledPlan;
  /** Every scope of the connection: members and groups may be of any of its resource types. */
  readonly connectionScopes: readonly ScopeInfo[];
}

type Compare = CompareNode<StoreAttribute>;

// Generated ids are lower-case UUIDs, i.e. their own comparison key; the meta columns hold dateTime keys.
const engineColumns = { id: "id", "meta.created": "created", "meta.lastModified": "modified" } as const;
type Present = PresentNode<StoreAttribute>;

/**
 * A compiled condition over `e`, and, when the condition is exactly "e.pk is in an indexed set", that set
 * as a SELECT of pks. OR of two sets becomes one `IN (… UNION …)`, which SQLite answers from the indexes;
 * `a OR b` of two separate IN conditions would make it walk every entry of the scope instead.
 */
interface Compiled {
  readonly cond: SqlFragment;
  /** SELECTs of one pk column whose UNION is exactly the set of entries the condition accepts. */
  readonly union?: readonly SqlFragment[];
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

const not = (f: SqlFragment) => sql`NOT (${f})`;
const isTrue = (f: SqlFragment) => sql`(${f}) IS TRUE`;

function inList(column: SqlFragment, values: readonly number[]): SqlFragment {
  if (values.length === 0) return sqlFalse;
  return sql`${column} IN (${join(
    values.map((v) => sql`${v}`),
    ", ",
  )})`;
}

/** Which of the given texts (resource type names, "direct"/"indirect") satisfy a comparison. */
function textsMatching(texts: readonly string[], attr: StoreAttribute, op: KeyOperator, operand: string) {
  return texts.filter((text) => {
    const key = storeKey(text, attr.type, attr.caseExact);
    return key !== undefined && keySatisfies(op, key, operand);
  });
}

/** Whether a filter inside `groups[...]` names the relation type, which depends on (member, group). */
function mentionsSub(filter: StoreFilter, sub: string): boolean {
  return visitFilter<StoreAttribute, boolean>(filter, {
    compare: (n) => n.attr.subPath === sub,
    present: (n) => n.attr.subPath === sub,
    and: (n) => mentionsSub(n.left, sub) || mentionsSub(n.right, sub),
    or: (n) => mentionsSub(n.left, sub) || mentionsSub(n.right, sub),
    not: (n) => mentionsSub(n.operand, sub),
    valuePath: (n) => mentionsSub(n.filter, sub),
  });
}

/** How one element-level attribute reads in SQL: a key expression and a presence test. */
interface ElementAccess {
  /** The key expression; `nullable` false for NOT NULL columns, whose comparisons then stay sargable. */
  key(attr: StoreAttribute): { readonly expr: SqlFragment; readonly nullable: boolean } | undefined;
  present(attr: StoreAttribute): SqlFragment;
  /** For attributes whose value is a fixed text per row (member type, group relation type). */
  choice?(attr: StoreAttribute, op: KeyOperator, operand: string): SqlFragment | undefined;
}

export class SqlFilterCompiler {
  readonly #ctx: FilterContext;
  #aliases = 0;

  constructor(ctx: FilterContext) {
    this.#ctx = ctx;
  }

  /** The condition for `filter` over `e`; throws 400 invalidFilter before emitting anything invalid. */
  compile(filter: StoreFilter): SqlFragment {
    validateStoreFilter(filter);
    return this.#node(filter).cond;
  }

  #alias(prefix: string): string {
    this.#aliases += 1;
    return `${prefix}${this.#aliases}`;
  }

  #keyCondition(key: SqlFragment, op: KeyOperator, operand: string): SqlFragment {
    const d = this.#ctx.dialect;
    switch (op) {
      case "eq":
        return sql`${key} = ${operand}`;
      case "gt":
        return sql`${key} > ${operand}`;
      case "ge":
        return sql`${key} >= ${operand}`;
      case "lt":
        return sql`${key} < ${operand}`;
      case "le":
        return sql`${key} <= ${operand}`;
      case "sw": {
        // A prefix is a key range, so `sw` on an indexed attribute is an index range scan.
        const upper = prefixUpperBound(operand);
        return upper === undefined
          ? sql`${key} >= ${operand}`
          : sql`(${key} >= ${operand} AND ${key} < ${upper})`;
      }
      case "co":
        return d.contains(key, operand);
      case "ew":
        return d.endsWith(key, operand);
    }
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
        sql`SELECT pk FROM entries WHERE scope = ${this.#ctx.scopeId} AND ${this.#keyCondition(raw(column), op, operand)}`,
      ]);
    }
    if (keyedAttribute(this.#ctx.compiled, attr)) {
      return this.#keyed(attr, this.#keyCondition(raw("k.key"), op, operand));
    }
    return plain(
      this.#jsonAny(attr, (slot) => isTrue(this.#keyCondition(this.#jsonKey(slot, attr), op, operand))),
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
    if (keyedAttribute(this.#ctx.compiled, attr)) return this.#keyed(attr, raw("k.key <> ''"));
    return plain(this.#jsonAny(attr, (slot) => this.#ctx.dialect.jsonPresent(slot)));
  }

  #keyed(attr: StoreAttribute, condition: SqlFragment): Compiled {
    return rowSet([
      sql`SELECT k.entry FROM entry_keys k WHERE k.scope = ${this.#ctx.scopeId} AND k.attr = ${attributeLabel(attr)} AND k.rank = 0 AND ${condition}`,
    ]);
  }

  #jsonKey(slot: JsonSlot, attr: StoreAttribute): SqlFragment {
    return this.#ctx.dialect.jsonKey(slot, { type: attr.type, caseExact: attr.caseExact });
  }

  /** True when some value of an entry attribute satisfies `test` (entry-values.ts `valuesOf`). */
  #jsonAny(attr: StoreAttribute, test: (slot: JsonSlot) => SqlFragment): SqlFragment {
    const d = this.#ctx.dialect;
    const doc = raw("e.doc");
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
      if (name === "members") return rowSet([this.#members(inner)]);
      if (name === "groups") return rowSet([this.#groups(inner)]);
      return this.#node(inner); // id and meta have one value: the element is the value itself
    }
    const d = this.#ctx.dialect;
    const doc = raw("e.doc");
    let exact: SqlFragment;
    if (attr.multiValued) {
      const elements = d.jsonElements(doc, attr.name, this.#alias("j"));
      const where = this.#element(inner, this.#jsonAccess(elements.element));
      exact = sql`EXISTS (SELECT 1 FROM ${elements.from} WHERE ${elements.where} AND ${where})`;
    } else {
      const slot = d.jsonAt(doc, [attr.name]);
      const exists = sql`${slot.type} IS NOT NULL AND ${slot.type} <> 'null'`;
      exact = sql`(${exists} AND ${this.#element(inner, this.#jsonAccess(slot))})`;
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

  /** An inner filter evaluated against one element (RFC 7644 §3.4.2.2 valuePath). */
  #element(filter: StoreFilter, access: ElementAccess): SqlFragment {
    return visitFilter<StoreAttribute, SqlFragment>(filter, {
      compare: (n) => this.#elementCompare(n, access),
      present: (n) => access.present(n.attr),
      and: (n) => sql`(${this.#element(n.left, access)} AND ${this.#element(n.right, access)})`,
      or: (n) => sql`(${this.#element(n.left, access)} OR ${this.#element(n.right, access)})`,
      not: (n) => not(this.#element(n.operand, access)),
      valuePath: () => sqlFalse, // refused by validateStoreFilter
    });
  }

  #elementCompare(n: Compare, access: ElementAccess): SqlFragment {
    const { attr, op, value } = n;
    if (value === null) return op === "eq" ? not(access.present(attr)) : access.present(attr);
    if (op === "ne") return not(this.#elementCompare({ ...n, op: "eq" }, access));
    const operand = operandKey(attr, op, value);
    const choice = access.choice?.(attr, op, operand);
    if (choice !== undefined) return choice;
    const key = access.key(attr);
    if (key === undefined) return sqlFalse;
    const condition = this.#keyCondition(key.expr, op, operand);
    return key.nullable ? isTrue(condition) : condition;
  }

  #scopesOfConnection(): number[] {
    return this.#ctx.connectionScopes.map((s) => s.scopeId);
  }

  /** RFC 7643 §4.2 `members`: value is the member's id, type its resource type, display its display. */
  #members(inner: StoreFilter): SqlFragment {
    const d = this.#ctx.dialect;
    const scopes = this.#ctx.connectionScopes;
    const access: ElementAccess = {
      key: (attr) =>
        attr.subPath === "value"
          ? { expr: raw("u.id"), nullable: false }
          : attr.subPath === "display"
            ? { expr: d.textKey(raw("u.display"), attr), nullable: true }
            : undefined,
      present: (attr) => (attr.subPath === "display" ? raw("u.display IS NOT NULL") : sqlTrue),
      choice: (attr, op, operand) => {
        if (attr.subPath !== "type") return undefined;
        const types = textsMatching(
          scopes.map((s) => s.resourceType),
          attr,
          op,
          operand,
        );
        return inList(
          raw("u.scope"),
          scopes.filter((s) => types.includes(s.resourceType)).map((s) => s.scopeId),
        );
      },
    };
    const where = this.#element(inner, access);
    const memberScopes = inList(raw("u.scope"), this.#scopesOfConnection());
    return sql`SELECT m.group_pk FROM members m JOIN entries u ON u.pk = m.member_pk WHERE ${memberScopes} AND ${where}`;
  }

  /**
   * RFC 7643 §4.1.2 `groups`: every group that lists the entry, directly or through nested groups. The
   * closure walks down from the groups that can match; when the filter names `type` (direct/indirect,
   * which depends on the pair) it walks down from every group and tests each pair.
   */
  #groups(inner: StoreFilter): SqlFragment {
    const d = this.#ctx.dialect;
    const groupScopes = this.#ctx.connectionScopes.filter((s) => s.hasMembers).map((s) => s.scopeId);
    const cte = this.#alias("closure");
    // The relation type of a (member, group) pair of the closure: direct when the group lists the member.
    const direct = raw(
      "EXISTS (SELECT 1 FROM members x WHERE x.group_pk = d.grp AND x.member_pk = d.member)",
    );
    const access = (g: string, byPair: boolean): ElementAccess => ({
      key: (attr) =>
        attr.subPath === "value"
          ? { expr: raw(`${g}.id`), nullable: false }
          : attr.subPath === "display"
            ? { expr: d.textKey(raw(`${g}.display`), attr), nullable: true }
            : undefined,
      present: (attr) => (attr.subPath === "display" ? raw(`${g}.display IS NOT NULL`) : sqlTrue),
      choice: (attr, op, operand) => {
        if (attr.subPath !== "type" || !byPair) return undefined;
        const types = textsMatching(["direct", "indirect"], attr, op, operand);
        if (types.length === 2) return sqlTrue;
        if (types.length === 0) return sqlFalse;
        return types[0] === "direct" ? direct : not(direct);
      },
    });
    const byType = mentionsSub(inner, "type");
    const seed = byType ? sqlTrue : this.#element(inner, access("g0", false));
    const walk = sql`WITH RECURSIVE ${raw(cte)}(member, grp) AS (
      SELECT m.member_pk, m.group_pk FROM members m JOIN entries g0 ON g0.pk = m.group_pk
        WHERE ${inList(raw("g0.scope"), groupScopes)} AND ${seed}
      UNION
      SELECT m.member_pk, d.grp FROM members m JOIN ${raw(cte)} d ON m.group_pk = d.member)`;
    if (!byType) return sql`${walk} SELECT member FROM ${raw(cte)}`;
    const test = this.#element(inner, access("g", true));
    return sql`${walk} SELECT d.member FROM ${raw(cte)} d JOIN entries g ON g.pk = d.grp WHERE ${test}`;
  }
}

export function compileStoreFilter(filter: StoreFilter, ctx: FilterContext): SqlFragment {
  return new SqlFilterCompiler(ctx).compile(filter);
}
