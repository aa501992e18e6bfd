// TEST SUPPORT: a reference server in a child process, started exactly as an operator would
// (`node --import tsx reference/main.ts --db <url> --port 0`), so that two of them share nothing but the
// database. The URL is read from the "SCIM server listening" log line.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const mainTs = fileURLToPath(new URL("../../main.ts", import.meta.url));

export interface ServerProcess {
  readonly url: string;
  /** The admin API's collection URL (`…/admin/v1/idpConnections`). */
  readonly adminUrl: string;
  readonly child: ChildProcess;
  /** SIGTERM, then the exit (graceful shutdown closes the pool). */
  stop(): Promise<void>;
}

export function startServerProcess(
  db: string,
  env: Readonly<Record<string, string>>,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", mainTs, "--db", db, "--port", "0", "--host", "127.0.0.1"],
    { env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within 60 s:\n${stderr}`));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${stderr}`));
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (;;) {
        const end = buffered.indexOf("\n");
        if (end < 0) break;
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (!line.includes("SCIM server listening")) continue;
        clearTimeout(timer);
        const { url, adminUrl } = JSON.parse(line) as { url: string; adminUrl: string };
        resolve({
          url,
          adminUrl,
          child,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
          },
        });
      }
      // Keep draining request logs, but hold no more than one partial line.
      if (buffered.length > 100_000) buffered = "";
    });
  });
}
