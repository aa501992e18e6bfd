// Which attributes a response carries (RFC 7644 §3.4.2.5 and §3.9; RFC 7643 §7 `returned`), resolved once
// per request into a plan that `applyProjection` (project.ts) applies to every resource and that the
// datastore reads to skip loading what will not be returned (`projectionNeeds`).
//
// Rules, per attribute and sub-attribute:
// - `returned: never` and `mutability: writeOnly` never appear (RFC 7643 §7: writeOnly values "SHALL NOT
//   be returned");
// - `returned: always` always appears (`id`), whatever the parameters say; `schemas` too (RFC 7643 §3
//   makes it REQUIRED in every representation);
// - with no parameter, the `default` ones appear (RFC 7644 §3.4: by default, attributes whose "returned"
//   setting is "always" or "default");
// - `attributes=` keeps only what it names plus the `always` ones (RFC 7644 §3.9). Naming a complex
//   attribute keeps its default sub-attributes, naming `name.givenName` keeps that one, naming a whole
//   extension URN keeps that extension's default attributes;
// - `excludedAttributes=` removes what it names from the default set and "SHALL have no effect on
//   attributes whose schema returned setting is always" (RFC 7644 §3.9);
// - `returned: request` appears only when named in `attributes` (RFC 7643 §7), or, for a top-level
//   attribute, when the write being answered set it (`written` in project.ts; RFC 7643 §7: "returned in
//   response to any PUT, POST, or PATCH operations if the attribute was specified by the client").
//
// Decisions:
// - Both parameters together → 400 invalidValue: RFC 7644 §3.9 calls them "mutually exclusive".
// - A name that resolves to nothing is ignored (and listed in `unknown` for logs). RFC 7644 §3.9 defines
//   no error for it, and an attribute the server does not have has no value to return, so the answer
//   without it is the truthful one; rejecting would break clients whose attribute lists are written for
//   several servers. A name that is not even an attribute path is a 400 (the parser's invalidValue).
// - Names resolve case-insensitively and URN-qualified (RFC 7643 §2.1, RFC 7644 §3.10) through the
//   schema registry, like filters and PATCH paths.
import type { Issue } from "../errors/issues.js";
import { issue } from "../errors/issues.js";
import { ScimError } from "../errors/scim-error.js";
import type { AttrPath } from "../path/attr-path.js";
import { parseAttrPathList } from "../path/parse-attr-path.js";
import { printAttrPath } from "../path/print-attr-path.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../schema/schema-definition.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";

/** One attribute of the output: a simple one, or a complex one reduced to `subs`. */
export interface AttributePlan {
  readonly name: string;
  readonly complex: boolean;
  /** For a complex attribute, the sub-attributes kept (canonical names); undefined for a simple one. */
  readonly subs: readonly string[] | undefined;
  /** `returned: request`, not named: appears only in the answer to a write that set it. */
  readonly onlyIfWritten: boolean;
}

export interface ContainerPlan {
  /** The schema URN; for an extension also the key of its container in the resource. */
  readonly urn: string;
  readonly extension: boolean;
  readonly attributes: readonly AttributePlan[];
}

export interface ResolvedProjection {
  readonly kind: "projection";
  readonly resourceType: string;
  readonly mode: "default" | "attributes" | "excludedAttributes";
  readonly containers: readonly ContainerPlan[];
  /** Names from the parameters that resolved to nothing and were ignored, as the client wrote them. */
  readonly unknown: readonly string[];
}

export interface ProjectionParams {
  readonly attributes?: readonly AttrPath[] | undefined;
  readonly excludedAttributes?: readonly AttrPath[] | undefined;
}

export type ProjectionResult =
  | { readonly ok: true; readonly projection: ResolvedProjection }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const lower = (s: string) => s.toLowerCase();

/** What the parameters name, by container URN (lower case) and attribute name (lower case). */
interface Named {
  readonly wholeContainers: Set<string>;
  /** attribute key → "whole" or the set of sub-attribute names (lower case). */
  readonly attributes: Map<string, "whole" | Set<string>>;
}

const keyOf = (urn: string, name: string) => `${lower(urn)}\u0000${lower(name)}`;

function collect(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  paths: readonly AttrPath[],
  unknown: string[],
): Named {
  const named: Named = { wholeContainers: new Set(), attributes: new Map() };
  for (const path of paths) {
    if (path.schema === undefined && path.subAttr === undefined && lower(path.name) === "schemas") continue;
    const resolved = registry.resolve(rt, path);
    if (resolved === undefined) {
      unknown.push(printAttrPath(path));
    } else if (resolved.kind === "schema") {
      named.wholeContainers.add(lower(resolved.schema));
    } else {
      const key = keyOf(resolved.schema, resolved.attribute.name);
      const before = named.attributes.get(key);
      if (resolved.subAttribute === undefined || before === "whole") {
        named.attributes.set(key, "whole");
      } else {
        const subs = before ?? new Set<string>();
        subs.add(lower(resolved.subAttribute.name));
        named.attributes.set(key, subs);
      }
    }
  }
  return named;
}

const hidden = (d: AttributeDefinition) => d.returned === "never" || d.mutability === "writeOnly";

/** Resolves parsed `attributes` / `excludedAttributes` for one resource type. */
export function resolveProjection(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  params: ProjectionParams = {},
): ProjectionResult {
  const include = params.attributes ?? [];
  const exclude = params.excludedAttributes ?? [];
  if (include.length > 0 && exclude.length > 0) {
    return {
      ok: false,
      issues: [
        issue(
          "invalidValue",
          "attributes",
          'the "attributes" and "excludedAttributes" parameters are mutually exclusive (RFC 7644 §3.9)',
        ),
      ],
    };
  }
  const mode = include.length > 0 ? "attributes" : exclude.length > 0 ? "excludedAttributes" : "default";
  const unknown: string[] = [];
  const named = collect(registry, rt, mode === "attributes" ? include : exclude, unknown);

  const containers: ContainerPlan[] = [];
  const schemaList = [
    { urn: rt.schema, extension: false, defs: registry.baseAttributes(rt) },
    ...rt.schemaExtensions.map((e) => ({
      urn: e.schema,
      extension: true,
      defs: registry.schema(e.schema)?.attributes ?? [],
    })),
  ];
  for (const { urn, extension, defs } of schemaList) {
    const wholeContainer = named.wholeContainers.has(lower(urn));
    const attributes: AttributePlan[] = [];
    for (const def of defs) {
      const plan = planAttribute(def, mode, wholeContainer, named.attributes.get(keyOf(urn, def.name)));
      if (plan !== undefined) attributes.push(plan);
    }
    containers.push(Object.freeze({ urn, extension, attributes: Object.freeze(attributes) }));
  }
  return {
    ok: true,
    projection: Object.freeze({
      kind: "projection",
      resourceType: rt.id,
      mode,
      containers: Object.freeze(containers),
      unknown: Object.freeze(unknown),
    }),
  };
}

function planAttribute(
  def: AttributeDefinition,
  mode: ResolvedProjection["mode"],
  wholeContainer: boolean,
  named: "whole" | Set<string> | undefined,
): AttributePlan | undefined {
  if (hidden(def)) return undefined;
  const always = def.returned === "always";
  // "Selected as a whole": the attribute appears with its default sub-attributes.
  let whole: boolean;
  let onlyIfWritten = false;
  if (mode === "attributes") {
    whole = always || named === "whole" || (wholeContainer && def.returned === "default");
  } else {
    const excluded = mode === "excludedAttributes" && (named === "whole" || wholeContainer);
    whole = always || (def.returned === "default" && !excluded) || (def.returned === "request" && !excluded);
    onlyIfWritten = def.returned === "request";
  }
  if (def.type !== "complex") {
    return whole
      ? Object.freeze({ name: def.name, complex: false, subs: undefined, onlyIfWritten })
      : undefined;
  }
  const subs: string[] = [];
  for (const sub of def.subAttributes ?? []) {
    if (hidden(sub)) continue;
    const namedSub = named instanceof Set && named.has(lower(sub.name));
    const keep =
      sub.returned === "always" ||
      (mode === "attributes" && namedSub) ||
      (whole && sub.returned === "default" && !(mode === "excludedAttributes" && namedSub));
    if (keep) subs.push(sub.name);
  }
  if (subs.length === 0) return undefined;
  return Object.freeze({ name: def.name, complex: true, subs: Object.freeze(subs), onlyIfWritten });
}

/**
 * The same, from the raw parameter values: a comma-separated query string (`?attributes=a,b`) or the
 * string array of a POST /.search body (RFC 7644 §3.4.3). Empty values count as absent. A value that is not
 * an attribute path becomes an invalidValue issue (the parser's message).
 */
export function projectionFromParams(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  raw: {
    readonly attributes?: string | readonly string[] | undefined;
    readonly excludedAttributes?: string | readonly string[] | undefined;
  },
): ProjectionResult {
  const parse = (value: string | readonly string[] | undefined, name: string): AttrPath[] | Issue => {
    const texts = value === undefined ? [] : typeof value === "string" ? [value] : value;
    try {
      return texts.flatMap((t) => parseAttrPathList(t, "invalidValue"));
    } catch (e) {
      if (e instanceof ScimError) return issue(e.scimType ?? "invalidValue", name, e.detail);
      throw e;
    }
  };
  const attributes = parse(raw.attributes, "attributes");
  const excludedAttributes = parse(raw.excludedAttributes, "excludedAttributes");
  const issues = [attributes, excludedAttributes].filter((r): r is Issue => !Array.isArray(r));
  if (issues.length > 0) return { ok: false, issues };
  return resolveProjection(registry, rt, {
    attributes: attributes as AttrPath[],
    excludedAttributes: excludedAttributes as AttrPath[],
  });
}
