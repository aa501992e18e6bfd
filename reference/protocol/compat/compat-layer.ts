// Client compatibility layers: the documented ways in which real provisioning clients depart from RFC
// 7643/7644, as data (this table) plus pure rewrites applied before the strict engine (rewrite-*.ts).
// The core stays RFC-exact; a connection turns layers on or off, and every layer is on by default
// because these clients are what a SCIM server meets in practice. With no layer on, the server answers
// strictly per RFC. One rule holds in every mode: a `replace` whose value filter matches nothing is
// 400 `noTarget` (RFC 7644 §3.5.2.3 "SHALL"); no layer turns it into an upsert.

export const compatLayerNames = ["entra", "okta"] as const;
export type CompatLayerName = (typeof compatLayerNames)[number];

/** Every layer on: what a connection gets unless it says otherwise. */
export const defaultCompatLayers: readonly CompatLayerName[] = Object.freeze([...compatLayerNames]);

export interface CompatQuirk {
  readonly id: string;
  readonly layer: CompatLayerName;
  /** Which requests it rewrites: PATCH bodies, POST/PUT resource bodies, or both. */
  readonly scope: "patch" | "resource" | "both";
  readonly summary: string;
  /** Where the client behaviour is documented or reported. */
  readonly source: string;
  /** The conformance catalogue entry (spec/requirements/interop.yaml) the quirk answers, if any. */
  readonly requirement?: string;
}

const entraKnownIssues =
  'Microsoft Learn, "Known issues and resolutions with SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning service" (behaviour without the aadOptscim062020 flag)';
const entraTutorial =
  'Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID"';
const oktaDocs = 'Okta developer docs, "Okta and SCIM Version 2.0"';

export const compatQuirks: readonly CompatQuirk[] = Object.freeze([
  {
    id: "entra.op-case",
    layer: "entra",
    scope: "patch",
    summary: 'PATCH "op" in any letter case: "Add", "Replace", "Remove"',
    source: `${entraTutorial}: "Don't require a case-sensitive match on structural elements in SCIM, in particular PATCH op operation values"`,
    requirement: "interop.entra.patch-op-case-insensitive",
  },
  {
    id: "entra.string-booleans",
    layer: "entra",
    scope: "both",
    summary: '"True"/"False" strings where the schema says boolean (active, emails[].primary), schema-aware',
    source: `${entraKnownIssues}; scimmy #51/#86, scim-for-keycloak #119, FusionAuth #3311`,
    requirement: "interop.entra.patch-string-booleans",
  },
  {
    id: "entra.remove-members-by-value",
    layer: "entra",
    scope: "patch",
    summary:
      '{"op":"Remove","path":"members","value":[{"value":"id"}]} removes the listed members only; read by the RFC it would empty the group',
    source: `${entraTutorial}, "Update Group [Remove Members]"; ${entraKnownIssues}; SCIMple #436/#447, SCIM-SDK #149/#167, segment-docs PR #6726`,
    requirement: "interop.entra.patch-remove-members-by-value",
  },
  {
    id: "entra.flattened-value-keys",
    layer: "entra",
    scope: "patch",
    summary:
      'no-path add/replace whose value has dotted ("name.givenName"), URN-qualified ("urn:…:User:manager") or value-path keys: each becomes its own operation with that path',
    source: `${entraKnownIssues} (requests sent with aadOptscim062020); scimmy #10, scim-for-keycloak #26`,
    requirement: "interop.entra.patch-flattened-value-keys",
  },
  {
    id: "entra.bare-complex-value",
    layer: "entra",
    scope: "both",
    summary:
      'a bare string for a single-valued complex attribute with a "value" sub-attribute (manager: "id" → {value: "id"})',
    source: "Captain-P-Goldfish SCIM-SDK #541 (Entra manager); interop.entra.manager",
    requirement: "interop.entra.manager",
  },
  {
    id: "entra.wrapped-simple-value",
    layer: "entra",
    scope: "both",
    summary: '{"value": x} (or [{"value": x}]) for a single-valued simple attribute → x',
    source: "Captain-P-Goldfish SCIM-SDK #516 (Entra sends simple values wrapped in an object)",
  },
  {
    id: "entra.empty-string-clears",
    layer: "entra",
    scope: "patch",
    summary:
      'add/replace of "" on an optional single-valued string attribute clears it, as null does (RFC 7643 §2.5)',
    source: "Microsoft.SCIM.LogicAppValidationTemplate null/empty PATCH test; conformance checklist R-15",
    requirement: "interop.entra.patch-null-or-empty-clears",
  },
  {
    id: "entra.typed-value-path-add",
    layer: "entra",
    scope: "patch",
    summary:
      'add on emails[type eq "work"].value when no value matches creates one {type: "work", value}; later operations on the same filter then find it, so several operations on one typed item end in ONE item',
    source: `${entraTutorial}, user examples; SCIM-SDK #416/#680, pingidentity/scim2 #213`,
  },
  {
    id: "okta.unchanged-read-only",
    layer: "okta",
    scope: "patch",
    summary:
      "no-path replace/add carrying the unchanged id (and schemas/meta) is accepted: readOnly values equal to the current ones are skipped; a different value is still 400 mutability",
    source: `${oktaDocs}, "Update a specific group name"`,
    requirement: "interop.okta.group-rename-with-id",
  },
  {
    id: "okta.replace-members-empty",
    layer: "okta",
    scope: "patch",
    summary:
      '{"op":"replace","path":"members","value":[]} empties the group. No rewrite: RFC 7643 §2.5 makes [] "unassigned", so the strict engine already accepts it; listed because servers refuse it (SCIM-SDK #757)',
    source: `${oktaDocs} (group push); Captain-P-Goldfish SCIM-SDK #757`,
  },
]);

export function hasLayer(layers: readonly CompatLayerName[], name: CompatLayerName): boolean {
  return layers.includes(name);
}

/** Parses a connection setting such as "entra,okta" or "none"; unknown names are refused, not ignored. */
export function parseCompatLayers(text: string): CompatLayerName[] {
  const names = text
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "" && s !== "none");
  const unknown = names.filter((n) => !compatLayerNames.some((c) => c === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown compatibility layer(s) ${unknown.join(", ")}; known: ${compatLayerNames.join(", ")}`,
    );
  }
  return compatLayerNames.filter((c) => names.includes(c));
}
