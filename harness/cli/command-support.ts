// What `scim-conformance test` and `scim-conformance load` share on the command line: the options that
// reach a target (the same credentials, headers and TLS material for both, so a command that works for
// one works for the other), repeatable list options, and Ctrl-C handling that lets a run delete what it
// created before the process exits (a second Ctrl-C quits at once).
import type { Command } from "commander";
import { Option } from "commander";

/** The exit code of a run stopped by SIGINT or SIGTERM (128 + 2, as shells report it). */
export const exitInterrupted = 130;

/** Collects a repeatable option's values (`--header A --header B`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** --bearer, --basic, --header, --cert, --key, --ca: how the harness reaches and authenticates to a target. */
export function addTargetOptions(command: Command): Command {
  return command
    .addOption(new Option("--bearer <token>", "bearer token (or env SCIM_BEARER_TOKEN)"))
    .addOption(
      new Option(
        "--basic <user:pass>",
        "HTTP Basic credentials (or env SCIM_BASIC_USER, SCIM_BASIC_PASSWORD)",
      ),
    )
    .option("--header <header>", 'extra request header "Name: value" (repeatable)', collect)
    .option("--cert <file>", "PEM client certificate for mutual TLS")
    .option("--key <file>", "PEM private key for --cert")
    .option("--ca <file>", "PEM CA bundle to trust");
}

/**
 * Runs a command with an AbortSignal that the first SIGINT/SIGTERM aborts, sets process.exitCode to what
 * it returns, and turns an unexpected failure into exit code 2 with its stack on stderr.
 */
export async function runInterruptible(
  name: string,
  run: (signal: AbortSignal) => Promise<number>,
): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(exitInterrupted);
    process.stderr.write(
      "\ninterrupted: stopping, then deleting what this run created (press Ctrl-C again to quit at once)\n",
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    process.exitCode = await run(controller.signal);
  } catch (error) {
    process.stderr.write(`scim-conformance ${name}: failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
