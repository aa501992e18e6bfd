// A slow datastore on demand: wraps a real one so that, while the gate is closed, every data operation
// (get, query, create, update, delete, groupsOf) waits for it to open. A test can then hold exactly N
// requests inside the server at once and see what the N+1st gets, without sleeping and guessing.
import type { Datastore } from "../../../reference/datastore/datastore.js";

const gatedMethods = new Set(["get", "query", "create", "update", "delete", "groupsOf"]);

export class Gate {
  #open = true;
  #waiters: (() => void)[] = [];

  /** Operations waiting right now. */
  get waiting(): number {
    return this.#waiters.length;
  }

  close(): void {
    this.#open = false;
  }

  open(): void {
    this.#open = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  pass(): Promise<void> {
    return this.#open ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Resolves once `n` operations wait (polling; the test's own timeout bounds it). */
  async untilWaiting(n: number): Promise<void> {
    while (this.waiting < n) await new Promise((r) => setTimeout(r, 5));
  }

  wrap(store: Datastore): Datastore {
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (typeof property !== "string" || !gatedMethods.has(property)) return value.bind(target);
        return async (...args: unknown[]) => {
          await this.pass();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}
