// RFC 9865 cursors: opaque strings that wrap a datastore keyset position, the query it belongs to and an
// expiry, signed with HMAC-SHA-256 so a client can neither forge a position nor reuse a cursor for another
// query. Only RFC 3986 §2.3 unreserved characters appear (base64url and "."), as RFC 9865 §2 requires. A
// cursor that fails to decode, is signed with another key or belongs to another query is 400
// `invalidCursor`; one past its lifetime (`cursorTimeout`) is 400 `expiredCursor` (RFC 9865 §2.2).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { badRequest } from "../../protocol/errors/scim-error.js";

export interface CursorState {
  /** The datastore position (datastore.ts `QueryResult.nextPosition`), or undefined for the first page. */
  readonly position: string | undefined;
  readonly direction: "next" | "previous";
  /** For queries that span resource types (root search): which type the position belongs to. */
  readonly typeIndex?: number;
  /** For results sorted in memory: an offset into the sorted list instead of a keyset position. */
  readonly offset?: number;
}

interface Payload {
  readonly s: CursorState;
  /** Query fingerprint. */
  readonly q: string;
  /** Expiry, epoch seconds. */
  readonly e: number;
}

export class CursorCodec {
  readonly #key: Buffer;
  readonly #timeoutSeconds: number;
  readonly #now: () => number;

  constructor(options: { key?: Buffer; timeoutSeconds: number; now?: () => number }) {
    this.#key = options.key ?? randomBytes(32);
    this.#timeoutSeconds = options.timeoutSeconds;
    this.#now = options.now ?? Date.now;
  }

  #sign(data: string): Buffer {
    return createHmac("sha256", this.#key).update(data).digest();
  }

  encode(state: CursorState, fingerprint: string): string {
    const payload: Payload = {
      s: state,
      q: fingerprint,
      e: Math.floor(this.#now() / 1000) + this.#timeoutSeconds,
    };
    const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${data}.${this.#sign(data).toString("base64url")}`;
  }

  decode(cursor: string, fingerprint: string): CursorState {
    const invalid = (why: string) =>
      badRequest(
        "invalidCursor",
        `${why}; start again without a cursor or with one this query returned (RFC 9865 §2).`,
      );
    const [data, signature, extra] = cursor.split(".");
    if (data === undefined || signature === undefined || extra !== undefined)
      throw invalid("The cursor is malformed");
    // Compare the text, not the decoded bytes: base64url decoding ignores the unused low bits of the last
    // character, so an edited cursor could otherwise decode to the genuine signature.
    const expected = Buffer.from(this.#sign(data).toString("base64url"));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalid("The cursor was not issued by this server");
    }
    const payload = JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as Payload;
    if (payload.q !== fingerprint) throw invalid("The cursor belongs to a different query");
    if (payload.e * 1000 < this.#now()) {
      throw badRequest(
        "expiredCursor",
        `The cursor has expired; cursors are valid for ${this.#timeoutSeconds} seconds (cursorTimeout, RFC 9865 §4).`,
      );
    }
    return payload.s;
  }
}
