// SCIM dateTime values (RFC 7643 §2.3.5: an xsd:dateTime, e.g. "2008-01-23T04:56:22Z") turned into a
// fixed-width UTC text that sorts chronologically as plain text. Filters compare dateTimes as instants
// (RFC 7644 §3.4.2.2: "for DateTime types, it is a chronological comparison"), so "…T06:42:34+02:00" and
// "…T04:42:34Z" must be equal, and ".5" must sort after ".0499": a fixed-width key gives both, and an
// SQL index column holding it orders the same way the in-memory matcher does.
//
// Our policy where xsd:dateTime leaves room:
// - a missing time zone means UTC (xsd calls it "local"; a server has no other sensible local time);
// - fractional seconds are kept to the nanosecond; digits beyond the ninth are dropped;
// - 'T' and 'Z' may be lower case (RFC 3339 §5.6 NOTE), seconds run 00-59 (xsd has no leap second);
// - 24:00:00 (with a zero fraction) is the next day's midnight, as XSD 1.1 §3.3.7 says, so it is the same
//   instant as T00:00:00 of the following day (schema/xsd-date-time.ts accepts it on input);
// - the instant must fall within years 0000-9999 UTC, so every key has the same width.
// Date.UTC is avoided on purpose: it maps years 0-99 to 1900-1999.

const pattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * The comparison key of an xsd:dateTime: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in UTC (30 characters), or
 * undefined when `text` is not a valid dateTime under the policy above.
 */
export function dateTimeKey(text: string): string | undefined {
  const m = pattern.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const fractionDigits = m[7] ?? "";
  const midnightEnd = hour === 24 && minute === 0 && second === 0 && !/[1-9]/.test(fractionDigits);
  if ((hour > 23 && !midnightEnd) || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = fractionDigits.slice(0, 9).padEnd(9, "0");
  if (offsetMinutes === 0 && hour < 24) {
    // Already UTC (the form servers emit): the fields are the key, no calendar arithmetic needed.
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${fraction}Z`;
  }
  const minutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes;
  const days = Math.floor(minutes / 1440);
  const inDay = minutes - days * 1440;
  const [y, mo, d] = civilFromDays(days);
  if (y < 0 || y > 9999) return undefined;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(Math.floor(inDay / 60), 2)}:${pad(inDay % 60, 2)}:${pad(second, 2)}.${fraction}Z`;
}
