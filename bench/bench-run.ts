// One bench run: load the data sets, start every server, measure every figure of the table side by
// side, stop everything, and return the report. Servers are stopped in `finally`, whatever fails; a figure
// that throws keeps its row with the error in its notes, and the run continues with the next one.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchScale } from "./bench-scale.js";
import {
  clientFor,
  type ServerEnvironment,
  startBaseline,
  startReference,
  startScimmy,
} from "./bench-servers.js";
import { type DatasetManifest, type DatasetSpec, loadDataset } from "./dataset/reference-dataset.js";
import { bulkImportFigure } from "./figures/bulk-import.js";
import { conformanceFigure } from "./figures/conformance.js";
import { createFigure, deleteCreatedUsers } from "./figures/create.js";
import { cursorWalkFigure } from "./figures/cursor-walk.js";
import { allExternalStoreRows } from "./figures/datastore-figures.js";
import { figureCatalogue } from "./figures/figure-catalogue.js";
import { count, type FigureContext } from "./figures/figure-context.js";
import { filterP99Figure, filterThroughputFigure } from "./figures/filter.js";
import { getByIdFigures } from "./figures/get-by-id.js";
import { groupGetFigure, memberAddFigure } from "./figures/membership.js";
import { rssFigure } from "./figures/memory.js";
import { type ScimmySide, scimmyMemberAddFigure, scimmyThroughputFigures } from "./figures/scimmy.js";
import type { ChildServer } from "./process/child-server.js";
import { type BenchReport, benchReportVersion, type DatasetReport } from "./report/bench-report.js";
import { type BenchRow, unmeasured } from "./report/bench-row.js";
import { machineInfo } from "./report/machine-info.js";

export interface BenchOptions {
  readonly scale: BenchScale;
  readonly portBase: number;
  /** Keep and reuse loaded databases here (the large one takes minutes to load); temporary by default. */
  readonly dataDir?: string;
  readonly log: (line: string) => void;
}

export interface BenchOutcome {
  readonly report: BenchReport;
  /** Figures that threw: the bench itself broke (a missed target is not a failure). */
  readonly failures: readonly string[];
}

const generatorText =
  "autocannon 8 (closed loop, keep-alive, no pipelining) for throughput, in the bench process; node:http keep-alive (the load command's client) for one-at-a-time latency series. Measured on this machine against the bare node:http server: autocannon used about 19 µs of CPU per request and reached about 28,000 req/s, a node:http client about 27 µs and 23,000 req/s, so autocannon leaves more of the two cores to the server being measured.";

async function prepareDataset(
  env: ServerEnvironment,
  dir: string,
  name: string,
  spec: DatasetSpec,
  persistent: boolean,
  log: (line: string) => void,
): Promise<{ db: string; manifest: DatasetManifest; report: DatasetReport }> {
  const key = `${name}-${spec.users}-${spec.bigGroup}-${spec.smallGroup}-${spec.spare}`;
  const db = join(dir, `${key}.sqlite`);
  const manifestFile = join(dir, `${key}.json`);
  if (persistent && existsSync(db) && existsSync(manifestFile)) {
    const saved = JSON.parse(readFileSync(manifestFile, "utf8")) as DatasetManifest & { clean?: boolean };
    if (saved.clean === true) {
      log(`reusing the ${name} data set (${count(spec.users)} users) from ${dir}`);
      writeFileSync(manifestFile, JSON.stringify({ ...saved, clean: false }));
      return { db, manifest: saved, report: { name, users: spec.users, loadSeconds: null, reused: true } };
    }
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
  log(`loading the ${name} data set: ${count(spec.users)} users through /Bulk`);
  const server = await startReference(env, `reference (loading ${name})`, "referenceLarge", db);
  const client = clientFor(server, env.token, 2);
  try {
    const manifest = await loadDataset(client, spec);
    log(
      `  ${count(spec.users)} users in ${(manifest.loadMs / 1000).toFixed(1)} s (${count(Math.round(spec.users / (manifest.loadMs / 1000)))} users/s)`,
    );
    if (persistent) writeFileSync(manifestFile, JSON.stringify({ ...manifest, clean: false }));
    return {
      db,
      manifest,
      report: { name, users: spec.users, loadSeconds: manifest.loadMs / 1000, reused: false },
    };
  } finally {
    client.close();
    await server.stop();
  }
}

function markClean(dir: string, name: string, spec: DatasetSpec): void {
  const file = join(dir, `${name}-${spec.users}-${spec.bigGroup}-${spec.smallGroup}-${spec.spare}.json`);
  if (existsSync(file))
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), clean: true }));
}

export async function runBench(options: BenchOptions): Promise<BenchOutcome> {
  const { scale, log } = options;
  const machine = machineInfo();
  const started = performance.now();
  const env: ServerEnvironment = { portBase: options.portBase, token: randomBytes(24).toString("base64url") };
  const ctx: FigureContext = { scale, token: env.token, log };
  const scratch = mkdtempSync(join(tmpdir(), "scim-bench-"));
  const persistent = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? scratch;
  mkdirSync(dataDir, { recursive: true });
  const rows = new Map<string, BenchRow>();
  const failures: string[] = [];
  const running: ChildServer[] = [];
  const datasets: DatasetReport[] = [];
  let externalRows: BenchRow[] = [];
  const start = async (server: Promise<ChildServer>): Promise<ChildServer> => {
    const s = await server;
    running.push(s);
    return s;
  };
  const stop = async (server: ChildServer | undefined): Promise<void> => {
    if (server === undefined) return;
    await server.stop();
    running.splice(running.indexOf(server), 1);
  };
  const attempt = async (ids: readonly string[], work: () => Promise<BenchRow | BenchRow[]>) => {
    try {
      const produced = await work();
      for (const r of Array.isArray(produced) ? produced : [produced]) rows.set(r.id, r);
    } catch (error) {
      const message = (error as Error).message.split("\n")[0] ?? String(error);
      failures.push(`${ids.join(", ")}: ${message}`);
      log(`  FAILED: ${message}`);
      for (const id of ids) {
        const entry = figureCatalogue.find((f) => f.id === id);
        if (entry !== undefined && !rows.has(id))
          rows.set(id, unmeasured(id, entry.name, entry.unit, entry.target, `Not measured: ${message}`));
      }
    }
  };

  const largeSpec: DatasetSpec = {
    users: scale.users,
    bigGroup: scale.bigGroup,
    smallGroup: scale.smallGroup,
    spare: 2 * scale.memberAddRounds + scale.scimmyMemberAdds + 1,
    sample: 1000,
    perRequest: scale.bulkPerRequest,
  };
  const smallSpec: DatasetSpec = {
    users: scale.smallUsers,
    bigGroup: 0,
    smallGroup: 0,
    spare: 0,
    sample: 1000,
    perRequest: scale.bulkPerRequest,
  };
  const comparisonSpec: DatasetSpec = { ...smallSpec, users: scale.comparisonUsers };
  try {
    const large = await prepareDataset(env, dataDir, "large", largeSpec, persistent, log);
    const small = await prepareDataset(env, dataDir, "small", smallSpec, persistent, log);
    const separateComparison = scale.comparisonUsers !== scale.users;
    const comparison = separateComparison
      ? await prepareDataset(env, dataDir, "comparison", comparisonSpec, persistent, log)
      : large;
    datasets.push(large.report, small.report, ...(separateComparison ? [comparison.report] : []));

    log("starting the servers");
    const refLarge = await start(
      startReference(env, `reference (${count(scale.users)} users)`, "referenceLarge", large.db),
    );
    refLarge.startSampling();
    const phases: { phase: string; rssMb: number }[] = [];
    const phase = (name: string) => phases.push({ phase: name, rssMb: refLarge.takePhaseMaxRssMb() });
    const refSmall = await start(
      startReference(env, `reference (${count(scale.smallUsers)} users)`, "referenceSmall", small.db),
    );
    const refComparison = separateComparison
      ? await start(
          startReference(
            env,
            `reference (${count(scale.comparisonUsers)} users)`,
            "referenceComparison",
            comparison.db,
          ),
        )
      : refLarge;
    // The baselines serve the reference server's own representations of the sampled users.
    const usersFile = join(scratch, "users.json");
    const client = clientFor(refLarge, env.token, 4);
    const representations: unknown[] = [];
    for (const id of large.manifest.sampleUserIds) {
      const outcome = await client.send({ method: "GET", path: `/Users/${id}` });
      if (outcome.kind === "failure" || outcome.status !== 200)
        throw new Error(`GET /Users/${id} for the baselines failed`);
      representations.push(outcome.json());
    }
    client.close();
    writeFileSync(usersFile, JSON.stringify(representations));
    const nodeHttp = await start(startBaseline(env, "nodeHttp", usersFile));
    const koa = await start(startBaseline(env, "koa", usersFile));
    const koaSqlite = await start(startBaseline(env, "koaSqlite", usersFile));

    const largeSide = { server: refLarge, manifest: large.manifest };
    await attempt(["get-by-id-vs-node-http", "get-by-id-vs-koa"], () =>
      getByIdFigures(ctx, refLarge, large.manifest, { nodeHttp, koa, koaSqlite }),
    );
    phase("GET by id");
    await stop(nodeHttp);
    await stop(koa);
    await stop(koaSqlite);
    await attempt(["filter-vs-get"], () => filterThroughputFigure(ctx, refLarge, large.manifest));
    phase("filter");
    await attempt(["filter-p99-scale"], () =>
      filterP99Figure(ctx, largeSide, { server: refSmall, manifest: small.manifest }),
    );
    await stop(refSmall);
    await attempt(["group-get-vs-user-get"], () => groupGetFigure(ctx, refLarge, large.manifest));
    phase("group GET");
    await attempt(
      ["member-add-scale"],
      async () => (await memberAddFigure(ctx, refLarge, large.manifest)).row,
    );
    phase("member add");
    await attempt(["cursor-walk"], () => cursorWalkFigure(ctx, refLarge, large.manifest));
    phase("cursor walk");
    const postPrefix = `bench-post-${randomBytes(3).toString("hex")}-`;
    await attempt(["create-vs-get"], () => createFigure(ctx, refLarge, large.manifest, postPrefix));
    phase("POST");

    log(`starting SCIMMY with ${count(scale.comparisonUsers)} users`);
    const scimmyUsersManifest = join(scratch, "scimmy-users.json");
    await attempt(["scimmy-get-by-id", "scimmy-filter"], async () => {
      const server = await start(
        startScimmy(env, "scimmyUsers", {
          users: scale.comparisonUsers,
          group: 0,
          spare: 0,
          manifest: scimmyUsersManifest,
        }),
      );
      try {
        const side: ScimmySide = { server, manifest: JSON.parse(readFileSync(scimmyUsersManifest, "utf8")) };
        return await scimmyThroughputFigures(
          ctx,
          { server: refComparison, manifest: comparison.manifest },
          side,
        );
      } finally {
        await stop(server);
      }
    });
    log(`starting SCIMMY with a ${count(scale.bigGroup)}-member group`);
    const scimmyGroupManifest = join(scratch, "scimmy-group.json");
    await attempt(["scimmy-member-add"], async () => {
      const server = await start(
        startScimmy(env, "scimmyGroup", {
          users: scale.bigGroup + scale.scimmyMemberAdds + 1,
          group: scale.bigGroup,
          spare: scale.scimmyMemberAdds + 1,
          manifest: scimmyGroupManifest,
        }),
      );
      try {
        const side: ScimmySide = { server, manifest: JSON.parse(readFileSync(scimmyGroupManifest, "utf8")) };
        return await scimmyMemberAddFigure(
          ctx,
          { ...largeSide, spareFrom: 2 * scale.memberAddRounds },
          side,
          scale.bigGroup,
        );
      } finally {
        await stop(server);
      }
    });
    phase("SCIMMY member adds");
    rows.set("rss", rssFigure(refLarge, scale.users, phases));
    if (persistent) {
      log("deleting the users POST created, so the kept data set stays as loaded");
      const cleaner = clientFor(refLarge, env.token, 4);
      try {
        log(`  ${count(await deleteCreatedUsers(cleaner, postPrefix))} deleted`);
      } finally {
        cleaner.close();
      }
    }
    await stop(refComparison === refLarge ? undefined : refComparison);
    await stop(refLarge);
    if (persistent) {
      markClean(dataDir, "large", largeSpec);
      markClean(dataDir, "small", smallSpec);
      if (separateComparison) markClean(dataDir, "comparison", comparisonSpec);
    }

    await attempt(["bulk-import"], async () => {
      const db = join(scratch, "import.sqlite");
      const server = await start(
        startReference(env, "reference (empty, for the import)", "referenceImport", db),
      );
      try {
        return await bulkImportFigure(ctx, server, scale);
      } finally {
        await stop(server);
      }
    });
    externalRows = await allExternalStoreRows(ctx, env, scale, failures);
    if (scale.conformance) await attempt(["conformance-wall-time"], () => conformanceFigure(ctx));
    else {
      const entry = figureCatalogue.find((f) => f.id === "conformance-wall-time");
      if (entry !== undefined)
        rows.set(
          entry.id,
          unmeasured(
            entry.id,
            entry.name,
            entry.unit,
            entry.target,
            `Not measured at ${scale.label} scale (it takes about a minute); run \`npm run bench\` for it.`,
          ),
        );
    }
  } catch (error) {
    failures.push(`setup: ${(error as Error).message}`);
    log(`FAILED: ${(error as Error).stack ?? String(error)}`);
  } finally {
    for (const server of [...running].reverse()) await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const entry of figureCatalogue)
    if (!rows.has(entry.id))
      rows.set(
        entry.id,
        unmeasured(
          entry.id,
          entry.name,
          entry.unit,
          entry.target,
          "Not measured: the bench stopped before this figure (see the failures above).",
        ),
      );
  return {
    report: {
      version: benchReportVersion,
      scale,
      machine,
      startedAt: machine.date,
      elapsedSeconds: (performance.now() - started) / 1000,
      generator: generatorText,
      // The table first, then the PostgreSQL and LDAP rows (figures/datastore-figures.ts).
      rows: [...figureCatalogue.map((f) => rows.get(f.id) as BenchRow), ...externalRows],
      datasets,
    },
    failures,
  };
}
