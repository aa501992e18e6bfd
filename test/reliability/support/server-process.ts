// The reference server as a real process (`node --import tsx reference/main.ts`, what `npm start` runs) on
// a given SQLite file with the demo connections and known credentials, for tests that must kill it.
import { type ChildProcess, spawn } from "node:child_process";
import { demoEnv } from "./reference-under-test.js";

const mainFile = new URL("../../../reference/main.ts", import.meta.url).pathname;

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL: no shutdown, no WAL checkpoint, requests cut mid-flight. */
  kill9(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
  /** Everything the process wrote to stderr (for failure messages). */
  stderr(): string;
}

export async function startServerProcess(
  db: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), mainFile, "--db", db, "--port", "0", "--host", "127.0.0.1"],
    {
      env: { ...process.env, ...demoEnv, LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s: ${err}`)), 60_000);
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      for (const line of out.split("\n")) {
        if (!line.includes("SCIM server listening")) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
      // Keep reading (and dropping) the log so the pipe never fills and blocks the server.
      out = out.slice(out.lastIndexOf("\n") + 1);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening: ${err}`));
    });
  });
  return {
    url,
    child,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
    stderr: () => err,
  };
}
