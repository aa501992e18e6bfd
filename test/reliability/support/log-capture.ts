// A pino destination that keeps every log line of an in-process server, so a suite can assert that the
// server logged no unhandled error (STYLE.md §7: anything that is not a ScimError is logged at "error")
// and that no secret ever reached the log (RFC 7644 §7.5.2).
import { Writable } from "node:stream";
import { type Logger, pino } from "pino";

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [key: string]: unknown;
}

/** pino's numeric level for "error"; "fatal" is above it. */
export const errorLevel = 50;

export class LogCapture {
  readonly lines: LogLine[] = [];
  /** Raw text exactly as written, for secret scans that must not depend on parsing. */
  readonly raw: string[] = [];
  readonly logger: Logger;

  constructor(level = "info") {
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        const text = String(chunk);
        this.raw.push(text);
        for (const line of text.split("\n")) {
          if (line.trim() === "") continue;
          try {
            this.lines.push(JSON.parse(line) as LogLine);
          } catch {
            this.lines.push({ level: errorLevel, msg: `unparsable log line: ${line}` });
          }
        }
        done();
      },
    });
    this.logger = pino({ level }, sink);
  }

  /** Lines at "error" or above since `from` (an index into `lines`). */
  errorsSince(from = 0): LogLine[] {
    return this.lines.slice(from).filter((l) => l.level >= errorLevel);
  }

  get text(): string {
    return this.raw.join("");
  }
}
