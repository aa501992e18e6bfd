// The connections paged searches run on. slapd keeps one paged-results state per connection (RFC 2696
// leaves it to the server), so a second paged search started on a connection while another is between
// pages makes the first one's cookie invalid (result code 2, "paged results cookie is invalid"); in a
// conformance run on LDAP concurrent requests met exactly that, as 500s. Each search therefore takes a
// connection of its own for all its pages: the directory's main connection first, then up to `max - 1`
// more, opened and bound on demand and kept; past that, searches wait their turn in order. Base reads
// and writes are not paged and stay on the main connection.
import type { LdapClient } from "./ldap-datastore-config.js";

export class SearchConnectionPool {
  readonly #open: () => Promise<LdapClient>;
  readonly #max: number;
  readonly #idle: LdapClient[];
  readonly #extra: LdapClient[] = [];
  readonly #waiting: ((client: LdapClient) => void)[] = [];
  #opening = 0;

  /** `main` is the directory's own connection (never closed here); `open` connects and binds another. */
  constructor(main: LdapClient, open: () => Promise<LdapClient>, max: number) {
    this.#idle = [main];
    this.#open = open;
    this.#max = Math.max(1, max);
  }

  /** Connections opened besides the main one. */
  get opened(): number {
    return this.#extra.length;
  }

  async use<T>(work: (client: LdapClient) => Promise<T>): Promise<T> {
    const client = await this.#acquire();
    try {
      return await work(client);
    } finally {
      this.#release(client);
    }
  }

  async #acquire(): Promise<LdapClient> {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (1 + this.#extra.length + this.#opening < this.#max) {
      this.#opening += 1;
      try {
        const client = await this.#open();
        this.#extra.push(client);
        return client;
      } finally {
        this.#opening -= 1;
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(client: LdapClient): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next(client);
    else this.#idle.push(client);
  }

  /** Unbinds the connections this pool opened. */
  async close(): Promise<void> {
    await Promise.all(this.#extra.map((client) => client.unbind().catch(() => {})));
    this.#extra.length = 0;
  }
}
