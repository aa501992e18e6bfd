// The schema model built from discovery documents: RFC 7643 §8.7 schemas and §8.6 resource types read
// as a conforming target serves them, a custom extension, and hostile documents whose every defect
// becomes a finding instead of an exception (RFC 7643 §2.2 defaults for what is missing).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  customExtensionUrn,
  customModel,
  listResponse,
  specModel,
  specResourceTypes,
  specSchemas,
} from "../testing/spec-model.js";
import { buildSchemaModel } from "./build-schema-model.js";

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

describe("buildSchemaModel on the RFC 7643 documents", () => {
  const model = specModel();

  it("models User and Group with their endpoints and the enterprise extension", () => {
    assert.deepEqual(
      model.resourceTypes.map((t) => [t.name, t.endpoint, t.schemaUrns]),
      [
        ["User", "/Users", [userUrn, enterprise]],
        ["Group", "/Groups", ["urn:ietf:params:scim:schemas:core:2.0:Group"]],
      ],
    );
  });

  it("reports no defects for the spec's own documents", () => {
    assert.deepEqual(
      model.findings.filter((f) => f.severity === "defect"),
      [],
    );
  });

  it("finds resource types by name, id or schema URN in any case (RFC 7643 §2.1)", () => {
    assert.equal(model.resourceType("user")?.name, "User");
    assert.equal(model.resourceType(userUrn.toUpperCase())?.name, "User");
    assert.equal(model.resourceType("Widget"), undefined);
  });

  it("adds the RFC 7643 §3.1 common attributes to the base schema", () => {
    const user = model.resourceType("User");
    assert.equal(user?.resolve("id")?.target.mutability, "readOnly");
    assert.equal(user?.resolve("externalId")?.target.caseExact, true);
    assert.equal(user?.resolve("meta.lastModified")?.target.type, "dateTime");
  });

  const table: [string, { path: string; want: string | undefined; extension?: boolean }][] = [
    ["a plain attribute", { path: "userName", want: "userName" }],
    ["any letter case", { path: "USERNAME", want: "userName" }],
    ["a sub-attribute", { path: "name.givenName", want: "name.givenName" }],
    ["a multi-valued sub-attribute", { path: "emails.VALUE", want: "emails.value" }],
    ["$ref", { path: "groups.$REF", want: "groups.$ref" }],
    ["the base URN-qualified form", { path: `${userUrn}:name.familyName`, want: "name.familyName" }],
    [
      "an extension attribute",
      { path: `${enterprise}:manager.value`, want: `${enterprise}:manager.value`, extension: true },
    ],
    [
      "an extension URN in another case",
      {
        path: `${enterprise.toUpperCase()}:employeeNumber`,
        want: `${enterprise}:employeeNumber`,
        extension: true,
      },
    ],
    ["an unknown attribute", { path: "shoeSize", want: undefined }],
    ["an unknown sub-attribute", { path: "name.nick", want: undefined }],
    ["three levels", { path: "name.givenName.x", want: undefined }],
    ["an extension attribute without its URN", { path: "employeeNumber", want: undefined }],
    ["an unknown URN", { path: "urn:x:y:employeeNumber", want: undefined }],
    ["an extension URN alone", { path: enterprise, want: undefined }],
  ];
  for (const [name, { path, want, extension }] of table) {
    it(`resolves ${name} (RFC 7644 §3.10)`, () => {
      const resolved = model.resourceType("User")?.resolve(path);
      assert.equal(resolved?.target.path, want);
      if (want !== undefined) assert.equal(resolved?.extension, extension ?? false);
    });
  }
});

describe("buildSchemaModel on a custom extension", () => {
  const user = customModel().resourceType("User");

  it("models every attribute of a schema it has never seen", () => {
    const ext = user?.schemaByUrn(customExtensionUrn);
    assert.equal(ext?.extension, true);
    assert.deepEqual(
      ext?.schema.attributes.map((a) => `${a.name}:${a.type}${a.multiValued ? "[]" : ""}`),
      [
        "badge:string",
        "level:integer",
        "ratio:decimal",
        "since:dateTime",
        "blob:binary",
        "flag:boolean",
        "homepage:reference",
        "tags:string[]",
        "sealed:string",
        "secret:string",
        "audit:string",
        "onRequest:string",
        "gadgets:complex[]",
      ],
    );
  });

  it("applies RFC 7643 §2.2 defaults to characteristics left out, and records them", () => {
    const sealed = user?.resolve(`${customExtensionUrn}:sealed`)?.target;
    assert.equal(sealed?.mutability, "immutable");
    assert.equal(sealed?.returned, "default");
    assert.equal(sealed?.uniqueness, "none");
    assert.equal(sealed?.required, false);
    const findings = customModel().findings.filter(
      (f) => f.where.includes("AcmeWidget") || f.where.includes(customExtensionUrn),
    );
    assert.ok(findings.some((f) => f.severity === "defaulted" && f.code === "attribute.missing-returned"));
    assert.ok(findings.every((f) => f.severity === "defaulted"));
  });
});

describe("buildSchemaModel on hostile documents", () => {
  const schema = (attributes: unknown[]): Record<string, unknown> => ({ id: userUrn, attributes });
  const userType = specResourceTypes()[0];
  const cases: [string, { schemas: unknown; types?: unknown; code: string; severity?: string }][] = [
    ["a /Schemas answer that is not a list", { schemas: { oops: true }, code: "schemas.not-a-list" }],
    [
      "a /ResourceTypes answer that is not a list",
      { schemas: listResponse(specSchemas()), types: "x", code: "resource-types.not-a-list" },
    ],
    ["a schema without id", { schemas: [{ attributes: [] }], code: "schema.missing-id" }],
    ["a schema without attributes", { schemas: [{ id: userUrn }], code: "schema.missing-attributes" }],
    [
      "an attribute without name",
      { schemas: [schema([{ type: "string" }])], code: "attribute.missing-name" },
    ],
    [
      "an unknown type",
      { schemas: [schema([{ name: "userName", type: "text" }])], code: "attribute.invalid-type" },
    ],
    [
      "a non-boolean multiValued",
      { schemas: [schema([{ name: "x", multiValued: "yes" }])], code: "attribute.invalid-multivalued" },
    ],
    [
      "a missing mutability",
      { schemas: [schema([{ name: "x" }])], code: "attribute.missing-mutability", severity: "defaulted" },
    ],
    ["an invalid attribute name", { schemas: [schema([{ name: "1x" }])], code: "attribute.invalid-name" }],
    [
      "a nested complex attribute",
      {
        schemas: [
          schema([
            {
              name: "a",
              type: "complex",
              subAttributes: [{ name: "b", type: "complex", subAttributes: [] }],
            },
          ]),
        ],
        code: "attribute.nested-complex",
      },
    ],
    [
      "a complex attribute without sub-attributes",
      {
        schemas: [schema([{ name: "a", type: "complex" }])],
        code: "attribute.complex-without-sub-attributes",
      },
    ],
    [
      "duplicate names differing in case",
      { schemas: [schema([{ name: "a" }, { name: "A" }])], code: "attribute.duplicate-name" },
    ],
    [
      "canonicalValues that are not strings",
      { schemas: [schema([{ name: "a", canonicalValues: [1] }])], code: "attribute.invalid-canonicalvalues" },
    ],
    ["a resource type naming a missing schema", { schemas: [], code: "resource-type.schema-not-found" }],
    [
      "a resource type without endpoint",
      {
        schemas: listResponse(specSchemas()),
        types: [{ name: "User", schema: userUrn }],
        code: "resource-type.incomplete",
      },
    ],
  ];
  for (const [name, { schemas, types, code, severity }] of cases) {
    it(`records ${name} as a finding and does not throw`, () => {
      const model = buildSchemaModel({ schemas, resourceTypes: types ?? listResponse([userType]) });
      const finding = model.findings.find((f) => f.code === code);
      assert.ok(finding, `no ${code} finding in ${JSON.stringify(model.findings)}`);
      assert.equal(finding.severity, severity ?? "defect");
    });
  }

  it("drops a query string from an endpoint and records it (RFC 7644 §1.3)", () => {
    const model = buildSchemaModel({
      schemas: listResponse(specSchemas()),
      resourceTypes: [{ name: "User", endpoint: "/Users?tenant=1", schema: userUrn }],
    });
    assert.equal(model.resourceType("User")?.endpoint, "/Users");
    assert.ok(model.findings.some((f) => f.code === "resource-type.endpoint-query"));
  });

  it("still models what it can read next to a broken attribute", () => {
    const model = buildSchemaModel({
      schemas: [schema([null, { name: "userName", type: "bogus" }, { name: "nick" }])],
      resourceTypes: [{ name: "User", endpoint: "https://h.example/scim/v2/Users/", schema: userUrn }],
    });
    const user = model.resourceType("User");
    assert.equal(user?.endpoint, "/Users");
    assert.equal(user?.resolve("userName")?.target.type, "string");
    assert.equal(user?.resolve("nick")?.target.mutability, "readWrite");
    assert.ok(model.findings.some((f) => f.code === "attribute.not-an-object"));
  });
});
