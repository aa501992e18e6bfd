// The mapping check's generators (generation-shape.ts, resource-arbitrary.ts): every resource they make is
// one the server accepts (RFC 7643 validation), follows the contract's shape, and has at most one primary.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { specDefinitions } from "../../connections/spec-schemas.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { validateForCreate } from "../../protocol/schema/validate-resource.js";
import { compileConnectionMappings } from "../pingfederate/connection-mappings.js";
import { RecordingLog, seedFromEnv } from "../pingfederate/mapping-test-support.js";
import { generationShape } from "./generation-shape.js";
import { connectionsOf } from "./read-connections-file.js";
import { resourceArbitrary } from "./resource-arbitrary.js";

const demo = parse(readFileSync(new URL("../../../fixtures/connections/demo.yaml", import.meta.url), "utf8"));
const listed = connectionsOf(demo);
if (!listed.ok) throw new Error("demo.yaml has no connections");

function primaries(value: JsonValue | undefined): number {
  return Array.isArray(value) ? value.filter((e) => isJsonObject(e) && e.primary === true).length : 0;
}

describe("resourceArbitrary", () => {
  for (const connection of listed.value) {
    const compiled = compileConnectionMappings({
      connection: connection.raw,
      path: connection.path,
      spec: specDefinitions(),
      log: new RecordingLog(),
    });
    if (!compiled.ok) throw new Error(`${connection.id} does not compile`);
    for (const mapping of [compiled.value.mappings.users, compiled.value.mappings.groups]) {
      if (mapping === undefined) continue;
      const rt = mapping.compiled.resourceType;
      const shape = generationShape(mapping.compiled);
      it(`generates valid ${rt.id} resources for ${connection.id}, with at most one primary per attribute`, () => {
        const seed = seedFromEnv();
        try {
          fc.assert(
            fc.property(resourceArbitrary(shape), (resource) => {
              const result = validateForCreate(compiled.value.registry, rt, resource);
              assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.issues));
              for (const value of Object.values(resource)) assert.ok(primaries(value) <= 1);
            }),
            { seed, numRuns: 150 },
          );
        } catch (error) {
          throw new Error(`property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
        }
      });
    }
  }

  it("generates only the contract's typed elements for flattened paths, with varied type spelling", () => {
    const hr = listed.value.find((c) => c.id === "hr-system");
    const compiled = compileConnectionMappings({
      connection: hr?.raw,
      path: "hr",
      spec: specDefinitions(),
      log: new RecordingLog(),
    });
    assert.ok(compiled.ok);
    const samples = fc.sample(resourceArbitrary(generationShape(compiled.value.mappings.users.compiled)), {
      seed: 7,
      numRuns: 200,
    });
    const emails = samples.flatMap((r) => (Array.isArray(r.emails) ? r.emails : [])) as JsonObject[];
    assert.ok(emails.length > 20);
    assert.ok(emails.every((e) => typeof e.type === "string" && e.type.toLowerCase() === "work"));
    assert.ok(emails.every((e) => Object.keys(e).every((k) => ["type", "value", "primary"].includes(k))));
    assert.ok(new Set(emails.map((e) => e.type)).size > 1, "type spelled in more than one case");
    assert.ok(
      samples.some((r) => "urn:ietf:params:scim:schemas:extension:acme:2.0:User" in r),
      "custom extension generated",
    );
  });

  it("exercises every attribute type of the schemas", () => {
    const dir = listed.value.find((c) => c.id === "hr-system");
    const compiled = compileConnectionMappings({
      connection: dir?.raw,
      path: "hr",
      spec: specDefinitions(),
      log: new RecordingLog(),
    });
    assert.ok(compiled.ok);
    const samples = fc.sample(resourceArbitrary(generationShape(compiled.value.mappings.users.compiled)), {
      seed: 11,
      numRuns: 300,
    });
    const ext = samples
      .map((r) => r["urn:ietf:params:scim:schemas:extension:acme:2.0:User"])
      .filter(isJsonObject);
    const seen = (name: string, test: (v: JsonValue) => boolean) =>
      assert.ok(
        ext.some((e) => e[name] !== undefined && test(e[name] as JsonValue)),
        name,
      );
    seen("clearanceLevel", (v) => Number.isInteger(v));
    seen("hourlyRate", (v) => typeof v === "number");
    seen("remote", (v) => typeof v === "boolean");
    seen("onboardedAt", (v) => typeof v === "string" && /T\d\d:\d\d:\d\d/.test(v));
    seen("onboardedAt", (v) => typeof v === "string" && /[+-]\d\d:\d\d$/.test(v));
    seen("signature", (v) => typeof v === "string" && /^[A-Za-z0-9+/]+=*$/.test(v));
    seen("homepage", (v) => typeof v === "string" && v.includes(":"));
    seen("skills", (v) => Array.isArray(v) && v.length > 1);
    seen("workstation", (v) => isJsonObject(v));
    seen("devices", (v) => Array.isArray(v) && v.some((d) => isJsonObject(d) && d.primary === true));
    assert.ok(
      samples.some((r) => typeof r.userName === "string" && /[^ -~]/.test(r.userName)),
      "non-ASCII text",
    );
    assert.ok(
      samples.some((r) => typeof r.userName === "string" && r.userName.length >= 200),
      "long text",
    );
  });
});
