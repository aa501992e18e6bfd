// The machine a bench ran on, for the report: figures mean little without it. Load average is read at
// the start, because a busy machine explains noisy figures (these machines are shared).
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem, type } from "node:os";

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
  readonly loadAverageAtStart: readonly [number, number, number];
  readonly commit: string | null;
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(now = new Date()): MachineInfo {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    date: now.toISOString(),
    loadAverageAtStart: [
      Math.round(one * 100) / 100,
      Math.round(five * 100) / 100,
      Math.round(fifteen * 100) / 100,
    ],
    commit: gitCommit(),
  };
}
