// What one mutant is: the correct in-memory server (server/) with one behaviour broken, and how the
// harness's verdicts must differ because of it. On its own, apart from the catalogue (mutants.ts), so
// that the catalogue's files and the catalogue that gathers them do not import each other.
import type { Verdict } from "../checks/check.js";
import type { Quirk } from "./server/quirks.js";

export interface Mutant {
  readonly id: string;
  /** What the mutant does wrong, and the section it breaks. */
  readonly breaks: string;
  readonly quirks: readonly Quirk[];
  /** Served at another base URL (e.g. plain HTTP on a non-loopback host). */
  readonly baseUrl?: string;
  /** Check id → the verdict it gets on this mutant, for every check whose verdict differs from the base. */
  readonly changes: Readonly<Record<string, Verdict>>;
  /**
   * Narrower than the families of `changes`, for a mutant whose breakage hits every check running
   * alongside (a request-rate limit): the check ids or families to run.
   */
  readonly scope?: readonly string[];
}
