// The figures that say what the other datastores cost, measured when their URLs are set (the
// SCIM_TEST_PG_URL and SCIM_TEST_LDAP_URL that scripts/pg-up.sh and scripts/ldap-up.sh print, as for the
// tests): the reference server exactly as `npm start` runs it (process/start-command.ts), on a scratch PostgreSQL schema (`--db
// postgres://…?schema=…`) or with the demo connection's repository in a scratch LDAP subtree
// (SCIM_LDAP_URL and a connections file whose `userRepository.baseDn` points there), loaded through /Bulk
// with the comparison data set, then the filter and POST ratios of the SQLite rows with the same targets.
// The scratch schema or subtree is dropped afterwards. Without a URL each row says how to get it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { defaultConfigFile } from "../../reference/connections/connections-file.js";
import { scratchDirectory } from "../../reference/datastore/ldap/ldap-scratch.js";
import { scratchSchema } from "../../reference/datastore/postgres/postgres-scratch.js";
import type { BenchScale } from "../bench-scale.js";
import { basePath, clientFor, portOffsets, type ServerEnvironment } from "../bench-servers.js";
import { type DatasetManifest, loadDataset } from "../dataset/reference-dataset.js";
import { ChildServer } from "../process/child-server.js";
import { referenceStartCommand } from "../process/start-command.js";
import { type BenchRow, row, unmeasured } from "../report/bench-row.js";
import { createFigure } from "./create.js";
import type { FigureEntry } from "./figure-catalogue.js";
import { count, type FigureContext } from "./figure-context.js";
import { filterThroughputFigure } from "./filter.js";

export const externalStores = ["postgres", "ldap"] as const;
export type ExternalStore = (typeof externalStores)[number];

const storeLabels: Readonly<Record<ExternalStore, string>> = {
  postgres: "PostgreSQL",
  ldap: "LDAP (OpenLDAP)",
};
const urlVariables: Readonly<Record<ExternalStore, string>> = {
  postgres: "SCIM_TEST_PG_URL",
  ldap: "SCIM_TEST_LDAP_URL",
};
const startScripts: Readonly<Record<ExternalStore, string>> = {
  postgres: "scripts/pg-up.sh",
  ldap: "scripts/ldap-up.sh",
};
const ports = { postgres: "referencePostgres", ldap: "referenceLdap" } as const;

/** The rows of one store, in report order, with the targets of their SQLite counterparts. */
export function externalStoreCatalogue(store: ExternalStore): FigureEntry[] {
  const label = storeLabels[store];
  return [
    {
      id: `${store}-bulk-load`,
      name: `${label}: /Bulk load (1,000 operations a request, two in flight)`,
      unit: "users/s",
      target: { on: "value", comparator: ">=", value: 20_000 },
    },
    {
      id: `${store}-filter-vs-get`,
      name: `${label}: filter=userName eq "…" throughput vs GET by id`,
      unit: "req/s per core",
      target: { on: "ratio", comparator: ">=", value: 0.8 },
    },
    {
      id: `${store}-create-vs-get`,
      name: `${label}: POST /Users throughput vs GET by id`,
      unit: "req/s per core",
      target: { on: "ratio", comparator: ">=", value: 0.3 },
    },
  ];
}

/** The URL of a store's test server, or undefined when its variable is unset. */
export function externalStoreUrl(
  store: ExternalStore,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const url = env[urlVariables[store]];
  return url === undefined || url === "" ? undefined : url;
}

interface Placement {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly drop: () => Promise<void>;
}

/** Where the server keeps its data for this run: a scratch schema, or a scratch subtree. */
function placement(store: ExternalStore, url: string, dir: string): Placement {
  if (store === "postgres") {
    const schema = scratchSchema(url, "bench");
    return { args: ["--db", schema.db], env: {}, drop: () => schema.drop() };
  }
  const directory = scratchDirectory("bench");
  const config = join(dir, "connections.json");
  writeFileSync(config, JSON.stringify(directory.rebase(parse(readFileSync(defaultConfigFile, "utf8")))));
  return {
    args: ["--db", join(dir, "embedded.sqlite"), "--config", config],
    env: {
      SCIM_LDAP_URL: directory.settings.url,
      SCIM_LDAP_BIND_DN: directory.settings.bindDn,
      SCIM_LDAP_PASSWORD: directory.settings.password,
      SCIM_LDAP_BASE_DN: directory.settings.baseDn,
    },
    drop: () => directory.drop(),
  };
}

function renamed(entry: FigureEntry, measured: BenchRow, users: number): BenchRow {
  return { ...measured, id: entry.id, name: `${entry.name}, ${count(users)} users` };
}

/**
 * Measures one store's rows. Throws only when the server cannot start or the data cannot be loaded;
 * the caller turns that into unmeasured rows.
 */
export async function externalStoreFigures(
  ctx: FigureContext,
  env: ServerEnvironment,
  store: ExternalStore,
  url: string,
  scale: BenchScale,
): Promise<BenchRow[]> {
  const [bulkEntry, filterEntry, createEntry] = externalStoreCatalogue(store) as [
    FigureEntry,
    FigureEntry,
    FigureEntry,
  ];
  const dir = mkdtempSync(join(tmpdir(), `scim-bench-${store}-`));
  const where = placement(store, url, dir);
  const port = env.portBase + portOffsets[ports[store]];
  let server: ChildServer | undefined;
  try {
    // Exactly as package.json's start script runs it, like the SQLite rows (bench-servers.ts).
    const start = referenceStartCommand();
    server = await ChildServer.start({
      name: `reference on ${storeLabels[store]}`,
      script: start.script,
      nodeArgs: start.nodeArgs,
      args: ["--port", String(port), "--host", "127.0.0.1", ...where.args],
      port,
      readyPath: `${basePath}/ServiceProviderConfig`,
      env: { ...start.env, SCIM_BEARER_TOKEN: env.token, LOG_LEVEL: "info", ...where.env },
      startTimeoutMs: 120_000,
    });
    const users = scale.comparisonUsers;
    ctx.log(`${storeLabels[store]}: loading ${count(users)} users through /Bulk`);
    const client = clientFor(server, env.token, 2);
    let manifest: DatasetManifest;
    try {
      manifest = await loadDataset(client, {
        users,
        bigGroup: 0,
        smallGroup: 0,
        spare: 0,
        sample: Math.min(1000, users),
        perRequest: scale.bulkPerRequest,
      });
    } finally {
      client.close();
    }
    const seconds = manifest.loadMs / 1000;
    const rows: BenchRow[] = [
      row({
        id: bulkEntry.id,
        name: `${bulkEntry.name}, ${count(users)} users`,
        value: users / seconds,
        unit: bulkEntry.unit,
        target: bulkEntry.target,
        notes: [
          `${count(users)} users in ${seconds.toFixed(2)} s wall-clock into an empty ${storeLabels[store]} store, two requests in flight (the data set of the rows below).`,
        ],
      }),
    ];
    rows.push(renamed(filterEntry, await filterThroughputFigure(ctx, server, manifest), users));
    rows.push(renamed(createEntry, await createFigure(ctx, server, manifest), users));
    return rows;
  } finally {
    await server?.stop();
    await where.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every store's rows: measured when its URL is set, otherwise each row says how to measure it. */
export async function allExternalStoreRows(
  ctx: FigureContext,
  env: ServerEnvironment,
  scale: BenchScale,
  failures: string[],
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const store of externalStores) {
    const entries = externalStoreCatalogue(store);
    const url = externalStoreUrl(store, environment);
    if (url === undefined) {
      const why = `Not measured: ${urlVariables[store]} is unset (${startScripts[store]} starts a server on loopback and prints it).`;
      rows.push(...entries.map((e) => unmeasured(e.id, e.name, e.unit, e.target, why)));
      continue;
    }
    try {
      rows.push(...(await externalStoreFigures(ctx, env, store, url, scale)));
    } catch (error) {
      const message = (error as Error).message.split("\n")[0] ?? String(error);
      failures.push(`${store}: ${message}`);
      ctx.log(`  FAILED: ${message}`);
      rows.push(
        ...entries.map((e) => unmeasured(e.id, e.name, e.unit, e.target, `Not measured: ${message}`)),
      );
    }
  }
  return rows;
}
