// Builds the CheckContext one check runs with: its own recording client (its own evidence), the
// shared discovery and run facts, data helpers that create through the client (so the ledger registers
// everything for cleanup), and seeded randomness.
import type { CheckContext, Created, Resources, RunInfo, UniqueNames } from "../checks/check-context.js";
import { Expectation } from "../checks/expect.js";
import type { ScimClient, ScimRequest, ScimResponse } from "../client/client.js";
import type { ResourceLedger } from "../client/resource-ledger.js";
import { scimApi } from "../client/typed-api.js";
import { relativePath, segmentsOf } from "../client/urls.js";
import { groupSchemaUrn, userSchemaUrn } from "./discover.js";
import type { Discovery } from "./discovery.js";
import { checkSeed, seededRandom } from "./run-identity.js";

export interface ContextDeps {
  readonly checkId: string;
  readonly expectation: string;
  readonly client: ScimClient;
  readonly discovery: Discovery;
  readonly run: RunInfo;
  readonly unique: UniqueNames;
  readonly ledger: ResourceLedger;
  readonly signal: AbortSignal;
}

export interface BuiltContext {
  readonly ctx: CheckContext;
  readonly notes: readonly string[];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function created(res: ScimResponse, endpoint: string): Created {
  const resource = asObject(res.body);
  const id = typeof resource?.id === "string" && resource.id.length > 0 ? resource.id : undefined;
  const meta = asObject(resource?.meta);
  const location =
    res.header("location") ??
    (typeof meta?.location === "string" ? meta.location : undefined) ??
    (id !== undefined ? `${endpoint}/${encodeURIComponent(id)}` : undefined);
  return {
    response: res,
    ok: res.status >= 200 && res.status < 300 && id !== undefined,
    id,
    location,
    resource,
  };
}

function resourcesFor(deps: ContextDeps): Resources {
  const { client, discovery, unique, ledger, checkId } = deps;
  const resources: Resources = {
    userBody: (overrides = {}) => ({ schemas: [userSchemaUrn], userName: unique.userName(), ...overrides }),
    groupBody: (overrides = {}) => ({
      schemas: [groupSchemaUrn],
      displayName: unique.displayName(),
      ...overrides,
    }),
    async create(typeOrPath, body, request: Omit<Partial<ScimRequest>, "method" | "path" | "body"> = {}) {
      const endpoint = typeOrPath.startsWith("/") ? typeOrPath : discovery.endpoint(typeOrPath);
      if (endpoint === undefined) throw new Error(`the target advertises no resource type "${typeOrPath}"`);
      const res = await client.send({ ...request, method: "POST", path: endpoint, body });
      return created(res, endpoint);
    },
    createUser: (overrides) => resources.create("User", resources.userBody(overrides)),
    createGroup: (overrides) => resources.create("Group", resources.groupBody(overrides)),
    register(location) {
      const segments = segmentsOf(relativePath(client.baseUrl, location) ?? "");
      const id = segments.at(-1);
      if (id === undefined || segments.length < 2)
        throw new Error(`cannot register ${location}: not a resource URL under the base URL`);
      ledger.register(segments.slice(0, -1).join("/"), id, checkId);
    },
  };
  return resources;
}

export function buildContext(deps: ContextDeps): BuiltContext {
  const notes: string[] = [];
  const seed = checkSeed(deps.run.seed, deps.checkId);
  const ctx: CheckContext = {
    client: deps.client,
    api: scimApi(deps.client),
    discovery: deps.discovery,
    run: deps.run,
    seed,
    random: seededRandom(seed),
    unique: deps.unique,
    resources: resourcesFor(deps),
    signal: deps.signal,
    expect: (expectation) => new Expectation(expectation ?? deps.expectation),
    note: (text) => {
      notes.push(text);
    },
  };
  return { ctx, notes };
}
