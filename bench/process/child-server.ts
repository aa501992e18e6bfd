// Every server the bench compares runs in its own child process on a pinned loopback port, so the load
// generator (this process) never shares an event loop with what it measures. Linux's /proc gives each
// child's CPU time and resident memory: CPU time per request is the server's cost whatever else the
// machine is doing, and RSS is read from outside, as an operator would see it.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ServerSpec {
  /** Shown in progress lines and reports, e.g. "reference (1,000,000 users)". */
  readonly name: string;
  /** A TypeScript entry point (run with `node --import tsx`) or a compiled JavaScript one (plain `node`). */
  readonly script: string;
  /** Node options before the script; by default `--import tsx` for a `.ts` script and nothing for `.js`. */
  readonly nodeArgs?: readonly string[];
  readonly args: readonly string[];
  readonly port: number;
  /** A path that answers (any status) once the server listens, e.g. "/scim/v2/ServiceProviderConfig". */
  readonly readyPath: string;
  readonly env?: Readonly<Record<string, string>>;
  /** How long startup may take (opening a large database). */
  readonly startTimeoutMs?: number;
}

export interface ProcessSample {
  /** User plus system CPU time since the process started, in milliseconds. */
  readonly cpuMs: number;
  readonly rssMb: number;
  /** The kernel's high-water mark of RSS (VmHWM). */
  readonly peakRssMb: number;
}

/** Clock ticks per second for /proc/<pid>/stat; 100 on every Linux this runs on (sysconf _SC_CLK_TCK). */
const ticksPerSecond = 100;

export function readProcessSample(pid: number): ProcessSample | undefined {
  try {
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return {
      cpuMs: (ticks * 1000) / ticksPerSecond,
      rssMb: kib("VmRSS") / 1024,
      peakRssMb: kib("VmHWM") / 1024,
    };
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

export class ChildServer {
  readonly name: string;
  readonly origin: string;
  readonly #child: ChildProcess;
  readonly #stderr: string[] = [];
  #exited: Promise<number | null>;
  #rssSampler: NodeJS.Timeout | undefined;
  #maxRssMb = 0;
  #phaseMaxRssMb = 0;

  private constructor(spec: ServerSpec, child: ChildProcess) {
    this.name = spec.name;
    this.origin = `http://127.0.0.1:${spec.port}`;
    this.#child = child;
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      this.#stderr.push(text);
      if (this.#stderr.length > 50) this.#stderr.shift();
    });
    this.#exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  static async start(spec: ServerSpec): Promise<ChildServer> {
    const nodeArgs = spec.nodeArgs ?? (spec.script.endsWith(".ts") ? ["--import", "tsx"] : []);
    const child = spawn(process.execPath, [...nodeArgs, spec.script, ...spec.args], {
      env: { ...process.env, ...spec.env },
      // stdout is the server's access log and announcements: discarded, as a log shipper would take it.
      stdio: ["ignore", "ignore", "pipe"],
    });
    const server = new ChildServer(spec, child);
    await server.#waitReady(spec);
    return server;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  async #waitReady(spec: ServerSpec): Promise<void> {
    const deadline = performance.now() + (spec.startTimeoutMs ?? 120_000);
    let exited = false;
    void this.#exited.then(() => {
      exited = true;
    });
    while (performance.now() < deadline) {
      if (exited) throw new Error(`${spec.name} exited during startup:\n${this.stderrTail()}`);
      try {
        await fetch(`${this.origin}${spec.readyPath}`, { signal: AbortSignal.timeout(2000) });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await this.stop();
    throw new Error(
      `${spec.name} did not answer on ${this.origin} within the start timeout:\n${this.stderrTail()}`,
    );
  }

  sample(): ProcessSample | undefined {
    return readProcessSample(this.pid);
  }

  /** Records the largest RSS seen every `everyMs` until stopSampling(); the kernel's VmHWM backs it up. */
  startSampling(everyMs = 250): void {
    this.#rssSampler ??= setInterval(() => {
      const rss = this.sample()?.rssMb ?? 0;
      if (rss > this.#maxRssMb) this.#maxRssMb = rss;
      if (rss > this.#phaseMaxRssMb) this.#phaseMaxRssMb = rss;
    }, everyMs);
    this.#rssSampler.unref();
  }

  /** The largest RSS sampled since the previous call (or since sampling started): one figure's share. */
  takePhaseMaxRssMb(): number {
    const max = Math.max(this.#phaseMaxRssMb, this.sample()?.rssMb ?? 0);
    this.#phaseMaxRssMb = 0;
    return max;
  }

  /** The largest RSS sampled while sampling was on. */
  get maxSampledRssMb(): number {
    return this.#maxRssMb;
  }

  stderrTail(): string {
    return this.#stderr.join("").slice(-4000);
  }

  /** SIGTERM (graceful: the reference server checkpoints SQLite), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.#rssSampler !== undefined) clearInterval(this.#rssSampler);
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }
}
