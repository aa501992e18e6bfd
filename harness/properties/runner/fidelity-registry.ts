// The attribute fidelity table of a run, filled by every round-trip property of that run and read once
// by whoever writes the report. Keyed by run id because checks run concurrently and the engine passes
// no shared state to them; `takeFidelityTable` removes the entry so a long-lived process does not grow.
import type { FidelityTable } from "../compare/fidelity-table.js";
import { FidelityRecorder } from "../compare/fidelity-table.js";

const recorders = new Map<string, FidelityRecorder>();

/** The run's recorder, created on first use. */
export function fidelityRecorder(runId: string): FidelityRecorder {
  let recorder = recorders.get(runId);
  if (recorder === undefined) {
    recorder = new FidelityRecorder();
    recorders.set(runId, recorder);
  }
  return recorder;
}

/** The run's table (undefined when no property compared anything), and forgets it. */
export function takeFidelityTable(runId: string): FidelityTable | undefined {
  const recorder = recorders.get(runId);
  recorders.delete(runId);
  return recorder?.table();
}
