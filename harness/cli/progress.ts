// Run progress for humans: on a terminal one line rewritten in place (counts and the check in flight);
// in CI (not a TTY) one plain line per finished check, so logs stay readable and greppable.
import type { CheckResult } from "../checks/check.js";
import type { RunEvent } from "../engine/run-conformance.js";

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const label: Readonly<Record<CheckResult["status"], string>> = {
  pass: "PASS ",
  fail: "FAIL ",
  warn: "WARN ",
  skip: "SKIP ",
  error: "ERROR",
};

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function progressPrinter(out: ProgressStream): (event: RunEvent) => void {
  const counts = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0 };
  let total = 0;
  let current = "";
  const tty = out.isTTY === true;
  const status = (done: number): void => {
    const line = `[${String(done).padStart(String(total).length)}/${total}] pass ${counts.pass} · fail ${counts.fail} · warn ${counts.warn} · error ${counts.error}  ${current}`;
    out.write(`\r\x1b[2K${oneLine(line, 118)}`);
  };
  return (event) => {
    switch (event.kind) {
      case "planned":
        total = event.total;
        return;
      case "discovered":
        for (const problem of event.discovery.problems)
          out.write(`${tty ? "\r\x1b[2K" : ""}discovery: ${problem}\n`);
        return;
      case "started":
        current = event.id;
        if (tty) status(counts.pass + counts.fail + counts.warn + counts.skip + counts.error);
        return;
      case "finished": {
        const r = event.result;
        counts[r.status] += 1;
        const why =
          r.status === "fail" || r.status === "warn" ? r.actual : r.status === "error" ? r.error : "";
        if (tty) {
          if (r.status === "fail" || r.status === "error")
            out.write(`\r\x1b[2K${label[r.status]} ${r.id}: ${oneLine(why, 100)}\n`);
          status(event.done);
        } else {
          out.write(
            `${label[r.status]} ${r.id} (${r.durationMs} ms)${why ? `: ${oneLine(why, 160)}` : ""}\n`,
          );
        }
        return;
      }
      case "cleaning":
        if (event.count > 0)
          out.write(
            `${tty ? "\r\x1b[2K" : ""}cleaning up ${event.count} created resource(s)…${tty ? "" : "\n"}`,
          );
        return;
      case "cleaned":
        if (tty) out.write("\r\x1b[2K");
        for (const left of event.cleanup.leftBehind)
          out.write(`could not delete ${left.path} (${left.problem}): remove it by hand\n`);
        return;
    }
  };
}
