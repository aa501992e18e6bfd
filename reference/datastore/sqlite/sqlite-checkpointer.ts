// Checkpoints of the write-ahead log in a worker thread instead of inside the writer's COMMIT. SQLite's
// automatic checkpoint runs in the connection that commits past 1,000 log pages: copying those pages into
// the database file and syncing it took 7 % of the request thread's CPU during a /Bulk import (issue #8).
// With the checkpointer running, the writer's automatic checkpoint stays as a backstop at `backstopPages`,
// far beyond what the worker lets the log reach; if the worker cannot start or fails, the writer gets
// SQLite's default back and checkpoints as before.
//
// The worker costs about 9.5 MB of memory (a second V8 isolate), so it runs only while the store is being
// written: a poll of the log file's modification time, once a `pollMs`, starts it when commits appear and
// stops it after `idleMs` without any. Until it is up, and after it stops, the writer checkpoints itself.
import { statSync } from "node:fs";
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
let db;
try {
  db = new Database(workerData.path);
  db.pragma("synchronous = NORMAL");
  // Another checkpoint running makes this one return at once (SQLITE_BUSY); the next tick tries again.
  db.pragma("busy_timeout = 0");
  // It copies pages from the log: a large page cache would only add to the server's memory.
  db.pragma("cache_size = -256");
} catch (error) {
  // The driver's error class reaches the parent as a plain object without its message; an Error keeps it.
  throw new Error(String(error.code ?? "error") + ": " + String(error.message));
}
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
  readonly #path: string;
  readonly #writer: SqliteDatabase;
  readonly #workerData: CheckpointWorkerData;
  readonly #backstopPages: number;
  readonly #idleMs: number;
  readonly #onFailure: ((error: Error) => void) | undefined;
  readonly #poll: NodeJS.Timeout;
  /** The worker that checkpoints now; one being stopped is only in #exits. */
  #running: Worker | undefined;
  /** Settle when each worker started has exited, whether stopped or failed. */
  readonly #exits = new Set<Promise<void>>();
  /** The log's modification time at the last poll, and when it last changed. */
  #seen: number | undefined;
  #activeAt = 0;
  #closed = false;
  /** Set when a worker failed: the writer keeps checkpointing itself from then on. */
  #failed = false;

  constructor(path: string, writer: SqliteDatabase, options: CheckpointerOptions = {}) {
    this.#path = path;
    this.#writer = writer;
    this.#backstopPages = Math.trunc(options.backstopPages ?? 16_384);
    this.#idleMs = options.idleMs ?? 30_000;
    this.#onFailure = options.onFailure;
    this.#workerData = {
      path,
      intervalMs: options.intervalMs ?? 200,
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
    };
    this.#seen = this.#logModified();
    this.#poll = setInterval(() => this.#check(), options.pollMs ?? 250);
    // A background helper must never keep a process alive.
    this.#poll.unref();
  }

  /** Whether a worker is checkpointing now. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Whether a worker failed, so that the writer checkpoints itself for good. */
  get failed(): boolean {
    return this.#failed;
  }

  #logModified(): number | undefined {
    try {
      return statSync(`${this.#path}-wal`).mtimeMs;
    } catch {
      return undefined; // no log yet
    }
  }

  #check(): void {
    const modified = this.#logModified();
    const now = Date.now();
    if (modified !== undefined && modified !== this.#seen) {
      this.#seen = modified;
      this.#activeAt = now;
      this.#start();
    } else if (this.#running !== undefined && now - this.#activeAt > this.#idleMs) {
      this.#stop();
    }
  }

  #setAutocheckpoint(pages: number): void {
    try {
      this.#writer.pragma(`wal_autocheckpoint = ${pages}`);
    } catch {
      // The writer is closed already: nothing left to checkpoint for.
    }
  }

  #start(): void {
    if (this.#running !== undefined || this.#closed || this.#failed) return;
    const worker = new Worker(workerSource, { eval: true, workerData: this.#workerData });
    worker.unref();
    const exited = new Promise<void>((resolve) => {
      worker.once("error", (error: unknown) => {
        this.#failed = true;
        try {
          this.#onFailure?.(
            error instanceof Error ? error : new Error(`checkpoint worker: ${String(error)}`),
          );
        } catch {
          // Thrown inside this listener it would be an uncaught exception and end the server, for a
          // helper whose loss only gives the writer SQLite's own checkpoints back (below).
        }
      });
      worker.once("exit", () => {
        if (this.#running === worker) this.#running = undefined;
        // Without a worker the writer checkpoints itself again, as SQLite does by default.
        if (this.#running === undefined && !this.#closed) this.#setAutocheckpoint(defaultAutocheckpointPages);
        resolve();
      });
    });
    this.#exits.add(exited);
    void exited.then(() => this.#exits.delete(exited));
    this.#running = worker;
    this.#setAutocheckpoint(this.#backstopPages);
  }

  #stop(): void {
    const worker = this.#running;
    if (worker === undefined) return;
    this.#running = undefined;
    // Held by the event loop until it has exited: a caller awaiting close() must not see the process end.
    worker.ref();
    worker.postMessage("close");
  }

  /**
   * Stops polling and the worker, and waits for its connection to close: SQLite's last connection to close
   * checkpoints the whole log and removes it, and the store's close should leave nothing running.
   */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    this.#stop();
    await Promise.all([...this.#exits]);
  }
}
