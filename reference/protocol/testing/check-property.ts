// TEST-ONLY helper: runs a fast-check property with a seed taken from FC_SEED (or a random one) and puts
// that seed in the failure message, so every red run can be replayed exactly (brief: "print the seed").
import fc from "fast-check";

export function checkProperty<Ts>(property: fc.IProperty<Ts>, numRuns = 200): void {
  const seed =
    process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
  try {
    fc.assert(property, { seed, numRuns });
  } catch (error) {
    throw new Error(`property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
  }
}
