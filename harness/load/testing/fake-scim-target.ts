// TEST SUPPORT: an in-memory SCIM target that answers every request a load run sends (Users and Groups,
// userName eq/sw filters, member PATCH in the Entra and Okta forms), so the load command's tests see
// setup, load and cleanup against a real socket. `failPatch` answers PATCH with 500 to show error
// counting; `store` lets a test check that cleanup left nothing behind.
import { randomUUID } from "node:crypto";
import { type LocalServer, sendJson, startLocalServer } from "../../testing/local-server.js";

export interface FakeScimTarget extends LocalServer {
  readonly base: string;
  readonly users: Map<string, Record<string, unknown>>;
  readonly groups: Map<string, { displayName: string; members: Set<string> }>;
}

interface PatchOperation {
  readonly op?: string;
  readonly path?: string;
  readonly value?: unknown;
}

const listUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

function memberValues(value: unknown): string[] {
  return Array.isArray(value) ? value.map((m) => String((m as { value?: unknown }).value)) : [];
}

export async function startFakeScimTarget(options: { failPatch?: boolean } = {}): Promise<FakeScimTarget> {
  const users = new Map<string, Record<string, unknown>>();
  const groups = new Map<string, { displayName: string; members: Set<string> }>();
  const server = await startLocalServer((req, body, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const [, , , collection, id] = url.pathname.split("/");
    const json = body === "" ? undefined : (JSON.parse(body) as Record<string, unknown>);
    const method = req.method ?? "GET";
    if (method === "PATCH" && options.failPatch) return sendJson(res, 500, { detail: "<b>boom</b>" });
    if (collection === "Users" && id === undefined && method === "GET") {
      const filter = url.searchParams.get("filter") ?? "";
      const match = /^userName (eq|sw) "(.*)"$/.exec(filter);
      const found = [...users.values()].filter((u) =>
        match?.[1] === "eq" ? u.userName === match[2] : String(u.userName).startsWith(match?.[2] ?? ""),
      );
      return sendJson(res, 200, { schemas: [listUrn], totalResults: found.length, Resources: found });
    }
    if (collection === "Users" && id === undefined && method === "POST") {
      const user = { ...json, id: randomUUID() };
      users.set(user.id, user);
      return sendJson(res, 201, user);
    }
    if (collection === "Users" && id !== undefined) {
      const user = users.get(id);
      if (user === undefined) return sendJson(res, 404, { detail: "not found" });
      if (method === "DELETE") {
        users.delete(id);
        res.writeHead(204).end();
        return;
      }
      if (method === "PUT") users.set(id, { ...json, id });
      return sendJson(res, 200, users.get(id));
    }
    if (collection === "Groups" && id === undefined && method === "POST") {
      const group = { displayName: String(json?.displayName), members: new Set(memberValues(json?.members)) };
      const gid = randomUUID();
      groups.set(gid, group);
      return sendJson(res, 201, { id: gid, displayName: group.displayName });
    }
    if (collection === "Groups" && id !== undefined) {
      const group = groups.get(id);
      if (group === undefined) return sendJson(res, 404, { detail: "not found" });
      if (method === "DELETE") {
        groups.delete(id);
        res.writeHead(204).end();
        return;
      }
      for (const op of (json?.Operations ?? []) as PatchOperation[]) {
        const kind = String(op.op).toLowerCase();
        const filtered = /^members\[value eq "(.*)"\]$/.exec(op.path ?? "");
        if (kind === "add") for (const m of memberValues(op.value)) group.members.add(m);
        if (kind === "remove" && filtered?.[1] !== undefined) group.members.delete(filtered[1]);
        if (kind === "remove" && filtered === null)
          for (const m of memberValues(op.value)) group.members.delete(m);
      }
      return sendJson(res, 200, { id, displayName: group.displayName });
    }
    sendJson(res, 404, { detail: "no such endpoint" });
  });
  return { ...server, base: `${server.url}/scim/v2`, users, groups };
}
