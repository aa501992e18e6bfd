// Runs one fuzz case against the reference server and judges it. Properties (issue "Reliability and
// security", Fuzzing):
// - no 5xx, except 501 where RFC 7231 §4.1 asks for it (a method the server does not implement) or
//   RFC 7644 §3.11 does (/Me without a linked User);
// - every 4xx (and that 501) is a valid SCIM error (scim-error-shape.ts);
// - a refused request, and any read, leaves the database exactly as it was (PRAGMA data_version);
// - the server logs no unhandled error, and keeps answering.
// Placeholders are filled here with ids that exist now, so mutations meet real resources.

import { type RawResponse, sendRaw, targetOf } from "../support/raw-http.js";
import type { ReferenceUnderTest } from "../support/reference-under-test.js";
import { demoAuth } from "../support/reference-under-test.js";
import { scimErrorProblems } from "../support/scim-error-shape.js";
import type { SqliteWatch } from "../support/sqlite-watch.js";
import type { FuzzCase } from "./fuzz-cases.js";
import { urn } from "./seeds.js";

const scimMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface Verdict {
  readonly status: number;
  readonly problems: readonly string[];
  /** The request as sent, for the failure message. */
  readonly sent: string;
}

interface Pools {
  users: string[];
  groups: string[];
  hr: string[];
}

function apiResultProblems(response: RawResponse): string[] {
  try {
    const body = JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
    return typeof body.resultId === "string" && typeof body.message === "string" ? [] : ["not an ApiResult"];
  } catch {
    return ["admin API body is not JSON"];
  }
}

function describeHeaders(headers: readonly (readonly [string, string])[]): string {
  const shown = headers
    .slice(0, 8)
    .map(([n, v]) => `${n}: ${v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v}`);
  return JSON.stringify(headers.length > 8 ? [...shown, `… ${headers.length - 8} more`] : shown);
}

function describeBytes(bytes: Buffer, max = 400): string {
  const text = JSON.stringify(bytes.subarray(0, max).toString("latin1"));
  return bytes.length > max ? `${text}… (${bytes.length} bytes)` : text;
}

export class FuzzRunner {
  readonly #server: ReferenceUnderTest;
  readonly #watch: SqliteWatch;
  readonly #pools: Pools = { users: [], groups: [], hr: [] };
  #counter = 0;
  #calls = 0;

  constructor(server: ReferenceUnderTest, watch: SqliteWatch) {
    this.#server = server;
    this.#watch = watch;
  }

  async #create(path: string, auth: string, body: object): Promise<string> {
    const response = await fetch(`${this.#server.url}${path}`, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "application/scim+json" },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { id?: string };
    if (response.status !== 201 || typeof json.id !== "string")
      throw new Error(`setup: POST ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json.id;
  }

  /** Drops ids that no longer exist (a fuzzed Bulk DELETE removes resources this runner cannot see). */
  async #prune(): Promise<void> {
    const pools: [string[], string, string][] = [
      [this.#pools.users, "/Users", demoAuth.directory],
      [this.#pools.groups, "/Groups", demoAuth.directory],
      [this.#pools.hr, "/Users", demoAuth.hr],
    ];
    for (const [list, path, auth] of pools) {
      for (const id of [...list]) {
        const response = await fetch(`${this.#server.url}${path}/${id}?attributes=id`, {
          headers: { Authorization: auth },
        });
        await response.text();
        if (response.status === 404) list.splice(list.indexOf(id), 1);
      }
    }
  }

  /** Keeps enough live Users and Groups to aim at; fuzzed DELETEs and PUTs consume them. */
  async replenish(): Promise<void> {
    if (++this.#calls % 100 === 0) await this.#prune();
    const tag = () => `seed-${process.pid}-${++this.#counter}`;
    while (this.#pools.users.length < 12)
      this.#pools.users.push(
        await this.#create("/Users", demoAuth.directory, {
          schemas: [urn.user],
          userName: tag(),
          emails: [{ value: "a@example.com", type: "work" }],
        }),
      );
    if (this.#pools.groups.length < 4) {
      // Members must exist now, and the pool may hold ids a Bulk DELETE removed since the last prune.
      await this.#prune();
      while (this.#pools.users.length < 12)
        this.#pools.users.push(
          await this.#create("/Users", demoAuth.directory, { schemas: [urn.user], userName: tag() }),
        );
    }
    while (this.#pools.groups.length < 4) {
      const members = this.#pools.users.slice(0, 3).map((value) => ({ value }));
      this.#pools.groups.push(
        await this.#create("/Groups", demoAuth.directory, {
          schemas: [urn.group],
          displayName: tag(),
          members,
        }),
      );
    }
    while (this.#pools.hr.length < 2)
      this.#pools.hr.push(
        await this.#create("/Users", demoAuth.hr, { schemas: [urn.user], userName: tag() }),
      );
  }

  #fill(text: string): string {
    const at = (list: readonly string[], n: string) => list[Number(n) % list.length] ?? "none";
    return text
      .replace(/@user:(\d+)/g, (_m, n: string) => at(this.#pools.users, n))
      .replace(/@group:(\d+)/g, (_m, n: string) => at(this.#pools.groups, n))
      .replace(/@hr:(\d+)/g, (_m, n: string) => at(this.#pools.hr, n))
      .replace(/@n\b/g, () => `${process.pid}-${++this.#counter}`);
  }

  #authorization(c: FuzzCase): string | undefined {
    if (typeof c.auth === "object") return c.auth.raw;
    return c.auth === "none" ? undefined : demoAuth[c.auth];
  }

  async run(c: FuzzCase): Promise<Verdict> {
    const basePath = new URL(this.#server.url).pathname;
    const target = this.#fill(c.target.startsWith("!") ? c.target.slice(1) : `${basePath}${c.target}`);
    // Placeholders are ASCII; latin1 keeps every other byte as it was.
    const body =
      c.body === undefined ? undefined : Buffer.from(this.#fill(c.body.toString("latin1")), "latin1");
    const auth = this.#authorization(c);
    const headers = [...(auth === undefined ? [] : [["Authorization", auth] as const]), ...c.headers];
    const sent = `${c.method} ${describeBytes(Buffer.from(target, "latin1"), 200)} ${describeHeaders(headers)} body ${body === undefined ? "none" : describeBytes(body)}`;

    const mark = this.#server.logs.lines.length;
    const before = this.#watch.version();
    let response: RawResponse;
    try {
      response = await sendRaw(targetOf(this.#server.url), {
        method: c.method,
        target,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(c.contentLength === undefined ? {} : { contentLength: c.contentLength }),
      });
    } catch (error) {
      return { status: 0, problems: [`no response: ${(error as Error).message}`], sent };
    }
    const problems: string[] = [];
    const { status } = response;
    const method = c.method.toUpperCase();
    const meAlias = /\/Me(\?|$)/i.test(target);
    // Methods are case-sensitive (RFC 7231 §4.1): "Delete" is not DELETE, and 501 is its right answer.
    if (status >= 500 && !(status === 501 && (!scimMethods.has(c.method) || meAlias)))
      problems.push(`answered ${status}`);
    // The admin API answers in PingFederate's ApiResult shape (reference/http/admin/api-result.ts); what
    // node's parser refuses before any path is known is a SCIM error there too.
    const admin = /^\/admin(\/|$)/i.test(target);
    if (status >= 400) {
      const scim = scimErrorProblems(response, method);
      const found = admin && scim.length > 0 ? apiResultProblems(response) : scim;
      problems.push(...found.map((p) => `${status} error: ${p}`));
    }
    const changed = this.#watch.version() !== before;
    if (changed && status >= 400) problems.push(`the refused request (${status}) changed the database`);
    const search = method === "POST" && /\.search(\?|$)/i.test(target);
    if (changed && (!writeMethods.has(method) || search))
      problems.push(`a ${method} read changed the database`);
    const logged = this.#server.logs.errorsSince(mark);
    if (logged.length > 0)
      problems.push(
        `the server logged ${logged.length} error(s): ${JSON.stringify(logged[0]).slice(0, 1500)}`,
      );
    if (problems.length > 0) problems.push(`response body: ${describeBytes(response.body, 600)}`);
    this.#forget(method, target, status);
    if (status === 201 && (body?.length ?? 0) > 100_000) await this.#dropHuge(response);
    return { status, problems, sent };
  }

  /**
   * Deletes a resource an accepted multi-megabyte body created (outside the judged case): left in place,
   * every later listing would carry it, and a long run would slow to a crawl on its own debris.
   */
  async #dropHuge(response: RawResponse): Promise<void> {
    const location = response.headers.location;
    if (location === undefined) return;
    const auth = /\/Groups\//.test(location) ? demoAuth.directory : undefined;
    for (const credential of [auth ?? demoAuth.directory, demoAuth.hr]) {
      const gone = await fetch(location, { method: "DELETE", headers: { Authorization: credential } });
      await gone.text();
      if (gone.status === 204) return;
    }
  }

  /** Drops ids a successful DELETE (or a disabling PUT) removed, so later cases aim at live resources. */
  #forget(method: string, target: string, status: number): void {
    if (method !== "DELETE" || status !== 204) return;
    const id = decodeURIComponent(target.split("?")[0]?.split("/").at(-1) ?? "");
    for (const list of [this.#pools.users, this.#pools.groups, this.#pools.hr]) {
      const at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1);
    }
  }
}
