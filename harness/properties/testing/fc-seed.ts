// Test support: every fast-check property in these tests runs with a seed from FC_SEED (to replay a
// failure) or a random one, and the seed is part of the failure message.
import fc from "fast-check";

export function testSeed(): number {
  const fromEnv = process.env.FC_SEED;
  return fromEnv !== undefined && fromEnv !== "" ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
}

function annotate(seed: number, error: unknown): never {
  if (error instanceof Error) error.message = `FC_SEED=${seed} replays this. ${error.message}`;
  throw error;
}

export function assertProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IProperty<Ts>,
  numRuns = 100,
): void {
  const seed = testSeed();
  try {
    fc.assert(property, { seed, numRuns });
  } catch (error) {
    annotate(seed, error);
  }
}

export async function assertAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts>,
  numRuns = 50,
): Promise<void> {
  const seed = testSeed();
  try {
    await fc.assert(property, { seed, numRuns });
  } catch (error) {
    annotate(seed, error);
  }
}
