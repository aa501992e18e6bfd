// How big a run is. `npm test` runs every reliability and security suite at a reduced scale that fits the
// shared two-core machine; `npm run test:stress` sets SCIM_STRESS=1 for the full scale the issue asks for
// (50,000 fuzz cases, repeated races and crash cycles). Every randomised suite takes its seed from FC_SEED
// (to replay a failure) or draws one, and prints it before it starts.
import { appendFileSync } from "node:fs";

export const stress = process.env.SCIM_STRESS === "1";

/** The reduced figure under `npm test`, the full one under SCIM_STRESS=1. */
export function scaled(reduced: number, full: number): number {
  return stress ? full : reduced;
}

export function suiteSeed(): number {
  const fromEnv = process.env.FC_SEED;
  return fromEnv !== undefined && fromEnv !== "" ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
}

/** A line that replays a randomised run exactly. */
export function replayHint(seed: number): string {
  return `FC_SEED=${seed}${stress ? " SCIM_STRESS=1" : ""} replays this run`;
}

/**
 * The figures of one suite (cases run, races, kills, duration). scripts/stress.ts sets
 * SCIM_STRESS_FIGURES to a file and prints the table for the README from what the suites append.
 */
export function recordFigures(suite: string, figures: Readonly<Record<string, number | string>>): void {
  const file = process.env.SCIM_STRESS_FIGURES;
  if (file === undefined || file === "") return;
  appendFileSync(file, `${JSON.stringify({ suite, stress, ...figures })}\n`);
}
