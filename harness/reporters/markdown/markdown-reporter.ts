// summary.md, for CI job summaries and pull-request comments: the verdict, counts by level, coverage,
// then every failure and error with its expectation and what the target did. Anything that came from
// the target sits in fenced code blocks, so it can neither inject Markdown nor become a link; the
// whole file stays under GitHub's 65,536-character comment limit.
import type { CheckResult, Level } from "../../checks/check.js";
import type { FidelityRow, FidelityTable } from "../../properties/compare/index.js";
import { troubledRows } from "../../properties/compare/index.js";
import type { Report } from "../report.js";
import { levels, verdicts } from "../report.js";

/** Leaves room under GitHub's 65,536-character limit for comments. */
export const markdownBudget = 60_000;
const excerptChars = 600;
const detailedMax = 40;
const fidelityRowsMax = 25;

/** A fenced block whose fence is longer than any backtick run inside, so nothing can close it early. */
export function fence(text: string, info = "text"): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${info}\n${text}\n${ticks}`;
}

/** Inline text of ours (titles, ids): Markdown punctuation escaped so it renders literally. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, "\\$&").replace(/\r?\n/g, " ");
}

function excerpt(text: string, max = excerptChars): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function verdictLine(report: Report): string {
  if (!report.target.reachable) return "🔌 **Target not reachable**: nothing was checked";
  if (report.summary.exitCode === 2) return "⚠️ **Incomplete**: some checks could not be evaluated (errors)";
  if (report.summary.exitCode === 1)
    return `❌ **Not conformant**: ${report.summary.byStatus.fail} failing check(s)`;
  return "✅ **Conformant**: every MUST check passed";
}

function lastExchange(result: CheckResult): string {
  const last = result.exchanges.at(-1);
  if (last === undefined) return "";
  const response = last.response;
  const body = response?.body !== undefined ? JSON.stringify(response.body, null, 2) : (response?.text ?? "");
  const head = `${last.request.method} ${last.request.url}\n→ ${response ? `HTTP ${response.status}` : `no response: ${last.failure ?? ""}`}`;
  return excerpt(body ? `${head}\n${body}` : head, excerptChars * 2);
}

/** A target value on one line, short: JSON escapes every control character. */
function shortJson(value: unknown): string {
  return excerpt(JSON.stringify(value) ?? "(absent)", 120);
}

function oneLine(text: string): string {
  return [...text].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 ? " " : ch)).join("");
}

function fidelityLines(row: FidelityRow): string[] {
  const invented = row.invented - row.inventedTolerated;
  const lines = [
    `${oneLine(`${row.resourceType} ${row.path}`)}: equal ${row.equal} · lost ${row.lost} · altered ${row.altered} · invented ${invented}`,
  ];
  const { lost, altered, invented: made } = row.examples;
  if (lost) lines.push(`  lost     e.g. sent ${shortJson(lost.sent)}`);
  if (altered) lines.push(`  altered  e.g. sent ${shortJson(altered.sent)} → got ${shortJson(altered.got)}`);
  if (made && invented > 0) lines.push(`  invented e.g. got ${shortJson(made.got)}`);
  return lines;
}

/**
 * The attribute fidelity table, leading with the paths that lost, altered or invented data. Attribute
 * names come from the target's /Schemas, so the rows sit in a fence like every other target datum.
 */
function fidelitySection(table: FidelityTable): string {
  const bad = troubledRows(table);
  const intro = `${table.comparisons} read-back comparison(s) by the property checks over ${table.rows.length} attribute path(s).`;
  if (bad.length === 0)
    return `## Attribute fidelity\n\n${intro} Every path read back as written (or as RFC 7643 allows).\n`;
  const shown = bad.slice(0, fidelityRowsMax).flatMap(fidelityLines);
  if (bad.length > fidelityRowsMax)
    shown.push(`…and ${bad.length - fidelityRowsMax} more: see index.html or report.json (fidelity)`);
  return [
    "## Attribute fidelity",
    "",
    `${intro} **${bad.length} path(s) lost, altered or invented data:**`,
    "",
    fence(shown.join("\n")),
    "",
  ].join("\n");
}

function detailed(report: Report, result: CheckResult): string {
  const refs = result.requirements.map((r) => `${r.level} RFC ${r.rfc} §${r.section} \`${r.id}\``).join("; ");
  const what =
    result.status === "error"
      ? result.error
      : result.status === "fail" || result.status === "warn"
        ? result.actual
        : "";
  const exchange = lastExchange(result);
  return [
    `### ${result.status === "error" ? "⚠️" : "❌"} \`${result.id}\` ${escapeInline(result.title)}`,
    "",
    `- **Level:** ${result.level} · ${refs}`,
    `- **Expected:** ${escapeInline(result.expectation)}`,
    "- **Actual:**",
    "",
    fence(excerpt(what)),
    ...(result.replay
      ? [
          "",
          "- **Replay** (the shrunk case):",
          "",
          fence(
            `scim-conformance test ${report.target.baseUrl} --only ${result.id} --seed ${result.replay.seed} --path ${result.replay.path}`,
            "sh",
          ),
        ]
      : []),
    ...(exchange
      ? ["", "<details><summary>Last exchange</summary>", "", fence(exchange), "", "</details>"]
      : []),
    "",
  ].join("\n");
}

function countsTable(report: Report): string {
  const row = (name: string, c: Report["summary"]["byStatus"]): string =>
    `| ${name} | ${verdicts.map((v) => c[v]).join(" | ")} |`;
  return [
    `| level | ${verdicts.join(" | ")} |`,
    `|---|${verdicts.map(() => "---:").join("|")}|`,
    ...levels.map((l: Level) => row(l, report.summary.byLevel[l])),
    row("**total**", report.summary.byStatus),
  ].join("\n");
}

/**
 * The skips grouped by reason, most frequent first: what was not tested and why, at a glance. A
 * conformant verdict with fifty MUST checks skipped (a target that stores a subset of User, RFC 7643
 * §4.1) must say which attributes went untested. A reason may quote the target, so it is escaped.
 */
function skippedSection(skips: readonly CheckResult[], budget: number): string {
  const byReason = new Map<string, string[]>();
  for (const r of skips) {
    const reason = excerpt(oneLine(r.status === "skip" ? r.reason : ""), 240);
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.id]);
  }
  const lines = [`## Skipped (${skips.length})`, "", "| why | checks |", "|---|---|"];
  let used = 0;
  const groups = [...byReason].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [i, [reason, ids]] of groups.entries()) {
    const row = `| ${escapeInline(reason)} | ${ids.length}: ${ids.map((id) => `\`${id}\``).join(", ")} |`;
    if (used + row.length > budget) {
      lines.push(`| … ${groups.length - i} more reason(s) in report.json | |`);
      break;
    }
    lines.push(row);
    used += row.length;
  }
  return `${lines.join("\n")}\n`;
}

export function renderMarkdown(report: Report): string {
  const failures = report.results.filter((r) => r.status === "fail" || r.status === "error");
  const warnings = report.results.filter((r) => r.status === "warn");
  const coverage = levels
    .filter((l) => report.coverage.byLevel[l].requirements > 0)
    .map((l) => `${l} ${report.coverage.byLevel[l].covered}/${report.coverage.byLevel[l].requirements}`)
    .join(" · ");
  const header = [
    `# SCIM conformance: ${verdictLine(report)}`,
    "",
    `Target \`${report.target.baseUrl.replaceAll("`", "")}\` · run \`${report.run.id}\` · seed \`${report.run.seed}\` · ${report.run.startedAt} · scim-conformance ${report.harness.version}${report.run.interrupted ? " · **interrupted**" : ""}`,
    "",
    countsTable(report),
    "",
    `Requirement coverage (executed checks): ${coverage}. Schema findings in responses: ${report.summary.schemaFindings}.`,
    ...(report.cleanup.leftBehind.length > 0
      ? [
          "",
          `**${report.cleanup.leftBehind.length} created resource(s) could not be deleted**; see report.json \`cleanup.leftBehind\`.`,
        ]
      : []),
    "",
    ...(report.fidelity ? [fidelitySection(report.fidelity)] : []),
  ].join("\n");
  const parts = [header];
  let used = header.length;
  let shown = 0;
  if (failures.length > 0) parts.push(`## Failures and errors (${failures.length})\n`);
  for (const result of failures) {
    const block = detailed(report, result);
    if (shown >= detailedMax || used + block.length > markdownBudget - 4_000) break;
    parts.push(block);
    used += block.length;
    shown += 1;
  }
  if (shown < failures.length)
    parts.push(`…and ${failures.length - shown} more: see report.json or index.html.\n`);
  if (warnings.length > 0) {
    const rows = warnings.map(
      (w) => `| \`${w.id}\` | ${w.level} | ${escapeInline(w.status === "warn" ? w.reason : "")} |`,
    );
    const table = [
      `## Warnings (${warnings.length})`,
      "",
      "| check | level | why not a failure |",
      "|---|---|---|",
    ];
    for (const row of rows) {
      if (used + row.length > markdownBudget) {
        table.push(`| … | | ${rows.length - (table.length - 4)} more in report.json |`);
        break;
      }
      table.push(row);
      used += row.length;
    }
    parts.push(`${table.join("\n")}\n`);
  }
  const skips = report.results.filter((r) => r.status === "skip");
  if (skips.length > 0) parts.push(skippedSection(skips, markdownBudget - used - 200));
  return parts.join("\n");
}
