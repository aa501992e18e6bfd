// Writes the chosen report formats into the output folder and refreshes reports/latest/ (a stable path
// for CI jobs and links), replacing it whole so no stale file from an older run survives there.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { renderHtml } from "./html/html-reporter.js";
import { renderJson } from "./json/json-reporter.js";
import { renderJunit } from "./junit/junit-reporter.js";
import { renderMarkdown } from "./markdown/markdown-reporter.js";
import type { Report } from "./report.js";

export const reportFormats = ["json", "junit", "html", "md"] as const;
export type ReportFormat = (typeof reportFormats)[number];

const files: Readonly<Record<ReportFormat, [string, (report: Report) => string]>> = {
  json: ["report.json", renderJson],
  junit: ["junit.xml", renderJunit],
  html: ["index.html", renderHtml],
  md: ["summary.md", renderMarkdown],
};

/** Whether `inner` is `outer` itself or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
}

/** "2026-11-30T23-59-01Z": sortable and valid in every file system. */
export function timestampFolder(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
}

export interface WrittenReports {
  readonly dir: string;
  readonly latest: string | undefined;
  readonly files: readonly string[];
}

export function writeReports(
  report: Report,
  options: {
    readonly outDir?: string;
    readonly formats?: readonly ReportFormat[];
    readonly reportsRoot?: string;
  } = {},
): WrittenReports {
  const root = resolve(options.reportsRoot ?? "reports");
  const dir = resolve(options.outDir ?? join(root, timestampFolder(new Date(report.run.startedAt))));
  mkdirSync(dir, { recursive: true });
  const written = (options.formats ?? reportFormats).map((format) => {
    const [name, render] = files[format];
    const path = join(dir, name);
    writeFileSync(path, render(report));
    return path;
  });
  const latest = join(root, "latest");
  if (latest === dir) return { dir, latest: dir, files: written };
  // With `--out .` the run's folder holds reports/latest (copying it into itself crashed the run after
  // every check had finished), and `--out reports/latest/x` lies inside it (replacing latest would delete
  // the run's own reports): then latest is left alone. Only the report files are copied, never whatever
  // else the output folder holds.
  if (isWithin(latest, dir) || isWithin(dir, latest)) return { dir, latest: undefined, files: written };
  rmSync(latest, { recursive: true, force: true });
  mkdirSync(latest, { recursive: true });
  for (const file of written) copyFileSync(file, join(latest, basename(file)));
  return { dir, latest, files: written };
}
