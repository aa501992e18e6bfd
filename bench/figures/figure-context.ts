// What every figure needs: the scale, the bearer token (as autocannon headers too), a progress line, and
// the shape of throughput rounds.
import type { BenchScale } from "../bench-scale.js";
import type { RoundsShape } from "../measure/compare.js";

export interface FigureContext {
  readonly scale: BenchScale;
  readonly token: string;
  readonly log: (line: string) => void;
}

export function authHeaders(ctx: FigureContext): Record<string, string> {
  return { authorization: `Bearer ${ctx.token}`, accept: "application/scim+json" };
}

export function roundsOf(ctx: FigureContext): RoundsShape {
  const s = ctx.scale;
  return { rounds: s.rounds, durationMs: s.roundMs, warmupMs: s.warmupMs, connections: s.connections };
}

/** "12,345" for progress lines and names. */
export const count = (n: number): string => n.toLocaleString("en-US");
