// Configuration problems as data (STYLE.md §9): every check of a connection's mapping appends an issue that
// names the field (a JSON path into the configuration), says what is wrong and how to fix it. The server
// refuses to start on a file with issues, and the admin API answers 422 with the same list (PingFederate's
// admin API answers 422 with field-level validation errors, pingfederate-model.md §2.1).

export interface ConfigIssue {
  /** Where, e.g. `inboundProvisioning.users.writeUsers.attributeFulfillment["mail"].source.type`. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export function configIssue(path: string, message: string, fix: string): ConfigIssue {
  return Object.freeze({ path, message, fix });
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key to a path: `.name` for plain identifiers, `["emails.work.value"]` for anything else. */
export function keyPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (identifier.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** One line per issue, for a refusing server's stderr and for the mapping check. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.path || "(root)"}: ${i.message} Fix: ${i.fix}`).join("\n");
}

/** A result that is either the built thing or every issue found (never a thrown exception). */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };
