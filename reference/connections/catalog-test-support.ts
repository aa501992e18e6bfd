// TEST-ONLY: what the connection catalog's multi-process tests need without a PostgreSQL server. A
// memory store shared by several catalogs stands for one database shared by several server processes;
// `watchedStore` gives each "process" its own view of it that reports settings changes as PostgreSQL does
// (datastore.ts `watchSettings`): after the write commits, asynchronously, to every watching view, the
// writer included. Only *.test.ts files import this.
import { pino } from "pino";
import type { Datastore, EntryValue } from "../datastore/datastore.js";
import type { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import { ConfiguredResolver } from "./configured-resolver.js";
import type { CatalogOptions } from "./connection-catalog.js";
import { ScryptPasswordHasher } from "./password-hasher.js";
import { specDefinitions } from "./spec-schemas.js";

export const cheapHasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

/** Notifies listeners of every view made by one `watchHub` (one "database"). */
export interface WatchHub {
  /** A view of the shared store, as one process's connection to the database. */
  view(): Datastore;
  /** Sends a key to every listener, as PostgreSQL's watch does ("*" after a reconnect). */
  notify(key: string): void;
}

export function watchHub(shared: MemoryDatastore): WatchHub {
  const listeners = new Set<(key: string) => void>();
  const notify = (key: string) => {
    setImmediate(() => {
      for (const listener of listeners) listener(key);
    });
  };
  /** `written` collects the keys a transaction writes; they are announced once it commits. */
  const wrap = (inner: Datastore, written: string[] | undefined): Datastore =>
    new Proxy(inner, {
      get(target, property, receiver) {
        if (property === "putSetting")
          return async (key: string, value: EntryValue) => {
            await target.putSetting(key, value);
            if (written === undefined) notify(key);
            else written.push(key);
          };
        if (property === "transaction")
          return async <T>(work: (store: Datastore) => Promise<T>): Promise<T> => {
            const keys: string[] = [];
            const result = await target.transaction((tx) => work(wrap(tx, written ?? keys)));
            if (written === undefined) for (const key of keys) notify(key);
            return result;
          };
        if (property === "watchSettings" && written === undefined)
          return async (listener: (key: string) => void) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          };
        if (property === "close") return async () => {};
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return { view: () => wrap(shared, undefined), notify };
}

export interface TestCatalogOptions extends CatalogOptions {
  readonly resolver: ConfiguredResolver;
  readonly announcements: string[];
  readonly errors: string[];
}

/** Catalog options over `datastore`, collecting announcements and error logs. */
export function catalogOptions(datastore: Datastore): TestCatalogOptions {
  const announcements: string[] = [];
  const errors: string[] = [];
  const silent = pino({ level: "silent" });
  return {
    datastore,
    hasher: cheapHasher,
    resolver: new ConfiguredResolver({ datastore, hasher: cheapHasher, anchorsConfigured: false }),
    spec: specDefinitions(),
    log: {
      info: (obj, msg) => silent.info(obj, msg),
      warn: (obj, msg) => silent.warn(obj, msg),
      error: (_obj, msg) => errors.push(msg ?? ""),
    },
    announce: (m) => announcements.push(m),
    announcements,
    errors,
  };
}

/** Polls `check` until it holds or `ms` pass; returns whether it held (callers assert with context). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 2000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
