// TEST SUPPORT: how contract sections declare tests. Each test gets a fresh store and closes it; a test
// that needs a capability names it, and the adapter's `skip` map (by test title or by capability) turns
// it into a skipped test that states the adapter's reason (STYLE.md §15, hono's common.case.test.ts).
import { it } from "node:test";
import type { Datastore, DatastoreCapabilities } from "../datastore.js";

export interface DatastoreContractOptions {
  readonly name: string;
  /** A fresh, empty store for each test. */
  readonly create: () => Datastore | Promise<Datastore>;
  /** Test titles or capability names → the reason this adapter skips them. */
  readonly skip?: Readonly<Record<string, string>>;
}

export type Capability = keyof DatastoreCapabilities;

export interface ContractHarness {
  readonly options: DatastoreContractOptions;
  test(title: string, body: (store: Datastore) => Promise<void>, needs?: readonly Capability[]): void;
  /** A test over a store its describe block shares (created in `before`), skippable by title. */
  shared(title: string, body: () => Promise<void>, needs?: readonly Capability[]): void;
}

export function contractHarness(options: DatastoreContractOptions): ContractHarness {
  const reasonFor = (title: string, needs: readonly Capability[]) =>
    options.skip?.[title] ?? needs.map((c) => options.skip?.[c]).find((r) => r !== undefined);
  return {
    options,
    test(title, body, needs = []) {
      const reason = reasonFor(title, needs);
      it(title, reason === undefined ? {} : { skip: reason }, async () => {
        const store = await options.create();
        try {
          for (const capability of needs) {
            if (!store.capabilities[capability])
              throw new Error(`${options.name} lacks ${capability}; skip it`);
          }
          await body(store);
        } finally {
          await store.close();
        }
      });
    },
    shared(title, body, needs = []) {
      const reason = reasonFor(title, needs);
      it(title, reason === undefined ? {} : { skip: reason }, body);
    },
  };
}
