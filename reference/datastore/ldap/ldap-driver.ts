// The ldapts side of the adapter: opening a client, the request values ldapts wants (changes, filters)
// and the one control it lacks. Filters go over the wire as ldapts Filter objects built from our nodes,
// so no value is ever re-parsed from text on the way (ldap-filter.ts renders the same nodes for logs and
// tests, and ldap-filter-compiler.test.ts checks that ldapts reads that text into the same filter).
import {
  AndFilter,
  Attribute,
  BerWriter,
  Change,
  Client,
  Control,
  EqualityFilter,
  type Filter,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
  SubstringFilter,
} from "ldapts";
import type { LdapClient } from "./ldap-datastore-config.js";
import type { LdapFilter } from "./ldap-filter.js";

export function connectLdapts(url: string, timeoutMs: number): LdapClient {
  // autoRebind replays the bind when ldapts reconnects after the server closed an idle connection.
  return new Client({ url, timeout: timeoutMs, connectTimeout: timeoutMs, autoRebind: true });
}

/** The ldapts Filter for one of our filter nodes (exhaustive over LdapFilter kinds). */
export function toLdaptsFilter(f: LdapFilter): Filter {
  switch (f.kind) {
    case "and":
      return f.filters.length === 0
        ? new PresenceFilter({ attribute: "objectClass" })
        : new AndFilter({ filters: f.filters.map(toLdaptsFilter) });
    case "or":
      return f.filters.length === 0
        ? new NotFilter({ filter: new PresenceFilter({ attribute: "objectClass" }) })
        : new OrFilter({ filters: f.filters.map(toLdaptsFilter) });
    case "not":
      return new NotFilter({ filter: toLdaptsFilter(f.filter) });
    case "equality":
      return new EqualityFilter({ attribute: f.attribute, value: f.value });
    case "greaterOrEqual":
      return new GreaterThanEqualsFilter({ attribute: f.attribute, value: f.value });
    case "lessOrEqual":
      return new LessThanEqualsFilter({ attribute: f.attribute, value: f.value });
    case "present":
      return new PresenceFilter({ attribute: f.attribute });
    case "substrings":
      return new SubstringFilter({
        attribute: f.attribute,
        ...(f.initial === undefined ? {} : { initial: f.initial }),
        any: [...f.any],
        ...(f.final === undefined ? {} : { final: f.final }),
      });
  }
}

/**
 * The Assertion control (RFC 4528): the server performs the update only if the entry matches the filter,
 * atomically with the update, and answers assertionFailed (122) otherwise. LDAP has no compare-and-set
 * besides this; with `(scimVersion=N)` it is the If-Match of RFC 7644 §3.14.
 */
export class AssertionControl extends Control {
  static readonly oid = "1.3.6.1.1.12";
  readonly #filter: Filter;

  constructor(filter: LdapFilter) {
    super(AssertionControl.oid, { critical: true });
    this.#filter = toLdaptsFilter(filter);
  }

  protected override writeControl(writer: BerWriter): void {
    const value = new BerWriter();
    this.#filter.write(value);
    writer.writeBuffer(value.buffer, 0x04); // controlValue OCTET STRING holding the BER Filter
  }
}

export type ChangeOperation = "add" | "delete" | "replace";

export function change(operation: ChangeOperation, type: string, values: readonly string[]): Change {
  return new Change({ operation, modification: new Attribute({ type, values: [...values] }) });
}

/** The change that undoes an add or a delete of values (a replace is not undone by a change of its own). */
export function inverse(c: Change): Change {
  if (c.operation === "replace") throw new Error("a replace has no inverse of its own");
  const values = c.modification.values.map((v) => (typeof v === "string" ? v : v.toString("utf8")));
  return change(c.operation === "add" ? "delete" : "add", c.modification.type, values);
}
