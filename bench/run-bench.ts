// `npm run bench [-- --quick] [--port-base 18700] [--data-dir dir] [--reports dir]`: starts every server
// it compares, loads their data, measures the issue's figures side by side, and writes
// reports/bench/latest.json and latest.md. Exit code 0 whether targets are met or not (CI runs --quick to
// keep this code working, not to judge a shared machine's speed); 1 when the bench itself broke.
import { parseArgs } from "node:util";
import { runBench } from "./bench-run.js";
import { fullScale, quickScale } from "./bench-scale.js";
import { portOffsets } from "./bench-servers.js";
import { writeBenchReport } from "./report/bench-report.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "port-base": { type: "string", default: "18700" },
    "data-dir": { type: "string" },
    reports: { type: "string", default: "reports" },
  },
});
const portBase = Number(values["port-base"]);
if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65_000) {
  process.stderr.write(
    `npm run bench: --port-base ${values["port-base"]}: expected a port from 1024 to 65000\n`,
  );
  process.exit(1);
}
const log = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const scale = values.quick ? quickScale : fullScale;
log(
  `${scale.label} scale: ${scale.users.toLocaleString("en-US")} users; servers on 127.0.0.1:${portBase + 1}…${portBase + Math.max(...Object.values(portOffsets))}`,
);
const { report, failures } = await runBench({
  scale,
  portBase,
  ...(values["data-dir"] === undefined ? {} : { dataDir: values["data-dir"] }),
  log,
});
const written = writeBenchReport(report, values.reports);
for (const r of report.rows)
  log(
    `${r.met === null ? "  —  " : r.met ? " met " : "MISSED"} ${r.name}: ${r.value ?? "—"} ${r.unit}${r.ratio === null ? "" : `, ratio ${r.ratio}`}`,
  );
log(`reports: ${written.md} and ${written.json}`);
if (failures.length > 0) {
  process.stderr.write(
    `npm run bench: ${failures.length} figure(s) could not be measured:\n${failures.map((f) => `  ${f}`).join("\n")}\n`,
  );
  process.exit(1);
}
process.exit(0);
