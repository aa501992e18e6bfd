// Each documented Entra ID and Okta PATCH quirk (compat-layer.ts), with its layer on (accepted, with the
// result the client meant) and off (the strict RFC 7644 answer). Requests go through
// preparePatchRequest → planPatch → applyPatch exactly as the server runs them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyPatch, type PatchResult } from "../patch/apply-patch.js";
import type { PatchContext } from "../patch/patch-context.js";
import {
  assertScimError,
  babs,
  body,
  deepFreeze,
  enterpriseUrn,
  groupCtx,
  james,
  mandy,
  rfcGroup,
  userCtx,
  withoutKey,
} from "../patch/patch-testing.js";
import { planPatch } from "../patch/plan-patch.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { rfcEnterpriseUser, rfcFullUser } from "../testing/rfc7643-users.js";
import { type CompatLayerName, compatLayerNames } from "./compat-layer.js";
import { preparePatchRequest } from "./rewrite-patch.js";

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const minimalUser: JsonObject = { schemas: [userUrn], id: babs, userName: "bjensen@example.com" };

function run(
  layers: readonly CompatLayerName[],
  ctx: PatchContext,
  given: JsonObject,
  ops: JsonValue[],
): PatchResult {
  const request = preparePatchRequest(layers, body(...ops), ctx);
  const frozen = deepFreeze(structuredClone(given));
  const mode = planPatch(ctx, request).needsMembers ? "loaded" : "deferred";
  return applyPatch(ctx, mode === "loaded" ? frozen : withoutKey(frozen, "members"), request, {
    members: mode,
  });
}

/** The final member ids: the delta applied to the given members (deferred), or the loaded list. */
function membersAfter(given: JsonObject, result: PatchResult): string[] {
  const ids = (given.members as JsonObject[]).map((m) => String(m.value));
  const delta = result.membership;
  if (delta === undefined) return ids;
  let out = delta.replaceAll === undefined ? ids : delta.replaceAll.map((m) => m.value);
  out = [...out, ...delta.add.map((m) => m.value).filter((id) => !out.includes(id))];
  return out.filter((id) => !delta.remove.includes(id));
}

interface QuirkCase {
  readonly ctx?: PatchContext;
  readonly given?: JsonObject;
  readonly ops: JsonValue[];
  /** With every layer on. */
  readonly on: (r: PatchResult, given: JsonObject) => void;
  /** With no layer: a strict error (scimType), or a check of the strict result. */
  readonly off: string | ((r: PatchResult, given: JsonObject) => void);
}

const ext = (r: PatchResult) => r.resource[enterpriseUrn] as JsonObject | undefined;

const quirks: [string, QuirkCase][] = [
  [
    'entra.op-case: "Replace" (interop.entra.patch-op-case-insensitive)',
    {
      ops: [{ op: "Replace", path: "title", value: "Chief" }],
      on: (r) => assert.equal(r.resource.title, "Chief"),
      off: "invalidSyntax",
    },
  ],
  [
    'entra.string-booleans: replace active "False" (interop.entra.patch-string-booleans)',
    {
      ops: [{ op: "replace", path: "active", value: "False" }],
      on: (r) => assert.equal(r.resource.active, false),
      off: "invalidValue",
    },
  ],
  [
    'entra.string-booleans: no-path {"active": "True"} and a "true" primary inside a value',
    {
      given: { ...rfcFullUser, active: false },
      ops: [{ op: "replace", value: { active: "True", emails: [{ value: "a@x.org", primary: "true" }] } }],
      on: (r) => {
        assert.equal(r.resource.active, true);
        assert.deepEqual(r.resource.emails, [{ value: "a@x.org", primary: true }]);
      },
      off: "invalidValue",
    },
  ],
  [
    'entra.string-booleans is schema-aware: "True" for the string title stays a string',
    {
      ops: [{ op: "replace", path: "title", value: "True" }],
      on: (r) => assert.equal(r.resource.title, "True"),
      off: (r) => assert.equal(r.resource.title, "True"),
    },
  ],
  [
    'entra.remove-members-by-value: "Remove" members with a value list removes only those (interop.entra.patch-remove-members-by-value)',
    {
      ctx: groupCtx,
      given: rfcGroup,
      ops: [{ op: "Remove", path: "members", value: [{ value: babs }] }],
      on: (r, given) => assert.deepEqual(membersAfter(given, r), [mandy]),
      // Strictly the value is refused: read literally by RFC 7644 §3.5.2.2 it would empty the group.
      off: "invalidSyntax",
    },
  ],
  [
    "entra.remove-members-by-value: several ids, one of them not a member",
    {
      ctx: groupCtx,
      given: rfcGroup,
      ops: [{ op: "remove", path: "members", value: [{ value: babs, display: "Babs" }, { value: james }] }],
      on: (r, given) => assert.deepEqual(membersAfter(given, r), [mandy]),
      off: "invalidSyntax",
    },
  ],
  [
    "entra.remove-members-by-value: an empty value list removes nobody",
    {
      ctx: groupCtx,
      given: rfcGroup,
      ops: [{ op: "remove", path: "members", value: [] }],
      on: (r, given) => assert.deepEqual(membersAfter(given, r), [babs, mandy]),
      off: "invalidSyntax",
    },
  ],
  [
    "entra.flattened-value-keys: dotted, URN-qualified and value-path keys in a no-path replace (interop.entra.patch-flattened-value-keys)",
    {
      ops: [
        {
          op: "replace",
          value: {
            displayName: "Babs",
            "name.givenName": "B",
            [`${enterpriseUrn}:department`]: "Ops",
            'emails[type eq "work"].value': "w@example.org",
            nickName: "Bee",
          },
        },
      ],
      on: (r) => {
        assert.equal(r.resource.displayName, "Babs");
        assert.equal(r.resource.nickName, "Bee");
        assert.equal((r.resource.name as JsonObject).givenName, "B");
        assert.equal(ext(r)?.department, "Ops");
        assert.deepEqual((r.resource.emails as JsonObject[])[0], {
          value: "w@example.org",
          type: "work",
          primary: true,
        });
      },
      off: "invalidPath",
    },
  ],
  [
    "entra.bare-complex-value: manager as a bare id string (interop.entra.manager)",
    {
      given: rfcEnterpriseUser,
      ops: [{ op: "replace", path: `${enterpriseUrn}:manager`, value: james }],
      on: (r) => assert.deepEqual(ext(r)?.manager, { value: james }),
      off: "invalidValue",
    },
  ],
  [
    "entra.bare-complex-value inside a flattened no-path key",
    {
      ops: [{ op: "add", value: { [`${enterpriseUrn}:manager`]: james } }],
      on: (r) => assert.deepEqual(ext(r)?.manager, { value: james }),
      off: "invalidPath",
    },
  ],
  [
    'entra.wrapped-simple-value: {"value": "x"} for displayName',
    {
      ops: [{ op: "replace", path: "displayName", value: { value: "Babs J" } }],
      on: (r) => assert.equal(r.resource.displayName, "Babs J"),
      off: "invalidValue",
    },
  ],
  [
    'entra.empty-string-clears: replace title "" clears it (interop.entra.patch-null-or-empty-clears)',
    {
      ops: [{ op: "replace", path: "title", value: "" }],
      on: (r) => assert.equal(r.resource.title, undefined),
      off: (r) => assert.equal(r.resource.title, ""),
    },
  ],
  [
    'entra.typed-value-path-add: add emails[type eq "work"].value with no work email creates one',
    {
      given: minimalUser,
      ops: [{ op: "add", path: 'emails[type eq "work"].value', value: "w@example.org" }],
      on: (r) => assert.deepEqual(r.resource.emails, [{ value: "w@example.org", type: "work" }]),
      off: "noTarget",
    },
  ],
  [
    "entra.typed-value-path-add: several operations on one typed item end in ONE item",
    {
      given: minimalUser,
      ops: [
        { op: "add", path: 'emails[type eq "work"].value', value: "w@example.org" },
        { op: "add", path: 'emails[type eq "work"].primary', value: "True" },
        { op: "add", path: 'addresses[type eq "work"].streetAddress', value: "1 Main St" },
        { op: "add", path: 'addresses[type eq "work"].locality', value: "Springfield" },
      ],
      on: (r) => {
        assert.deepEqual(r.resource.emails, [{ value: "w@example.org", type: "work", primary: true }]);
        assert.deepEqual(r.resource.addresses, [
          { streetAddress: "1 Main St", locality: "Springfield", type: "work" },
        ]);
      },
      off: "noTarget",
    },
  ],
  [
    "entra.typed-value-path-add: a created primary value demotes the old primary",
    {
      ops: [{ op: "add", path: 'emails[type eq "other"]', value: { value: "o@example.org", primary: true } }],
      on: (r) =>
        assert.deepEqual(r.resource.emails, [
          { value: "bjensen@example.com", type: "work", primary: false },
          { value: "babs@jensen.org", type: "home" },
          { value: "o@example.org", type: "other", primary: true },
        ]),
      off: "noTarget",
    },
  ],
  [
    "okta.unchanged-read-only: no-path replace with the group's unchanged id renames it (interop.okta.group-rename-with-id)",
    {
      ctx: groupCtx,
      given: rfcGroup,
      ops: [{ op: "replace", value: { id: rfcGroup.id ?? null, displayName: "Test SCIMv2" } }],
      on: (r) => assert.equal(r.resource.displayName, "Test SCIMv2"),
      off: "mutability",
    },
  ],
  [
    "okta.unchanged-read-only: unchanged schemas and meta pass too",
    {
      ctx: groupCtx,
      given: rfcGroup,
      ops: [
        {
          op: "replace",
          value: { schemas: rfcGroup.schemas ?? null, meta: rfcGroup.meta ?? null, displayName: "X" },
        },
      ],
      on: (r) => assert.equal(r.resource.displayName, "X"),
      off: "mutability",
    },
  ],
  [
    "okta.replace-members-empty: replace members [] empties the group in every mode (RFC 7643 §2.5)",
    {
      ctx: groupCtx,
      given: rfcGroup,
      ops: [{ op: "replace", path: "members", value: [] }],
      on: (r, given) => assert.deepEqual(membersAfter(given, r), []),
      off: (r, given) => assert.deepEqual(membersAfter(given, r), []),
    },
  ],
];

describe("compatibility layers on PATCH: each quirk on and off", () => {
  for (const [name, q] of quirks) {
    const ctx = q.ctx ?? userCtx;
    const given = q.given ?? rfcFullUser;
    it(`${name}: accepted with the layers on`, () => {
      q.on(run(compatLayerNames, ctx, given, q.ops), given);
    });
    it(`${name}: strict RFC answer with the layers off`, () => {
      const { off } = q;
      if (typeof off === "string") assertScimError(() => run([], ctx, given, q.ops), off);
      else off(run([], ctx, given, q.ops), given);
    });
  }
});

describe("compatibility layers: rules that hold in every mode", () => {
  const modes: [string, readonly CompatLayerName[]][] = [
    ["all layers", compatLayerNames],
    ["entra", ["entra"]],
    ["okta", ["okta"]],
    ["none", []],
  ];
  for (const [mode, layers] of modes) {
    it(`replace whose value filter matches nothing is 400 noTarget (${mode}; RFC 7644 §3.5.2.3)`, () => {
      assertScimError(
        () =>
          run(layers, userCtx, minimalUser, [
            { op: "replace", path: 'emails[type eq "work"].value', value: "w@x.org" },
          ]),
        "noTarget",
      );
    });
    it(`a flattened value-path key in a no-path replace is a replace, so no match is noTarget (${mode})`, () => {
      const ops: JsonValue[] = [{ op: "replace", value: { 'emails[type eq "work"].value': "w@x.org" } }];
      assertScimError(
        () => run(layers, userCtx, minimalUser, ops),
        layers.includes("entra") ? "noTarget" : "invalidPath",
      );
    });
  }

  it("okta.unchanged-read-only still refuses a different id (mutability)", () => {
    assertScimError(
      () =>
        run(compatLayerNames, groupCtx, rfcGroup, [
          { op: "replace", value: { id: "other", displayName: "X" } },
        ]),
      "mutability",
    );
  });

  it("okta.unchanged-read-only does not apply to a path operation on id", () => {
    assertScimError(
      () =>
        run(compatLayerNames, groupCtx, rfcGroup, [
          { op: "replace", path: "id", value: rfcGroup.id ?? null },
        ]),
      "mutability",
    );
  });

  it("entra.typed-value-path-add does not create from a filter that is not a conjunction of eq terms", () => {
    assertScimError(
      () =>
        run(compatLayerNames, userCtx, minimalUser, [
          { op: "add", path: 'emails[type eq "work" or type eq "home"].value', value: "x@x.org" },
        ]),
      "noTarget",
    );
  });

  it("keeps the client's operation index on operations a layer split", () => {
    const ops: JsonValue[] = [
      { op: "add", path: "title", value: "x" },
      { op: "replace", value: { "name.givenName": "B", "name.shoe": "9" } },
    ];
    assertScimError(() => run(compatLayerNames, userCtx, rfcFullUser, ops), "invalidPath", "Operations[1]");
  });

  it("leaves a remove by value on a single-valued attribute as a plain remove (the value is ignored)", () => {
    const r = run(compatLayerNames, userCtx, rfcEnterpriseUser, [
      { op: "Remove", path: `${enterpriseUrn}:manager`, value: [{ value: "x" }] },
    ]);
    assert.equal(ext(r)?.manager, undefined);
  });
});
