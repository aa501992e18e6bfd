import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorFromIssues } from "../errors/issues.js";
import type { ScimType } from "../errors/scim-error.js";
import type { JsonObject } from "../resource/json.js";
import { specRegistry } from "../testing/spec-registry.js";
import { enterpriseUser, fullUser, group, minimalUser } from "./rfc7643-examples.js";
import { coreSchemaUrns } from "./schema-definition.js";
import { validateForCreate, validateForReplace } from "./validate-resource.js";

const registry = specRegistry();
const userRt = registry.resourceType("User");
const groupRt = registry.resourceType("Group");
const entUrn = coreSchemaUrns.enterpriseUser;
if (userRt === undefined || groupRt === undefined) throw new Error("spec registry lacks User or Group");

const examples = [
  { name: "§8.1 minimal user", rt: userRt, make: minimalUser, ignored: ["id", "meta"] },
  { name: "§8.2 full user", rt: userRt, make: fullUser, ignored: ["id", "meta", "groups"] },
  {
    name: "§8.3 enterprise user",
    rt: userRt,
    make: enterpriseUser,
    ignored: ["id", "meta", "groups", `${entUrn}:manager.displayName`],
  },
  { name: "§8.4 group", rt: groupRt, make: group, ignored: ["id", "meta"] },
] as const;

describe("the RFC 7643 §8 examples", () => {
  for (const example of examples) {
    it(`${example.name} validates on create, with exactly the readOnly values ignored`, () => {
      const result = validateForCreate(registry, example.rt, example.make());
      assert.equal(result.ok, true, JSON.stringify(result));
      if (!result.ok) return;
      assert.deepEqual(
        result.ignored.map((i) => i.path),
        example.ignored,
      );
      assert.ok(result.ignored.every((i) => i.reason === "readOnly"));
      for (const readOnly of ["id", "meta", "groups"]) assert.equal(result.resource[readOnly], undefined);
    });

    it(`${example.name} replaces itself (PUT of what GET returned) without a mutability error`, () => {
      const result = validateForReplace(registry, example.rt, example.make(), example.make());
      assert.equal(result.ok, true, JSON.stringify(result));
    });
  }

  it("§8.2 normalises to the writable attributes in schema order", () => {
    const result = validateForCreate(registry, userRt, fullUser());
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(Object.keys(result.resource), [
      "schemas",
      "externalId",
      "userName",
      "name",
      "displayName",
      "nickName",
      "profileUrl",
      "title",
      "userType",
      "preferredLanguage",
      "locale",
      "timezone",
      "active",
      "password",
      "emails",
      "phoneNumbers",
      "ims",
      "photos",
      "addresses",
      "x509Certificates",
    ]);
    const { id: _id, meta: _meta, groups: _groups, ...writable } = fullUser();
    for (const [key, value] of Object.entries(writable)) {
      if (key === "addresses") continue; // the RFC lists `type` first; the order changes, not the content
      assert.deepEqual(result.resource[key], value, key);
    }
    assert.deepEqual(
      (result.resource.addresses as JsonObject[]).map((a) => a.type),
      ["work", "home"],
    );
  });

  it("§8.3 keeps the extension under its URN and lists it in schemas", () => {
    const result = validateForCreate(registry, userRt, enterpriseUser());
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(result.resource.schemas, [coreSchemaUrns.user, entUrn]);
    assert.deepEqual(result.resource[entUrn], {
      employeeNumber: "701984",
      costCenter: "4130",
      organization: "Universal Studios",
      division: "Theme Park",
      department: "Tour Operations",
      manager: {
        value: "26118915-6090-4610-87e4-49d8ca9f808d",
        $ref: "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
      },
    });
  });
});

describe("mutations of the RFC 7643 §8 examples", () => {
  const cases: Record<
    string,
    { make: () => JsonObject; rt?: "Group"; mutate: (r: JsonObject) => void; want: [ScimType, string] }
  > = {
    "a missing userName → invalidValue userName (RFC 7643 §4.1)": {
      make: fullUser,
      mutate: (r) => {
        delete r.userName;
      },
      want: ["invalidValue", "userName"],
    },
    'a string "true" for emails[0].primary → invalidValue (RFC 7643 §2.3.2)': {
      make: fullUser,
      mutate: (r) => {
        (r.emails as JsonObject[])[0] = { value: "bjensen@example.com", primary: "true" };
      },
      want: ["invalidValue", "emails[0].primary"],
    },
    "a second primary address → invalidValue addresses (RFC 7643 §2.4)": {
      make: fullUser,
      mutate: (r) => {
        ((r.addresses as JsonObject[])[1] as JsonObject).primary = true;
      },
      want: ["invalidValue", "addresses"],
    },
    "a certificate that is not base64 → invalidValue (RFC 7643 §2.3.6)": {
      make: fullUser,
      mutate: (r) => {
        r.x509Certificates = [{ value: "MIID Qz==" }];
      },
      want: ["invalidValue", "x509Certificates[0].value"],
    },
    "addresses given as one object → invalidValue (RFC 7643 §2.4)": {
      make: fullUser,
      mutate: (r) => {
        r.addresses = { locality: "Hollywood" };
      },
      want: ["invalidValue", "addresses"],
    },
    "a bare string for the complex manager → invalidValue (the Entra layer rewrites it first)": {
      make: enterpriseUser,
      mutate: (r) => {
        r[entUrn] = { manager: "26118915-6090-4610-87e4-49d8ca9f808d" };
      },
      want: ["invalidValue", `${entUrn}:manager`],
    },
    "a profileUrl with spaces → invalidValue (RFC 7643 §2.3.7)": {
      make: fullUser,
      mutate: (r) => {
        r.profileUrl = "login example com";
      },
      want: ["invalidValue", "profileUrl"],
    },
    "a group member id as a number → invalidValue (RFC 7643 §4.2)": {
      make: group,
      rt: "Group",
      mutate: (r) => {
        r.members = [{ value: 2819 }];
      },
      want: ["invalidValue", "members[0].value"],
    },
    "a group without displayName → invalidValue (RFC 7643 §4.2)": {
      make: group,
      rt: "Group",
      mutate: (r) => {
        r.displayName = null;
      },
      want: ["invalidValue", "displayName"],
    },
    "the Group URN on a user → invalidValue schemas (RFC 7643 §3)": {
      make: minimalUser,
      mutate: (r) => {
        r.schemas = [coreSchemaUrns.group];
      },
      want: ["invalidValue", "schemas[0]"],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const body = c.make();
      c.mutate(body);
      const result = validateForCreate(registry, c.rt === "Group" ? groupRt : userRt, body);
      assert.equal(result.ok, false, JSON.stringify(result));
      if (result.ok) return;
      const first = result.issues[0];
      assert.deepEqual([first?.code, first?.path], c.want, JSON.stringify(result.issues));
      assert.equal(errorFromIssues(result.issues).scimType, c.want[0]);
    });
  }
});
