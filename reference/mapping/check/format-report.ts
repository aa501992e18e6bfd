// The mapping check's text report: per connection and resource type, every lost, altered or invented
// attribute with how often it happened and a shrunk counter-example (what was sent, stored and returned),
// the seed to replay it, and what the attribute contract leaves out.
import { formatIssues } from "../pingfederate/config-issue.js";
import type { ConnectionCheck } from "./check-connections.js";
import type { Finding } from "./round-trip.js";

const json = (value: unknown) => JSON.stringify(value);

function finding(f: Finding, runs: number): string[] {
  const lines = [`  ${f.kind.padEnd(8)} ${f.path}  (in ${f.occurrences} of ${runs} resources)`];
  const e = f.example;
  if (e === undefined) {
    lines.push("    (no shrunk counter-example: shrinking is capped; replay with the seed below)");
    return lines;
  }
  lines.push(`    sent:     ${json(e.sent)}`);
  if (e.rejected !== undefined) lines.push(`    rejected: ${e.rejected}`);
  else {
    lines.push(`    stored:   ${json(e.stored)}`);
    lines.push(`    returned: ${json(e.returned)}`);
  }
  return lines;
}

export function formatReport(
  checks: readonly ConnectionCheck[],
  options: { readonly strictCoverage: boolean; readonly replay: string },
): string {
  const lines: string[] = [];
  for (const check of checks) {
    if (check.issues.length > 0) {
      lines.push(`Connection ${check.connectionId}: the mapping configuration is invalid`);
      lines.push(
        ...formatIssues(check.issues)
          .split("\n")
          .map((l) => `  ${l}`),
      );
      continue;
    }
    for (const { report, uncovered } of check.resourceTypes) {
      const head = `Connection ${check.connectionId}, ${report.resourceType}: ${report.runs} round trips (seed ${report.seed})`;
      if (report.findings.length === 0 && report.invalidGenerated === 0)
        lines.push(`${head}: nothing lost, altered or invented.`);
      else {
        lines.push(`${head}: ${report.findings.length} attribute finding(s)`);
        for (const f of report.findings) lines.push(...finding(f, report.runs));
        if (report.invalidGenerated > 0)
          lines.push(
            `  ${report.invalidGenerated} generated resource(s) failed validation (a generator fault)`,
          );
        lines.push(
          `  replay: ${options.replay} --connection ${check.connectionId} --seed ${report.seed} --runs ${report.runs}`,
        );
      }
      if (uncovered.length > 0) {
        const label = options.strictCoverage ? "lossy (--strict-coverage)" : "not stored by design";
        lines.push(`  outside the attribute contract, ${label}: ${uncovered.join(", ")}`);
      }
    }
  }
  return lines.join("\n");
}
