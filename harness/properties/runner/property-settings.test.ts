// Kept separate from run-property.test.ts so that settings are checked without fast-check runs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RunInfo } from "../../checks/check-context.js";
import { propertySettings } from "./property-settings.js";

describe("propertySettings time limit", () => {
  const run: RunInfo = { id: "r", prefix: "p-", seed: 1, baseUrl: "http://x", profiles: ["rfc"] };
  it("defaults to 90 s and reads SCIMC_PROPERTY_TIME_LIMIT_MS", () => {
    assert.equal(propertySettings(run, { runs: 1 }, {}).timeLimitMs, 90_000);
    assert.equal(
      propertySettings(run, { runs: 1 }, { SCIMC_PROPERTY_TIME_LIMIT_MS: "5000" }).timeLimitMs,
      5000,
    );
  });
});
