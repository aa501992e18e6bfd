// The reference server as the reliability and security suites meet it: the real composition root
// (startReferenceServer: demo connections, admin API, throttle, SQLite in WAL mode on a file of its own)
// in this process, with known credentials for every demo connection, a cheap scrypt, and every log line
// captured. Only *.test.ts files import this.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoFile } from "../../../reference/connections/connection-fixtures.js";
import { ScryptPasswordHasher } from "../../../reference/connections/password-hasher.js";
import { type ReferenceServerConfig, startReferenceServer } from "../../../reference/main.js";
import { LogCapture } from "./log-capture.js";

/** Credentials of the demo connections (fixtures/connections/demo.yaml) in every suite. */
export const demoSecrets = Object.freeze({
  bearer: "reliability-bearer-7f3a9c1e5b2d4f60",
  basicUser: "directory-admin",
  basicPassword: "reliability-basic-pw-2b8e6d4a",
  hrPassword: "reliability-hr-pw-5c1f9e7b",
  foldSplitPassword: "reliability-fold-pw-8d3b2a6c",
  admin: "reliability-admin-token-4e7c1b9d",
});

export const demoEnv: Readonly<Record<string, string>> = Object.freeze({
  SCIM_BEARER_TOKEN: demoSecrets.bearer,
  SCIM_BASIC_USER: demoSecrets.basicUser,
  SCIM_BASIC_PASSWORD: demoSecrets.basicPassword,
  SCIM_HR_PASSWORD: demoSecrets.hrPassword,
  SCIM_FOLD_SPLIT_PASSWORD: demoSecrets.foldSplitPassword,
  SCIM_ADMIN_TOKEN: demoSecrets.admin,
});

export const cheapHasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/** Authorization headers of the demo connections. */
export const demoAuth = Object.freeze({
  directory: `Bearer ${demoSecrets.bearer}`,
  directoryBasic: basic(demoSecrets.basicUser, demoSecrets.basicPassword),
  hr: basic("hr-scim", demoSecrets.hrPassword),
  foldSplit: basic("fold-split", demoSecrets.foldSplitPassword),
  admin: `Bearer ${demoSecrets.admin}`,
});

export interface ReferenceUnderTest {
  readonly url: string;
  readonly origin: string;
  readonly adminUrl: string;
  /** The SQLite file (WAL), or the db string given. */
  readonly db: string;
  readonly logs: LogCapture;
  close(): Promise<void>;
}

export interface ReferenceOptions extends Partial<Omit<ReferenceServerConfig, "logger">> {
  /** Where the SQLite file goes; a fresh temporary folder (removed on close) by default. */
  readonly dir?: string;
  readonly logLevel?: string;
}

export async function startReferenceUnderTest(options: ReferenceOptions = {}): Promise<ReferenceUnderTest> {
  const own = options.dir === undefined ? mkdtempSync(join(tmpdir(), "scim-reliability-")) : undefined;
  const dir = options.dir ?? own ?? "";
  const logs = new LogCapture(options.logLevel ?? "info");
  const db = options.db ?? join(dir, "scim.sqlite");
  const { dir: _dir, logLevel: _level, ...config } = options;
  try {
    const server = await startReferenceServer({
      config: demoFile,
      env: demoEnv,
      hasher: cheapHasher,
      announce: () => {},
      ...config,
      db,
      logger: logs.logger,
    });
    return {
      url: server.url,
      origin: new URL(server.url).origin,
      adminUrl: server.adminUrl,
      db,
      logs,
      close: async () => {
        await server.close();
        if (own !== undefined) rmSync(own, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (own !== undefined) rmSync(own, { recursive: true, force: true });
    throw error;
  }
}
