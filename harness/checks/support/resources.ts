// Creating and reading back the resources a check works on. Every helper creates fresh data with the
// run prefix (never assumes an empty or seeded server) and turns a failed precondition into a `skip`
// (scim-check.ts), so e.g. a PATCH check never fails because the server could not create a User.
import type { ScimRequest, ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { fitToAdvertised } from "./advertised-attributes.js";
import type { JsonObject } from "./json.js";
import { asObject } from "./json.js";
import { need } from "./scim-check.js";

export interface Made {
  readonly id: string;
  /** `{endpoint}/{id}`, relative to the base URL: where the harness reads and writes it. */
  readonly path: string;
  readonly body: JsonObject;
  /** The representation the create returned (may be empty when the server sent no body). */
  readonly resource: JsonObject;
  readonly response: ScimResponse;
}

export function resourcePath(endpoint: string, id: string): string {
  return `${endpoint}/${encodeURIComponent(id)}`;
}

/** The User endpoint; skips the check on a target without a User resource type. */
export function usersEndpoint(ctx: CheckContext): string {
  const type = ctx.discovery.resourceType("User");
  need(type !== undefined, "the target advertises no User resource type in /ResourceTypes");
  return type.endpoint;
}

/**
 * The Group endpoint; skips the check on a users-only target (a PingFederate connection that
 * provisions Users only has no Group resource type, and /Groups answering 404 is then correct).
 */
export function groupsEndpoint(ctx: CheckContext): string {
  const type = ctx.discovery.resourceType("Group");
  need(
    type !== undefined,
    "the target advertises no Group resource type (a users-only connection): group behaviour does not apply",
  );
  return type.endpoint;
}

/** True when the User resource type declares `urn` as a schema extension. */
export function hasExtension(ctx: CheckContext, typeName: string, urn: string): boolean {
  const type = ctx.discovery.resourceType(typeName);
  return type?.schemaExtensions.some((e) => e.schema.toLowerCase() === urn.toLowerCase()) ?? false;
}

async function make(
  ctx: CheckContext,
  endpoint: string,
  body: JsonObject,
  what: string,
  request?: Omit<Partial<ScimRequest>, "method" | "path" | "body">,
): Promise<Made> {
  const created = await ctx.resources.create(endpoint, body, request);
  need(
    created.ok && created.id !== undefined,
    `could not create the ${what} this check needs: ${describeResponse(created.response)}`,
  );
  return {
    id: created.id,
    path: resourcePath(endpoint, created.id),
    body,
    resource: created.resource ? { ...created.resource } : {},
    response: created.response,
  };
}

/**
 * Creates a User from `userBody(overrides)`, without the attributes the target's /Schemas does not list
 * (advertised-attributes.ts); skips the check when the server refuses.
 */
export async function makeUser(
  ctx: CheckContext,
  overrides: Readonly<JsonObject> = {},
  request?: Omit<Partial<ScimRequest>, "method" | "path" | "body">,
): Promise<Made> {
  const body = fitToAdvertised(ctx.discovery, "User", ctx.resources.userBody(overrides)) as JsonObject;
  return make(ctx, usersEndpoint(ctx), body, "User", request);
}

/** Creates a User from exactly `body` (key order and all); skips the check when the server refuses. */
export async function makeUserVerbatim(ctx: CheckContext, body: JsonObject): Promise<Made> {
  return make(ctx, usersEndpoint(ctx), body, "User");
}

/** Creates a Group from `groupBody(overrides)`; skips on a users-only target or a refusal. */
export async function makeGroup(ctx: CheckContext, overrides: Readonly<JsonObject> = {}): Promise<Made> {
  const body = fitToAdvertised(ctx.discovery, "Group", ctx.resources.groupBody(overrides)) as JsonObject;
  return make(ctx, groupsEndpoint(ctx), body, "Group");
}

/** GET of the resource; skips the check unless it answers 200 with a JSON object. */
export async function readBack(
  ctx: CheckContext,
  path: string,
): Promise<{ res: ScimResponse; body: JsonObject }> {
  const res = await ctx.client.send({ method: "GET", path });
  const body = asObject(res.body);
  need(res.status === 200 && body !== undefined, `could not read back ${path}: ${describeResponse(res)}`);
  return { res, body };
}

/** GET of a resource, returning the response without judging it. */
export function get(
  ctx: CheckContext,
  path: string,
  query?: ScimRequest["query"],
  headers?: Readonly<Record<string, string>>,
): Promise<ScimResponse> {
  return ctx.client.send({
    method: "GET",
    path,
    ...(query ? { query } : {}),
    ...(headers ? { headers } : {}),
  });
}

/** A rich User body: the attributes RFC 7643 §4.1 defines that most servers store. */
export function richUserBody(ctx: CheckContext, tag: string): JsonObject {
  return ctx.resources.userBody({
    externalId: `${tag}-Ext-MiXeD`,
    name: { givenName: "Barbara", familyName: `Jensen-${tag.slice(-4)}`, formatted: "Ms. Barbara Jensen" },
    displayName: "Babs Jensen",
    title: "Tour Guide",
    emails: [
      { value: `${tag}-work@example.org`, type: "work", primary: true },
      { value: `${tag}-home@example.org`, type: "home" },
    ],
    active: true,
  });
}

/**
 * Waits long enough for a server's timestamps to tell "before" from "after": 1.1 s when a sample
 * timestamp has whole seconds only (so a server with 1 s resolution gets a fair chance), a few
 * milliseconds when it shows fractions of a second.
 */
export async function waitPastTimestampResolution(ctx: CheckContext, sample: unknown): Promise<void> {
  const fractional = typeof sample === "string" && /T\d{2}:\d{2}:\d{2}\.\d+/.test(sample);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, fractional ? 15 : 1100);
    ctx.signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(ctx.signal.reason);
      },
      { once: true },
    );
  });
}
