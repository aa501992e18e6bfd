// Checks the RFC 7643 §8.7 schema representations in spec/schemas/ (see its README.md for sources and choices).
// Run: npm test -- test/spec/schemas
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const schemaDir = new URL("../../spec/schemas/", import.meta.url);
const SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SPC_URN = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

/** An attribute definition as RFC 7643 §7 describes it. */
interface AttributeDefinition {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** A schema resource as returned by GET /Schemas/{id} (RFC 7643 §7). */
interface SchemaDocument {
  schemas: string[];
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
  meta: { resourceType: string; location: string };
}

/** A ResourceType resource (RFC 7643 §6). */
interface ResourceTypeDocument {
  schemas: string[];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions?: { schema: string; required: boolean }[];
  meta: { resourceType: string; location: string };
}

interface SchemaCase {
  file: string;
  id: string;
  name: string;
  /** Resource schemas (User, Group, extensions) rely on the §3.1 common attributes instead of listing them. */
  resourceSchema: boolean;
}

const SCHEMA_CASES: readonly SchemaCase[] = [
  { file: "user.schema.json", id: USER_URN, name: "User", resourceSchema: true },
  { file: "group.schema.json", id: GROUP_URN, name: "Group", resourceSchema: true },
  { file: "enterprise-user.schema.json", id: ENTERPRISE_URN, name: "EnterpriseUser", resourceSchema: true },
  {
    file: "service-provider-config.schema.json",
    id: SPC_URN,
    name: "Service Provider Configuration",
    resourceSchema: false,
  },
  { file: "resource-type.schema.json", id: RESOURCE_TYPE_URN, name: "ResourceType", resourceSchema: false },
  { file: "schema.schema.json", id: SCHEMA_URN, name: "Schema", resourceSchema: false },
];

const RESOURCE_TYPE_CASES = [
  { file: "resource-types/user.json", id: "User", endpoint: "/Users", schema: USER_URN },
  { file: "resource-types/group.json", id: "Group", endpoint: "/Groups", schema: GROUP_URN },
] as const;

const TYPES = new Set([
  "string",
  "boolean",
  "decimal",
  "integer",
  "dateTime",
  "reference",
  "binary",
  "complex",
]);
const MUTABILITY = new Set(["readOnly", "readWrite", "immutable", "writeOnly"]);
const RETURNED = new Set(["always", "never", "default", "request"]);
const UNIQUENESS = new Set(["none", "server", "global"]);
const REQUIRED_KEYS = [
  "name",
  "type",
  "multiValued",
  "description",
  "required",
  "caseExact",
  "mutability",
  "returned",
  "uniqueness",
] as const;
const OPTIONAL_KEYS = ["canonicalValues", "referenceTypes", "subAttributes"] as const;
const KNOWN_KEYS = new Set<string>([...REQUIRED_KEYS, ...OPTIONAL_KEYS]);
/** RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA. */
const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/**
 * RFC 7643 §2.3.8 forbids complex sub-attributes. The one exception is the meta-schema's own recursive
 * definition (§8.7.2), where "attributes.subAttributes" describes sub-attributes with the same fields.
 */
const COMPLEX_SUB_ATTRIBUTE_EXCEPTIONS = new Set(["schema.schema.json#attributes.subAttributes"]);

function readText(file: string): string {
  return readFileSync(new URL(file, schemaDir), "utf8");
}

function readJson(file: string): unknown {
  return JSON.parse(readText(file));
}

function loadSchema(file: string): SchemaDocument {
  return readJson(file) as SchemaDocument;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyStringArray(value: unknown): value is string[] {
  return (
    Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && v.length > 0)
  );
}

interface Visit {
  path: string;
  raw: Record<string, unknown>;
  depth: number;
}

/** Every attribute and sub-attribute of a schema, depth-first, with a dotted path. Never throws. */
function walk(attributes: unknown, prefix = "", depth = 0): Visit[] {
  if (!Array.isArray(attributes)) return [];
  const visits: Visit[] = [];
  attributes.forEach((item: unknown, index) => {
    const raw = isRecord(item) ? item : {};
    const name = typeof raw.name === "string" ? raw.name : `[${index}]`;
    const path = prefix ? `${prefix}.${name}` : name;
    visits.push({ path, raw, depth });
    visits.push(...walk(raw.subAttributes, path, depth + 1));
  });
  return visits;
}

function characteristicProblems(path: string, raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(`${path}: ${message}`);
  };
  for (const key of REQUIRED_KEYS) expect(key in raw, `missing "${key}"`);
  expect(typeof raw.name === "string" && raw.name.length > 0, "name is not a non-empty string");
  expect(
    typeof raw.type === "string" && TYPES.has(raw.type),
    `type ${JSON.stringify(raw.type)} is not valid`,
  );
  expect(typeof raw.multiValued === "boolean", "multiValued is not a boolean");
  expect(typeof raw.description === "string" && raw.description.length > 0, "description is empty");
  expect(typeof raw.required === "boolean", "required is not a boolean");
  expect(typeof raw.caseExact === "boolean", "caseExact is not a boolean");
  expect(
    typeof raw.mutability === "string" && MUTABILITY.has(raw.mutability),
    `mutability ${JSON.stringify(raw.mutability)} is not valid`,
  );
  expect(
    typeof raw.returned === "string" && RETURNED.has(raw.returned),
    `returned ${JSON.stringify(raw.returned)} is not valid`,
  );
  expect(
    typeof raw.uniqueness === "string" && UNIQUENESS.has(raw.uniqueness),
    `uniqueness ${JSON.stringify(raw.uniqueness)} is not valid`,
  );
  if ("canonicalValues" in raw) {
    expect(isNonEmptyStringArray(raw.canonicalValues), "canonicalValues is not a non-empty string array");
    expect(raw.type === "string", "canonicalValues on a non-string attribute");
  }
  for (const key of Object.keys(raw)) expect(KNOWN_KEYS.has(key), `unknown key "${key}"`);
  return problems;
}

function findAttribute(schema: SchemaDocument, dottedPath: string): AttributeDefinition {
  const [head, ...rest] = dottedPath.split(".");
  let current = schema.attributes.find((a) => a.name === head);
  for (const part of rest) current = current?.subAttributes?.find((a) => a.name === part);
  assert.ok(current, `${schema.id} has no attribute ${dottedPath}`);
  return current;
}

for (const c of SCHEMA_CASES) {
  describe(`spec/schemas/${c.file}`, () => {
    it("parses as JSON", () => {
      assert.doesNotThrow(() => JSON.parse(readText(c.file)));
    });

    it("has the expected id, name, schemas and meta", () => {
      const doc = loadSchema(c.file);
      assert.equal(doc.id, c.id);
      assert.equal(doc.name, c.name);
      assert.deepEqual(doc.schemas, [SCHEMA_URN]);
      assert.equal(typeof doc.description, "string");
      assert.ok(doc.description.length > 0);
      assert.deepEqual(doc.meta, { resourceType: "Schema", location: `/v2/Schemas/${c.id}` });
      assert.ok(Array.isArray(doc.attributes) && doc.attributes.length > 0, "attributes is empty");
    });

    it("gives every attribute and sub-attribute all nine characteristics with valid values", () => {
      const visits = walk(loadSchema(c.file).attributes);
      assert.ok(visits.length > 0);
      assert.deepEqual(
        visits.flatMap((v) => characteristicProblems(v.path, v.raw)),
        [],
      );
    });

    it("has subAttributes exactly on complex attributes, never empty", () => {
      const problems = walk(loadSchema(c.file).attributes).flatMap(({ path, raw }) => {
        const isComplex = raw.type === "complex";
        const has = "subAttributes" in raw;
        if (isComplex && !(Array.isArray(raw.subAttributes) && raw.subAttributes.length > 0)) {
          return [`${path}: complex without non-empty subAttributes`];
        }
        if (!isComplex && has) return [`${path}: subAttributes on a ${String(raw.type)} attribute`];
        return [];
      });
      assert.deepEqual(problems, []);
    });

    it("gives every reference attribute non-empty referenceTypes, and no other attribute any", () => {
      const problems = walk(loadSchema(c.file).attributes).flatMap(({ path, raw }) => {
        if (raw.type === "reference" && !isNonEmptyStringArray(raw.referenceTypes)) {
          return [`${path}: reference without non-empty referenceTypes`];
        }
        if (raw.type !== "reference" && "referenceTypes" in raw)
          return [`${path}: referenceTypes on non-reference`];
        return [];
      });
      assert.deepEqual(problems, []);
    });

    it("keeps sub-attributes simple (RFC 7643 §2.3.8)", () => {
      const problems = walk(loadSchema(c.file).attributes)
        .filter((v) => v.depth >= 1 && v.raw.type === "complex")
        .filter((v) => v.depth > 1 || !COMPLEX_SUB_ATTRIBUTE_EXCEPTIONS.has(`${c.file}#${v.path}`))
        .map((v) => `${v.path}: complex sub-attribute`);
      assert.deepEqual(problems, []);
    });

    it("names attributes per the ATTRNAME grammar of RFC 7643 §2.1 (plus $ref)", () => {
      const bad = walk(loadSchema(c.file).attributes)
        .filter(
          ({ raw }) => !(typeof raw.name === "string" && (raw.name === "$ref" || ATTRNAME.test(raw.name))),
        )
        .map((v) => v.path);
      assert.deepEqual(bad, []);
    });

    it("keeps attribute names unique case-insensitively within each level", () => {
      const levels = [
        loadSchema(c.file).attributes,
        ...walk(loadSchema(c.file).attributes).map((v) => v.raw.subAttributes),
      ];
      const duplicates = levels.flatMap((level) => {
        if (!Array.isArray(level)) return [];
        const seen = new Set<string>();
        return level.flatMap((item: unknown) => {
          const name = isRecord(item) && typeof item.name === "string" ? item.name.toLowerCase() : "";
          if (seen.has(name)) return [name];
          seen.add(name);
          return [];
        });
      });
      assert.deepEqual(duplicates, []);
    });

    if (c.resourceSchema) {
      it("leaves the common attributes id, externalId and meta to RFC 7643 §3.1", () => {
        const names = loadSchema(c.file).attributes.map((a) => a.name);
        for (const common of ["id", "externalId", "meta", "schemas"])
          assert.ok(!names.includes(common), common);
      });
    }
  });
}

describe("pinned RFC 7643 facts", () => {
  const user = loadSchema("user.schema.json");
  const group = loadSchema("group.schema.json");
  const enterprise = loadSchema("enterprise-user.schema.json");
  const spc = loadSchema("service-provider-config.schema.json");
  const resourceType = loadSchema("resource-type.schema.json");
  const meta = loadSchema("schema.schema.json");

  it("requires userName and makes it unique per server", () => {
    const userName = findAttribute(user, "userName");
    assert.equal(userName.required, true);
    assert.equal(userName.uniqueness, "server");
    assert.equal(userName.caseExact, false);
  });

  it("makes password writeOnly and never returned", () => {
    const password = findAttribute(user, "password");
    assert.equal(password.mutability, "writeOnly");
    assert.equal(password.returned, "never");
  });

  it("makes groups and all its sub-attributes readOnly", () => {
    const groups = findAttribute(user, "groups");
    assert.equal(groups.mutability, "readOnly");
    assert.deepEqual(
      groups.subAttributes?.map((s) => [s.name, s.mutability]),
      [
        ["value", "readOnly"],
        ["$ref", "readOnly"],
        ["display", "readOnly"],
        ["type", "readOnly"],
      ],
    );
  });

  it("lets groups.$ref refer only to Group (verified erratum 8471)", () => {
    assert.deepEqual(findAttribute(user, "groups.$ref").referenceTypes, ["Group"]);
    assert.deepEqual(findAttribute(user, "groups.type").canonicalValues, ["direct", "indirect"]);
  });

  it("gives addresses the work/home/other type and a primary flag", () => {
    assert.deepEqual(findAttribute(user, "addresses.type").canonicalValues, ["work", "home", "other"]);
    assert.equal(findAttribute(user, "addresses.primary").type, "boolean");
  });

  it("makes x509Certificates.value binary and case exact", () => {
    const value = findAttribute(user, "x509Certificates.value");
    assert.equal(value.type, "binary");
    assert.equal(value.caseExact, true);
  });

  it("requires Group displayName (verified erratum 5368)", () => {
    assert.equal(findAttribute(group, "displayName").required, true);
  });

  it("makes every members sub-attribute immutable, including display", () => {
    const members = findAttribute(group, "members");
    assert.equal(members.mutability, "readWrite");
    assert.deepEqual(
      members.subAttributes?.map((s) => [s.name, s.mutability]),
      [
        ["value", "immutable"],
        ["$ref", "immutable"],
        ["display", "immutable"],
        ["type", "immutable"],
      ],
    );
    assert.deepEqual(findAttribute(group, "members.$ref").referenceTypes, ["User", "Group"]);
    assert.deepEqual(findAttribute(group, "members.type").canonicalValues, ["User", "Group"]);
  });

  it("makes manager.displayName readOnly and manager.value case exact (verified erratum 8472)", () => {
    assert.equal(findAttribute(enterprise, "manager.displayName").mutability, "readOnly");
    assert.equal(findAttribute(enterprise, "manager.value").caseExact, true);
    assert.deepEqual(findAttribute(enterprise, "manager.$ref").referenceTypes, ["User"]);
  });

  it("marks every reference attribute case exact (RFC 7643 §2.3.7)", () => {
    const offenders = [user, group, enterprise, spc, resourceType, meta].flatMap((doc) =>
      walk(doc.attributes)
        .filter(({ raw }) => raw.type === "reference" && raw.caseExact !== true)
        .map((v) => `${doc.name}:${v.path}`),
    );
    assert.deepEqual(offenders, []);
  });

  it("makes every ServiceProviderConfig attribute readOnly and includes etag and RFC 9865 pagination", () => {
    assert.deepEqual(
      walk(spc.attributes)
        .filter(({ raw }) => raw.mutability !== "readOnly")
        .map((v) => v.path),
      [],
    );
    assert.equal(findAttribute(spc, "etag.supported").required, true);
    const pagination = findAttribute(spc, "pagination");
    assert.equal(pagination.required, false);
    assert.equal(pagination.multiValued, false);
    assert.deepEqual(
      pagination.subAttributes?.map((s) => [s.name, s.type, s.required]),
      [
        ["cursor", "boolean", true],
        ["index", "boolean", true],
        ["defaultPaginationMethod", "string", false],
        ["defaultPageSize", "integer", false],
        ["maxPageSize", "integer", false],
        ["cursorTimeout", "integer", false],
      ],
    );
    assert.deepEqual(findAttribute(spc, "pagination.defaultPaginationMethod").canonicalValues, [
      "cursor",
      "index",
    ]);
    assert.equal(findAttribute(spc, "authenticationSchemes").multiValued, true);
    assert.equal(findAttribute(spc, "authenticationSchemes.type").required, true);
  });

  it("makes schemaExtensions multi-valued and optional (verified erratum 7522, RFC 7643 §6)", () => {
    const schemaExtensions = findAttribute(resourceType, "schemaExtensions");
    assert.equal(schemaExtensions.multiValued, true);
    assert.equal(schemaExtensions.required, false);
  });

  it("makes referenceTypes multi-valued and knows binary in the meta-schema (errata 5607, 5606, 8415)", () => {
    assert.equal(findAttribute(meta, "attributes.referenceTypes").multiValued, true);
    assert.equal(findAttribute(meta, "attributes.subAttributes.referenceTypes").multiValued, true);
    assert.ok(findAttribute(meta, "attributes.type").canonicalValues?.includes("binary"));
    const subTypes = findAttribute(meta, "attributes.subAttributes.type").canonicalValues;
    assert.ok(subTypes?.includes("binary"));
    assert.ok(!subTypes?.includes("complex"));
  });
});

describe("spec/schemas/resource-types", () => {
  const schemaIds = new Set(SCHEMA_CASES.map((c) => c.id));

  for (const c of RESOURCE_TYPE_CASES) {
    it(`describes ${c.id} as in RFC 7643 §8.6`, () => {
      const doc = readJson(c.file) as ResourceTypeDocument;
      assert.deepEqual(doc.schemas, [RESOURCE_TYPE_URN]);
      assert.equal(doc.id, c.id);
      assert.equal(doc.name, c.id);
      assert.equal(doc.endpoint, c.endpoint);
      assert.equal(doc.schema, c.schema);
      assert.ok(schemaIds.has(doc.schema), "schema is not one of spec/schemas");
      assert.equal(typeof doc.description, "string");
      assert.deepEqual(doc.meta, { resourceType: "ResourceType", location: `/v2/ResourceTypes/${c.id}` });
      for (const extension of doc.schemaExtensions ?? []) {
        assert.ok(schemaIds.has(extension.schema), `${extension.schema} is not one of spec/schemas`);
        assert.equal(typeof extension.required, "boolean");
      }
    });
  }

  it("extends User with the optional EnterpriseUser extension and Group with nothing", () => {
    const user = readJson("resource-types/user.json") as ResourceTypeDocument;
    const group = readJson("resource-types/group.json") as ResourceTypeDocument;
    assert.deepEqual(user.schemaExtensions, [{ schema: ENTERPRISE_URN, required: false }]);
    assert.equal(group.schemaExtensions, undefined);
  });
});

describe("spec/schemas folder", () => {
  it("holds exactly the tabled JSON files", () => {
    const top = readdirSync(schemaDir).filter((f) => f.endsWith(".json"));
    const nested = readdirSync(new URL("resource-types/", schemaDir))
      .filter((f) => f.endsWith(".json"))
      .map((f) => `resource-types/${f}`);
    assert.deepEqual(
      [...top, ...nested].sort(),
      [...SCHEMA_CASES.map((c) => c.file), ...RESOURCE_TYPE_CASES.map((c) => c.file)].sort(),
    );
  });
});
