// Writes a load run's reports into reports/load/<timestamp>/ (or --out) and refreshes reports/load/latest/,
// in the formats the conformance run offers, with the same file names where they mean the same thing.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ReportFormat, reportFormats, timestampFolder } from "../../reporters/write-reports.js";
import type { LoadReport } from "../load-report.js";
import { renderLoadHtml } from "./load-html.js";
import { renderLoadJunit } from "./load-junit.js";
import { renderLoadMarkdown } from "./load-markdown.js";

const files: Readonly<Record<ReportFormat, [string, (report: LoadReport) => string]>> = {
  json: ["load.json", (report) => `${JSON.stringify(report, null, 2)}\n`],
  junit: ["junit.xml", renderLoadJunit],
  html: ["index.html", renderLoadHtml],
  md: ["summary.md", renderLoadMarkdown],
};

export function writeLoadReports(
  report: LoadReport,
  options: {
    readonly outDir?: string;
    readonly formats?: readonly ReportFormat[];
    readonly reportsRoot?: string;
  },
): { readonly dir: string; readonly latest: string } {
  const root = join(resolve(options.reportsRoot ?? "reports"), "load");
  const dir = resolve(options.outDir ?? join(root, timestampFolder(new Date(report.run.startedAt))));
  mkdirSync(dir, { recursive: true });
  for (const format of options.formats ?? reportFormats) {
    const [name, render] = files[format];
    writeFileSync(join(dir, name), render(report));
  }
  const latest = join(root, "latest");
  if (latest !== dir) {
    rmSync(latest, { recursive: true, force: true });
    mkdirSync(latest, { recursive: true });
    cpSync(dir, latest, { recursive: true });
  }
  return { dir, latest };
}
