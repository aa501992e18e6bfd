// `scimCheck` is `defineCheck` plus one convenience: a check may stop with `need(ok, reason)` when
// something it depends on is missing (a users-only target has no Groups; the server refused to create
// the User the check needed). That ends the check as `skip` with the reason, so a check never turns
// its own broken precondition into a false `fail` of some other behaviour — the failing behaviour has
// its own check that reports it. `answered(ok, actual)` is the opposite case: the request under test
// itself did not answer, which is this check's finding.
import type { Check } from "../check-context.js";
import { defineCheck } from "../check-context.js";
import { skip, unmet } from "../expect.js";

export class PreconditionUnmet extends Error {
  override name = "PreconditionUnmet";
}

/** Stops the check as `skip` with `reason` unless `ok`. */
export function need(ok: unknown, reason: string): asserts ok {
  if (!ok) throw new PreconditionUnmet(reason);
}

/** Thrown by `answered`: the request under test did not answer usefully, so the check is unmet. */
export class AnswerMissing extends Error {
  override name = "AnswerMissing";
}

/**
 * Ends the check as `unmet` with `actual` unless `ok` — for the request a check is about (where a
 * refusal is the finding), as opposed to `need`, which is for the setup around it.
 */
export function answered(ok: unknown, actual: string): asserts ok {
  if (!ok) throw new AnswerMissing(actual);
}

export function scimCheck(check: Check): Check {
  const run = check.run;
  return defineCheck({
    ...check,
    async run(ctx) {
      try {
        return await run(ctx);
      } catch (error) {
        if (error instanceof PreconditionUnmet) return skip(error.message);
        if (error instanceof AnswerMissing) return unmet(check.expectation, error.message);
        throw error;
      }
    },
  });
}
