// A listing with no filter (RFC 7644 §3.4.2), over a container of any size: Okta's import pages through
// every user this way, and the candidate bound (ldap-directory.ts `search`) refused it past maxCandidates
// users. Its order is a walk of positions (ldap-cursor.ts: the sort key's rank and value, then creation
// order and id), which a few attributes of an entry decide, so the entries stream past a page at a time
// (`eachPage`) and only the positions the answer can depend on are kept:
// - a cursor page (RFC 9865) keeps the count + 1 nearest positions on its side of the cursor, and one
//   position on the other side, if any, so that `previousCursor`/`nextCursor` come out as over the whole
//   walk (page-rows.ts decides them): memory in proportion to `count`, whatever the directory holds;
// - an index page keeps the startIndex + count − 1 first positions, refused with 400 tooMany past
//   `maxListed` (the cursor walk has no such limit, which the detail says).
// `totalResults` is the number of entries that streamed past.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { CursorPage, IndexPage } from "../datastore.js";
import { compareLdapPositions, decodeLdapPosition, type LdapPosition, pageWalk } from "./ldap-cursor.js";
import { texts } from "./ldap-raw-entry.js";

/** What one listing page needs from the walk: the ids of its entries, in order, and its cursors. */
export interface PlainPage {
  readonly total: number;
  readonly ids: readonly string[];
  readonly nextPosition: string | undefined;
  readonly previousPosition: string | undefined;
}

/** The entries' attributes the walk order reads when there is no sort key. */
export const positionAttributes = ["entryUUID", "scimCreated"] as const;

/** An entry's position in the walk without sortBy (rank 0, no key: creation order, then id). */
export function positionOf(raw: Readonly<Record<string, unknown>>): LdapPosition {
  return {
    rank: 0,
    key: "",
    createKey: texts(raw.scimCreated)[0] ?? "",
    id: texts(raw.entryUUID)[0] ?? "",
  };
}

type Order = (a: LdapPosition, b: LdapPosition) => number;

/**
 * The `limit` smallest positions under `order` among those offered, kept by sorting and cutting whenever
 * twice as many have gathered: at most 2 × limit positions are held, and each is sorted O(log limit) times
 * on average.
 */
class Nearest {
  #held: LdapPosition[] = [];
  readonly #limit: number;
  readonly #order: Order;

  constructor(limit: number, order: Order) {
    this.#limit = limit;
    this.#order = order;
  }

  offer(position: LdapPosition): void {
    if (this.#limit <= 0) return;
    this.#held.push(position);
    if (this.#held.length >= 2 * this.#limit) this.#cut();
  }

  taken(): LdapPosition[] {
    this.#cut();
    return this.#held;
  }

  #cut(): void {
    this.#held.sort(this.#order);
    if (this.#held.length > this.#limit) this.#held.length = this.#limit;
  }
}

/**
 * Collects a page of the walk from positions offered in any order. The walk is ascending, or descending
 * when `descending` (sortOrder=descending reverses all of it, ties and missing values included).
 */
export class PlainPager {
  readonly #page: IndexPage | CursorPage;
  readonly #descending: boolean;
  /** Walk order: a before b when negative. */
  readonly #walk: Order;
  readonly #at: LdapPosition | undefined;
  readonly #nearest: Nearest;
  /** Cursor pages: one position beyond the cursor on the other side, which says a page lies there. */
  #beyond: LdapPosition | undefined;
  #total = 0;

  constructor(page: IndexPage | CursorPage, maxListed: number, descending = false) {
    this.#page = page;
    this.#descending = descending;
    const walk: Order = descending ? (a, b) => compareLdapPositions(b, a) : compareLdapPositions;
    this.#walk = walk;
    if (page.kind === "index") {
      const kept = page.count <= 0 ? 0 : Math.max(1, page.startIndex) - 1 + page.count;
      if (kept > maxListed) {
        throw badRequest(
          "tooMany",
          `An unfiltered listing keeps the first startIndex + count - 1 entries in memory, at most ${maxListed}; page on with a cursor (RFC 9865) or narrow the filter (RFC 7644 §3.4.2.1).`,
        );
      }
      this.#at = undefined;
      this.#nearest = new Nearest(kept, walk);
    } else {
      this.#at = page.position === undefined ? undefined : decodeLdapPosition(page.position);
      // "previous" keeps the positions nearest before the cursor: the last ones in walk order.
      this.#nearest = new Nearest(page.count + 1, page.direction === "next" ? walk : (a, b) => walk(b, a));
    }
  }

  offer(position: LdapPosition): void {
    this.#total += 1;
    const at = this.#at;
    if (at === undefined || this.#page.kind === "index") {
      this.#nearest.offer(position);
      return;
    }
    const side = this.#walk(position, at);
    const wanted = this.#page.direction === "next" ? side > 0 : side < 0;
    if (wanted) this.#nearest.offer(position);
    else this.#beyond ??= position;
  }

  page(): PlainPage {
    const walk = [...this.#nearest.taken(), ...(this.#beyond === undefined ? [] : [this.#beyond])]
      .sort(this.#walk)
      .map((position) => ({ row: position.id, position }));
    const rows = pageWalk(walk, this.#page, this.#descending);
    return {
      total: this.#total,
      ids: rows.rows,
      nextPosition: rows.nextPosition,
      previousPosition: rows.previousPosition,
    };
  }
}
