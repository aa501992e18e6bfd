// The SCIM dateTime type (RFC 7643 §2.3.5): "a valid xsd:dateTime as specified in Section 3.3.7 of
// [XML-Schema]" (XSD 1.1 Part 2), which "MUST include both a date and a time". Checked strictly here, so
// that filters, sorting and the datastore can rely on every stored dateTime being comparable:
//   -?YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)?
// - the year has at least four digits and no leading zero beyond four (XSD 1.1 allows year 0000);
// - the day exists in that month, with the Gregorian leap-year rule;
// - 24:00:00 is allowed only with zero fractional seconds (XSD 1.1: it denotes the next day's midnight);
// - there are no leap seconds (ss < 60), and a timezone offset lies within ±14:00;
// - the timezone is optional in XSD; a value without one is kept as sent.

const pattern = /^(-?)(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))?$/;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isXsdDateTime(value: string): boolean {
  const m = pattern.exec(value);
  if (m === null) return false;
  const [, sign, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, zone, zh, zm] = m;
  if (yearText === undefined || (yearText.length > 4 && yearText.startsWith("0"))) return false;
  const year = Number(yearText) * (sign === "-" ? -1 : 1);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (month < 1 || month > 12) return false;
  const maxDay = month === 2 && isLeapYear(Math.abs(year)) ? 29 : (daysInMonth[month - 1] ?? 0);
  if (day < 1 || day > maxDay) return false;
  if (minute > 59 || second > 59) return false;
  if (hour === 24) {
    if (minute !== 0 || second !== 0 || (fraction !== undefined && /[1-9]/.test(fraction))) return false;
  } else if (hour > 23) {
    return false;
  }
  if (zone !== undefined && zone !== "Z") {
    const offsetHours = Number(zh);
    const offsetMinutes = Number(zm);
    if (offsetMinutes > 59 || offsetHours > 14 || (offsetHours === 14 && offsetMinutes !== 0)) return false;
  }
  return true;
}
