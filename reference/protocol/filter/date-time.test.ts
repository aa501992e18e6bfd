import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dateTimeKey } from "./date-time.js";

describe("dateTimeKey", () => {
  // RFC 7643 §2.3.5: xsd:dateTime; the key is the UTC instant, fixed width, nanosecond precision.
  const valid: [string, string][] = [
    ["2011-05-13T04:42:34Z", "2011-05-13T04:42:34.000000000Z"],
    ["2011-05-13t04:42:34z", "2011-05-13T04:42:34.000000000Z"],
    ["2011-05-13T04:42:34", "2011-05-13T04:42:34.000000000Z"],
    ["2011-05-13T06:42:34+02:00", "2011-05-13T04:42:34.000000000Z"],
    ["2011-05-12T23:42:34-05:00", "2011-05-13T04:42:34.000000000Z"],
    ["2011-05-13T04:42:34.5Z", "2011-05-13T04:42:34.500000000Z"],
    ["2011-05-13T04:42:34.123456789123Z", "2011-05-13T04:42:34.123456789Z"],
    ["2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000000000Z"],
    ["2001-01-01T00:30:00+01:00", "2000-12-31T23:30:00.000000000Z"],
    ["2011-05-13T24:00:00Z", "2011-05-14T00:00:00.000000000Z"],
    ["2011-12-31T24:00:00.000-01:00", "2012-01-01T01:00:00.000000000Z"],
    ["0050-06-01T00:00:00Z", "0050-06-01T00:00:00.000000000Z"],
    ["9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z"],
  ];
  for (const [input, key] of valid) {
    it(`normalises ${input}`, () => assert.equal(dateTimeKey(input), key));
  }

  const invalid = [
    "2011-05-13",
    "2011-05-13 04:42:34Z",
    "2011-13-01T00:00:00Z",
    "2011-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2011-04-31T00:00:00Z",
    "2011-05-13T24:00:01Z",
    "2011-05-13T24:00:00.5Z",
    "2011-05-13T25:00:00Z",
    "2011-05-13T04:60:00Z",
    "2011-05-13T04:42:60Z",
    "2011-05-13T04:42:34+24:00",
    "2011-05-13T04:42:34.Z",
    "0000-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "11-05-13T04:42:34Z",
    "not a date",
  ];
  for (const input of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => assert.equal(dateTimeKey(input), undefined));
  }

  it("orders keys chronologically as text, whatever the offsets and fractions", () => {
    const instants = [
      "2011-05-13T04:42:34.0499Z",
      "2011-05-13T06:42:34.05+02:00",
      "2011-05-13T04:42:34.5Z",
      "2011-05-13T04:42:35Z",
    ];
    const keys = instants.map((s) => dateTimeKey(s) ?? "");
    assert.deepEqual([...keys].sort(), keys);
  });

  it("agrees with Date on millisecond instants across a wide range", () => {
    for (let i = 0; i < 500; i++) {
      const ms = Math.floor(((i * 7919) % 1000) * 2.5e11) - 6e13; // years ~ 0100..9800
      const iso = new Date(ms).toISOString();
      assert.equal(dateTimeKey(iso), `${iso.slice(0, 23)}000000Z`);
    }
  });
});
