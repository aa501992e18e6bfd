// From `scim-conformance test` flags and the environment to RunOptions. Credentials may come from the
// environment (SCIM_BEARER_TOKEN, SCIM_BASIC_USER + SCIM_BASIC_PASSWORD, the names the reference server
// reads too) so tokens need not appear in shell history or process listings; flags win over env.
import { readFileSync } from "node:fs";
import type { Gate, Profile } from "../checks/check.js";
import { gates } from "../checks/check.js";
import type { PropertyRunOptions } from "../checks/check-context.js";
import type { Credentials } from "../client/client-config.js";
import type { TlsOptions } from "../client/node-http-transport.js";
import type { ReportFormat } from "../reporters/write-reports.js";
import { reportFormats } from "../reporters/write-reports.js";

export interface RawTestOptions {
  readonly bearer?: string;
  readonly basic?: string;
  readonly header?: readonly string[];
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
  readonly profile?: readonly string[];
  readonly require?: readonly string[];
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly seed?: string;
  readonly runs?: string;
  readonly path?: string;
  readonly shrinkMs?: string;
  readonly out?: string;
  readonly format?: readonly string[];
  readonly timeout?: string;
  readonly concurrency?: string;
  readonly dryRun?: boolean;
}

export interface TestSettings {
  readonly credentials: Credentials;
  readonly headers: Record<string, string>;
  readonly tls: TlsOptions | undefined;
  readonly profiles: Profile[];
  readonly require: Gate[];
  readonly only: string[];
  readonly skip: string[];
  readonly seed: number | undefined;
  /** `--runs`, `--path`, `--shrink-ms`; empty when none was given (each property keeps its default). */
  readonly properties: PropertyRunOptions;
  readonly out: string | undefined;
  readonly formats: ReportFormat[];
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly dryRun: boolean;
}

export class UsageError extends Error {
  override name = "UsageError";
}

/** Repeatable flags that also take comma lists: `--only a,b --only c` → [a, b, c]. */
export function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function oneOf<T extends string>(values: string[], allowed: readonly T[], flag: string): T[] {
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v))
      throw new UsageError(`${flag} ${v}: expected one of ${allowed.join(", ")}`);
  }
  return [...new Set(values)] as T[];
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} ${value}: expected a positive integer`);
  return n;
}

/** A fast-check replay path as the property checks print it: run index, then shrink steps ("4:0:2"). */
const replayPath = /^\d+(:\d+)*$/;

/**
 * `--runs N`, `--shrink-ms MS` and `--path P`. A path only means something with the seed that produced
 * it and for the one property check that printed it (each check's cases are generated differently), so
 * it is refused without `--seed` and `--only`.
 */
function propertiesFrom(raw: RawTestOptions): PropertyRunOptions {
  const path = raw.path?.trim();
  if (path !== undefined) {
    if (!replayPath.test(path))
      throw new UsageError(`--path ${raw.path}: expected the path a failing property printed, e.g. 12:0:3`);
    if (raw.seed === undefined) throw new UsageError("--path replays a case of one seed: give --seed too");
    if (list(raw.only).length === 0)
      throw new UsageError("--path replays a case of one property check: name it with --only <check id>");
  }
  const shrink = raw.shrinkMs === undefined ? undefined : Number(raw.shrinkMs);
  if (shrink !== undefined && !(Number.isInteger(shrink) && shrink >= 0))
    throw new UsageError(`--shrink-ms ${raw.shrinkMs}: expected milliseconds (0 or more)`);
  return {
    ...(raw.runs !== undefined ? { runs: positiveInt(raw.runs, "--runs", 1) } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(shrink !== undefined ? { shrinkTimeMs: shrink } : {}),
  };
}

function credentialsFrom(raw: RawTestOptions, env: NodeJS.ProcessEnv): Credentials {
  const bearer = raw.bearer ?? (raw.basic === undefined ? env.SCIM_BEARER_TOKEN : undefined);
  const basic =
    raw.basic ??
    (env.SCIM_BASIC_USER !== undefined
      ? `${env.SCIM_BASIC_USER}:${env.SCIM_BASIC_PASSWORD ?? ""}`
      : undefined);
  if (raw.bearer !== undefined && raw.basic !== undefined)
    throw new UsageError("--bearer and --basic are mutually exclusive");
  if (bearer !== undefined && bearer.length > 0) return { kind: "bearer", token: bearer };
  if (basic !== undefined) {
    const colon = basic.indexOf(":");
    if (colon < 1) throw new UsageError("--basic expects USER:PASS");
    return { kind: "basic", user: basic.slice(0, colon), password: basic.slice(colon + 1) };
  }
  return { kind: "none" };
}

function headersFrom(values: readonly string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const raw of values ?? []) {
    const colon = raw.indexOf(":");
    const name = raw.slice(0, colon).trim();
    if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new UsageError(`--header expects "Name: value" (the value is never printed)`);
    headers[name] = raw.slice(colon + 1).trim();
  }
  return headers;
}

function tlsFrom(raw: RawTestOptions): TlsOptions | undefined {
  if (raw.cert === undefined && raw.key === undefined && raw.ca === undefined) return undefined;
  if ((raw.cert === undefined) !== (raw.key === undefined))
    throw new UsageError("--cert and --key go together");
  const read = (file: string, flag: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new UsageError(`${flag} ${file}: ${(error as Error).message}`);
    }
  };
  return {
    ...(raw.cert ? { cert: read(raw.cert, "--cert") } : {}),
    ...(raw.key ? { key: read(raw.key, "--key") } : {}),
    ...(raw.ca ? { ca: read(raw.ca, "--ca") } : {}),
  };
}

export function resolveTestOptions(raw: RawTestOptions, env: NodeJS.ProcessEnv): TestSettings {
  const seed = raw.seed === undefined ? undefined : Number(raw.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new UsageError(`--seed ${raw.seed}: expected an integer`);
  const profiles = oneOf(list(raw.profile), ["rfc", "entra", "okta"] as const, "--profile");
  const formats = oneOf(list(raw.format), reportFormats, "--format");
  return {
    credentials: credentialsFrom(raw, env),
    headers: headersFrom(raw.header),
    tls: tlsFrom(raw),
    profiles: profiles.length > 0 ? profiles : ["rfc"],
    require: oneOf(list(raw.require), gates, "--require"),
    only: list(raw.only),
    skip: list(raw.skip),
    seed,
    properties: propertiesFrom(raw),
    out: raw.out,
    formats: formats.length > 0 ? formats : [...reportFormats],
    timeoutMs: positiveInt(raw.timeout, "--timeout", 15_000),
    concurrency: positiveInt(raw.concurrency, "--concurrency", 4),
    dryRun: raw.dryRun === true,
  };
}
