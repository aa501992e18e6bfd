// Writes the chosen report formats into the output folder and refreshes reports/latest/ (a stable path
// for CI jobs and links), replacing it whole so no stale file from an older run survives there.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
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
  rmSync(latest, { recursive: true, force: true });
  mkdirSync(latest, { recursive: true });
  cpSync(dir, latest, { recursive: true });
  return { dir, latest, files: written };
}
