// The id the SQL stores give a new entry (RFC 7643 §3.1: issued by the service provider, unique, stable,
// never reassigned): a UUIDv7 (RFC 9562 §5.7), time-ordered, in lower case (an id is its own comparison
// key: sql-filter-compiler.ts). Random v4 ids land on random leaves of the id index, so a large import
// rewrote pages all over it; v7 ids are appended at its right edge. Measured importing through /Bulk into
// SQLite: at 350,000–400,000 users 10,200 users/s with v4 and 15,900 with v7. The random bits keep ids
// unguessable; the leading 48 bits say the creation millisecond, which meta.created shows anyway.
import { randomFillSync } from "node:crypto";
import { v7 } from "uuid";

// uuid draws each id's 16 random bytes with crypto.getRandomValues, about 2 µs a call on Node 20 and 6 %
// of a Bulk import's CPU; one draw fills 256 ids' worth. Given its randomness, uuid no longer keeps ids
// in issue order within a millisecond, so the counter below does what its own state does: RFC 9562 §6.2
// method 1, a counter seeded at random each millisecond and incremented within it (moving to the next
// millisecond if it ever wraps).
const pool = new Uint8Array(16 * 256);
let drawn = pool.length;
const clock = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

function randomBytes16(): Uint8Array {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  drawn += 16;
  return pool.subarray(drawn - 16, drawn);
}

export function newEntryId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    // 31 bits, so that a millisecond's increments never reach the top of the counter's range.
    clock.seq =
      (((random[6] ?? 0) & 0x7f) << 24) |
      ((random[7] ?? 0) << 16) |
      ((random[8] ?? 0) << 8) |
      (random[9] ?? 0);
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  return v7({ random, msecs: clock.msecs, seq: clock.seq });
}
