// From `scim-conformance load` flags and the environment to LoadSettings. Credentials, extra headers, TLS
// files, the per-request timeout, the report formats and --out mean exactly what they mean for `test`
// (resolveTestOptions reads them, env SCIM_BEARER_TOKEN / SCIM_BASIC_USER + SCIM_BASIC_PASSWORD
// included); the rest bounds the run: every run ends by --duration and, if given, by --requests.
import { type RawTestOptions, resolveTestOptions, UsageError } from "../cli/test-options.js";
import type { Credentials } from "../client/client-config.js";
import type { TlsOptions } from "../client/node-http-transport.js";
import type { ReportFormat } from "../reporters/write-reports.js";
import { type OperationName, operationNames } from "./operations.js";
import { type ProfileName, profileNames } from "./profiles.js";

export interface RawLoadOptions
  extends Pick<
    RawTestOptions,
    "bearer" | "basic" | "header" | "cert" | "key" | "ca" | "seed" | "out" | "format" | "timeout"
  > {
  readonly profile?: string;
  readonly op?: string;
  readonly duration?: string;
  readonly requests?: string;
  readonly connections?: string;
  readonly users?: string;
  readonly allowRemote?: boolean;
}

export type LoadMode =
  | { readonly kind: "profile"; readonly name: ProfileName }
  | { readonly kind: "op"; readonly name: OperationName };

export interface LoadSettings {
  readonly credentials: Credentials;
  readonly headers: Record<string, string>;
  readonly tls: TlsOptions | undefined;
  readonly mode: LoadMode;
  readonly durationMs: number;
  /** Undefined: only --duration ends the run. */
  readonly requests: number | undefined;
  readonly connections: number;
  /** Users created before the run, the population every operation works on. */
  readonly users: number;
  readonly seed: number | undefined;
  readonly out: string | undefined;
  readonly formats: ReportFormat[];
  readonly timeoutMs: number;
  readonly allowRemote: boolean;
}

export const defaultDurationMs = 10_000;
/** One hour: a load run is a measurement, not a soak test left running by mistake. */
export const maxDurationMs = 3_600_000;
export const defaultConnections = 8;
export const maxConnections = 256;
export const defaultUsers = 100;
export const maxUsers = 10_000;

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/** "30s", "2m", "500ms", or a bare number of seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * (units[match[2] ?? "s"] ?? 1000);
  if (!Number.isFinite(ms) || ms <= 0 || ms > maxDurationMs)
    throw new UsageError(`--duration ${text}: expected e.g. 30s, 2m or 500ms, at most 60m`);
  return Math.round(ms);
}

function bounded(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${flag} ${value}: expected an integer from 1 to ${max}`);
  return n;
}

function modeOf(raw: RawLoadOptions): LoadMode {
  if (raw.profile !== undefined && raw.op !== undefined)
    throw new UsageError("--profile and --op are mutually exclusive: a mix, or one operation");
  if (raw.op !== undefined) {
    const name = raw.op as OperationName;
    if (!operationNames.includes(name))
      throw new UsageError(`--op ${raw.op}: expected one of ${operationNames.join(", ")}`);
    return { kind: "op", name };
  }
  const name = (raw.profile ?? "entra") as ProfileName;
  if (!profileNames.includes(name))
    throw new UsageError(`--profile ${raw.profile}: expected one of ${profileNames.join(", ")}`);
  return { kind: "profile", name };
}

export function resolveLoadOptions(raw: RawLoadOptions, env: NodeJS.ProcessEnv): LoadSettings {
  const common = resolveTestOptions(
    {
      ...(raw.bearer === undefined ? {} : { bearer: raw.bearer }),
      ...(raw.basic === undefined ? {} : { basic: raw.basic }),
      ...(raw.header === undefined ? {} : { header: raw.header }),
      ...(raw.cert === undefined ? {} : { cert: raw.cert }),
      ...(raw.key === undefined ? {} : { key: raw.key }),
      ...(raw.ca === undefined ? {} : { ca: raw.ca }),
      ...(raw.seed === undefined ? {} : { seed: raw.seed }),
      ...(raw.out === undefined ? {} : { out: raw.out }),
      ...(raw.format === undefined ? {} : { format: raw.format }),
      ...(raw.timeout === undefined ? {} : { timeout: raw.timeout }),
    },
    env,
  );
  return {
    credentials: common.credentials,
    headers: common.headers,
    tls: common.tls,
    mode: modeOf(raw),
    durationMs: raw.duration === undefined ? defaultDurationMs : parseDuration(raw.duration),
    requests:
      raw.requests === undefined
        ? undefined
        : bounded(raw.requests, "--requests", 0, Number.MAX_SAFE_INTEGER),
    connections: bounded(raw.connections, "--connections", defaultConnections, maxConnections),
    users: bounded(raw.users, "--users", defaultUsers, maxUsers),
    seed: common.seed,
    out: common.out,
    formats: common.formats,
    timeoutMs: common.timeoutMs,
    allowRemote: raw.allowRemote === true,
  };
}
