// Evaluates a StoreFilter against one entry (RFC 7644 §3.4.2.2). This is the executable specification
// that the SQL compilers are differentially tested against, so it favours the obvious over the fast:
// - a comparison matches when *any* value of the attribute satisfies it (multi-valued attributes);
// - `ne` is the negation of `eq`, so an entry without the attribute matches `ne`;
// - `eq null` means "not present" and `ne null` "present";
// - a value filter `attr[f]` matches when one element satisfies `f` as a whole.
import type { CompareOperator, FilterValue } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type {
  EntryAttributes,
  EntryMeta,
  EntryValue,
  GroupRef,
  ResolvedMember,
  StoreAttribute,
  StoreFilter,
} from "../datastore.js";
import { elementsOf, elementValue, isPresentValue } from "../entry-values.js";
import { engineAttributeName, keySatisfies, operandKey } from "../filter-operand.js";
import { storeKey } from "../store-key.js";

/** What a filter can see of one entry; members and groups are computed only when a filter names them. */
export interface MatchSubject {
  readonly id: string;
  readonly meta: EntryMeta;
  readonly attributes: EntryAttributes;
  members(): readonly ResolvedMember[];
  groups(): readonly GroupRef[];
}

function refObject(ref: ResolvedMember | GroupRef): EntryValue {
  const object: Record<string, EntryValue> = { value: ref.value, type: ref.type };
  if (ref.display !== undefined) object.display = ref.display;
  return object;
}

/** The elements an attribute has in a subject: engine fields first, then mapped attributes. */
export function subjectElements(subject: MatchSubject, attr: StoreAttribute): EntryValue[] {
  if (attr.source === "entry") return elementsOf(subject.attributes, attr.name, attr.multiValued);
  switch (engineAttributeName(attr)) {
    case "id":
      return [subject.id];
    case "meta.created":
      return [subject.meta.created];
    case "meta.lastModified":
      return [subject.meta.lastModified];
    case "members":
      return subject.members().map(refObject);
    case "groups":
      return subject.groups().map(refObject);
  }
}

function compareValues(
  values: readonly EntryValue[],
  attr: StoreAttribute,
  op: CompareOperator,
  value: FilterValue,
): boolean {
  if (value === null) {
    const present = values.some(isPresentValue);
    return op === "eq" ? !present : present;
  }
  if (op === "ne") return !compareValues(values, attr, "eq", value);
  const operand = operandKey(attr, op, value);
  return values.some((v) => {
    const key = storeKey(v, attr.type, attr.caseExact);
    return key !== undefined && keySatisfies(op, key, operand);
  });
}

function valuesIn(elements: readonly EntryValue[], subPath: string | undefined): EntryValue[] {
  const values: EntryValue[] = [];
  for (const element of elements) {
    const value = elementValue(element, subPath);
    if (value !== undefined) values.push(value);
  }
  return values;
}

function matchElement(element: EntryValue, filter: StoreFilter): boolean {
  return visitFilter<StoreAttribute, boolean>(filter, {
    compare: (n) => compareValues(valuesIn([element], n.attr.subPath), n.attr, n.op, n.value),
    present: (n) => valuesIn([element], n.attr.subPath).some(isPresentValue),
    and: (n) => matchElement(element, n.left) && matchElement(element, n.right),
    or: (n) => matchElement(element, n.left) || matchElement(element, n.right),
    not: (n) => !matchElement(element, n.operand),
    valuePath: () => false, // rejected by validateStoreFilter
  });
}

/** Callers validate the filter first (validate-store-filter.ts); this only evaluates it. */
export function matchesFilter(subject: MatchSubject, filter: StoreFilter): boolean {
  return visitFilter<StoreAttribute, boolean>(filter, {
    compare: (n) =>
      compareValues(valuesIn(subjectElements(subject, n.attr), n.attr.subPath), n.attr, n.op, n.value),
    present: (n) => valuesIn(subjectElements(subject, n.attr), n.attr.subPath).some(isPresentValue),
    and: (n) => matchesFilter(subject, n.left) && matchesFilter(subject, n.right),
    or: (n) => matchesFilter(subject, n.left) || matchesFilter(subject, n.right),
    not: (n) => !matchesFilter(subject, n.operand),
    valuePath: (n) => subjectElements(subject, n.attr).some((element) => matchElement(element, n.filter)),
  });
}
