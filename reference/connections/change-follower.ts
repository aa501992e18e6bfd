// Follows the admin-API changes other server processes make (datastore `watchSettings`: PostgreSQL
// LISTEN/NOTIFY, a notice within milliseconds of the commit). Notices are coalesced: while one reload runs,
// later notices collect into the next, so a burst of changes costs one reload per burst rather than one
// per notice. A reload that fails (the database restarting) is retried as a full one after a second.
import { changedConnectionId } from "./admin-change-store.js";

/** `undefined`: reload everything (the store said "*", or a reload failed). */
export type Reload = (ids: readonly string[] | undefined) => Promise<void>;

export interface FollowerLog {
  error(obj: object, msg?: string): void;
}

const retryMs = 1000;

export class ChangeFollower {
  readonly #reload: Reload;
  readonly #log: FollowerLog;
  #pending: Set<string> | "all" | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(reload: Reload, log: FollowerLog) {
    this.#reload = reload;
    this.#log = log;
  }

  /** The listener for `watchSettings`: a key of the store's settings, or "*". */
  notice(key: string): void {
    if (key === "*") this.#pending = "all";
    else {
      const id = changedConnectionId(key);
      if (id === undefined) return;
      if (this.#pending === undefined) this.#pending = new Set([id]);
      else if (this.#pending !== "all") this.#pending.add(id);
    }
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending !== undefined && !this.#stopped) {
      const pending = this.#pending;
      this.#pending = undefined;
      try {
        await this.#reload(pending === "all" ? undefined : [...pending]);
      } catch (error) {
        this.#log.error(
          { err: error },
          "could not read the connection changes of another server process; reading all of them again in 1 s",
        );
        setTimeout(() => this.notice("*"), retryMs).unref();
        return;
      }
    }
  }

  /** No reload starts after this; resolves when the one in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#running;
  }
}
