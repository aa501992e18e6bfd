// xsd:dateTime values (RFC 7643 §2.3.5: "encoded as an xsd:dateTime ... and MUST include both a date
// and a time") read as instants, so two spellings of one moment compare equal ("2015-01-01T01:00:00+01:00"
// equals "2015-01-01T00:00:00Z", "…00.500Z" equals "…00.5Z") and ordering is chronological
// (RFC 7644 §3.4.2.2 "for DateTime types, it is a chronological comparison").

export interface Instant {
  /** Whole seconds since the epoch, UTC. */
  readonly seconds: number;
  /** Fractional second digits without trailing zeros ("5" for .500). */
  readonly fraction: string;
}

const pattern = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an xsd:dateTime. A value without a zone is read as UTC (XSD leaves it "local"; SCIM servers
 * and clients treat it as UTC in practice). "24:00:00" is XSD's end of day, the next day's midnight.
 */
export function parseDateTime(text: string): Instant | undefined {
  const m = pattern.exec(text);
  if (m === null) return undefined;
  const [, y = "", mo = "", d = "", h = "", mi = "", s = "", frac = "", zone = "Z"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(frac)))) return undefined;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 ? (leap ? 29 : 28) : daysInMonth)) return undefined;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59 || (oh === 14 && om > 0)) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const seconds = Math.floor(date.getTime() / 1000) - offsetMinutes * 60;
  return { seconds, fraction: frac.replace(/0+$/, "") };
}

/** Chronological order of two instants. */
export function compareInstants(a: Instant, b: Instant): -1 | 0 | 1 {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, "0");
  const fb = b.fraction.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
