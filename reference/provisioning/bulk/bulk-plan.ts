// The order in which a bulk request's operations run (RFC 7644 §3.7: the service provider "MAY elect to
// optimize the sequence ... MUST ensure that the client's intent is preserved"; "before a User can be added
// to a Group, they must first be created"). An operation runs after every POST whose bulkId it refers to;
// among the operations that are ready, the client's order wins. Operations that refer to each other in a
// cycle (§3.7.1, e.g. two groups that are members of each other) form one step: each is first created
// without the references that cannot resolve yet, then completed once all of them exist. A reference to a
// bulkId that no POST in the request defines fails its operation.

import { pathReferences, referencesIn } from "./bulk-references.js";
import type { BulkOperation } from "./bulk-request.js";

export type BulkStep =
  | { readonly kind: "single"; readonly operation: BulkOperation }
  /** A strongly connected set of POSTs (RFC 7644 §3.7.1), in the client's order. */
  | { readonly kind: "cycle"; readonly operations: readonly BulkOperation[] };

export interface BulkPlan {
  readonly steps: readonly BulkStep[];
  /** bulkIds each operation refers to, by operation index. */
  readonly references: ReadonlyMap<number, readonly string[]>;
  /** bulkIds that a valid POST of the request defines. */
  readonly defined: ReadonlySet<string>;
}

/** A binary min-heap: the ready step with the lowest request position comes out first, in O(log n). */
class MinHeap<T> {
  readonly #items: T[] = [];
  readonly #less: (a: T, b: T) => number;

  constructor(compare: (a: T, b: T) => number) {
    this.#less = compare;
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#less(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.#less(items[l] as T, items[m] as T) < 0) m = l;
      if (r < items.length && this.#less(items[r] as T, items[m] as T) < 0) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m] as T, items[i] as T];
      i = m;
    }
    return top;
  }
}

/** Tarjan's strongly connected components over the "refers to" graph. */
function components(count: number, edges: readonly (readonly number[])[]): number[][] {
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const result: number[][] = [];
  let next = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = next++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v] ?? []) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v] ?? 0, low[w] ?? 0);
      } else if (onStack[w]) {
        low[v] = Math.min(low[v] ?? 0, index[w] ?? 0);
      }
    }
    if (low[v] === index[v]) {
      const component: number[] = [];
      let w: number | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack[w] = false;
        component.push(w);
      } while (w !== v);
      result.push(component.sort((a, b) => a - b));
    }
  };
  for (let v = 0; v < count; v++) if (index[v] === -1) visit(v);
  return result;
}

export function planBulk(operations: readonly BulkOperation[]): BulkPlan {
  const definedBy = new Map<string, number>();
  for (const op of operations) {
    if (op.invalid === undefined && op.method === "POST" && op.bulkId !== undefined)
      definedBy.set(op.bulkId, op.index);
  }
  const references = new Map<number, readonly string[]>();
  const edges: number[][] = operations.map(() => []);
  for (const op of operations) {
    const refs = [...pathReferences(op.path), ...referencesIn(op.data)].filter(
      (r, i, all) => all.indexOf(r) === i,
    );
    references.set(op.index, refs);
    for (const ref of refs) {
      const target = definedBy.get(ref);
      if (target !== undefined) edges[op.index]?.push(target);
    }
  }
  const sccs = components(operations.length, edges);
  const sccOf = new Array<number>(operations.length).fill(0);
  sccs.forEach((members, i) => {
    for (const m of members) sccOf[m] = i;
  });
  // Kahn's algorithm over the condensed graph, always taking the ready component whose first operation
  // came first in the request, so independent operations keep the client's order.
  const waitingOn = sccs.map(() => new Set<number>());
  const dependents = sccs.map(() => new Set<number>());
  sccs.forEach((members, c) => {
    for (const m of members) {
      for (const target of edges[m] ?? []) {
        const d = sccOf[target] ?? c;
        if (d !== c) {
          waitingOn[c]?.add(d);
          dependents[d]?.add(c);
        }
      }
    }
  });
  const firstIndex = (c: number) => sccs[c]?.[0] ?? 0;
  const ready = new MinHeap<number>((a, b) => firstIndex(a) - firstIndex(b));
  sccs.forEach((_, c) => {
    if (waitingOn[c]?.size === 0) ready.push(c);
  });
  const steps: BulkStep[] = [];
  for (let c = ready.pop(); c !== undefined; c = ready.pop()) {
    const members = (sccs[c] ?? [])
      .map((i) => operations[i])
      .filter((o): o is BulkOperation => o !== undefined);
    const only = members[0];
    const selfLoop =
      members.length === 1 && only !== undefined && (edges[only.index] ?? []).includes(only.index);
    if (members.length > 1 || selfLoop) steps.push({ kind: "cycle", operations: members });
    else if (only !== undefined) steps.push({ kind: "single", operation: only });
    for (const d of dependents[c] ?? []) {
      waitingOn[d]?.delete(c);
      if (waitingOn[d]?.size === 0) ready.push(d);
    }
  }
  return { steps, references, defined: new Set(definedBy.keys()) };
}
