// Checkpoints of the write-ahead log in a worker thread instead of inside the writer's COMMIT. SQLite's
// automatic checkpoint runs in the connection that commits past 1,000 log pages: copying those pages into
// the database file and syncing it took 7 % of the request thread's CPU during a /Bulk import (issue #8).
// With the checkpointer running, the writer's automatic checkpoint stays as a backstop at `backstopPages`,
// far beyond what the worker lets the log reach; if the worker cannot start or fails, the writer gets
// SQLite's default back and checkpoints as before.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { CheckpointerOptions, SqliteDatabase } from "./sqlite-datastore-config.js";

interface CheckpointWorkerData {
  readonly path: string;
  readonly intervalMs: number;
  /** better-sqlite3, resolved here: the worker's source has no module location of its own. */
  readonly driver: string;
}

/**
 * The worker, as source: a file would be .ts under tsx, whose loader Node 20 does not give workers. It
 * opens its own connection and every tick runs a PASSIVE checkpoint, which copies committed pages into the
 * database file without waiting for, or blocking, readers and the writer
 * (https://sqlite.org/c3ref/wal_checkpoint_v2.html); with nothing new in the log it copies and syncs
 * nothing. The copy and its fsync then use another core than the request thread. It never touches rows.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("synchronous = NORMAL");
// Another checkpoint running makes this one return at once (SQLITE_BUSY); the next tick tries again.
db.pragma("busy_timeout = 0");
// It copies pages from the log: a large page cache would only add to the server's memory.
db.pragma("cache_size = -256");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or failed: the next tick tries again, and the writer's own autocheckpoint is the backstop.
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** SQLite's default automatic checkpoint (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint). */
const defaultAutocheckpointPages = 1000;

export class Checkpointer {
  readonly #worker: Worker;
  readonly #writer: SqliteDatabase;
  #closed: Promise<void> | undefined;
  /** Settles when the worker has stopped for good, whether closed or failed. */
  readonly stopped: Promise<void>;

  constructor(path: string, writer: SqliteDatabase, options: CheckpointerOptions = {}) {
    this.#writer = writer;
    writer.pragma(`wal_autocheckpoint = ${Math.trunc(options.backstopPages ?? 16_384)}`);
    const workerData: CheckpointWorkerData = {
      path,
      intervalMs: options.intervalMs ?? 200,
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
    };
    this.#worker = new Worker(workerSource, { eval: true, workerData });
    // A background helper must never keep a process alive, nor take it down.
    this.#worker.unref();
    this.stopped = new Promise((resolve) => {
      this.#worker.once("error", () => {
        this.#restoreWriter();
        resolve();
      });
      this.#worker.once("exit", () => {
        this.#restoreWriter();
        resolve();
      });
    });
  }

  #restoreWriter(): void {
    if (this.#closed !== undefined) return; // closing: the writer is about to be closed as well
    try {
      this.#writer.pragma(`wal_autocheckpoint = ${defaultAutocheckpointPages}`);
    } catch {
      // The writer is already closed: nothing left to checkpoint for.
    }
  }

  /**
   * Stops the worker and closes its connection, so that the writer's close is the last one (it then
   * checkpoints the whole log and removes it).
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      // Held by the event loop until it has exited: a caller awaiting close() must not see the process end.
      this.#worker.ref();
      this.#worker.postMessage("close");
      await this.stopped;
    })();
    return this.#closed;
  }
}
