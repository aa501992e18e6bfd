// The result of comparing what the harness sent (or what its model predicts) with what the target
// returned, attribute path by attribute path. It is the raw material of the attribute fidelity table
// (fidelity-table.ts) and of every round-trip property's verdict.

export type FieldVerdict = "equal" | "lost" | "altered" | "invented";

export interface FieldDiff {
  /** The attribute path key (schema-model AttributeDef.path): "emails.value", "<urn>:manager.value". */
  readonly path: string;
  readonly verdict: FieldVerdict;
  /** The value sent or expected (absent for `invented`). */
  readonly sent?: unknown;
  /** The value returned (absent for `lost`). */
  readonly got?: unknown;
  /**
   * For `invented`: why it is acceptable, e.g. a server default for an attribute the request left out
   * (RFC 7644 §3.3). Absent when the invention is a defect.
   */
  readonly tolerated?: string;
  /** The attribute is caseExact: an `altered` value then breaks RFC 7643 §7 "SHALL preserve case". */
  readonly caseExact: boolean;
}

export interface ResourceDiff {
  readonly fields: readonly FieldDiff[];
}

/** The entries that break a round trip: lost and altered values, and inventions nobody tolerates. */
export function defects(diff: ResourceDiff): FieldDiff[] {
  return diff.fields.filter(
    (f) =>
      f.verdict === "lost" ||
      f.verdict === "altered" ||
      (f.verdict === "invented" && f.tolerated === undefined),
  );
}

export function describeField(f: FieldDiff): string {
  const show = (v: unknown): string => {
    const text = JSON.stringify(v) ?? "(absent)";
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  };
  switch (f.verdict) {
    case "equal":
      return `${f.path}: equal`;
    case "lost":
      return `${f.path}: lost (sent ${show(f.sent)}, got nothing)`;
    case "altered":
      return `${f.path}: altered (sent ${show(f.sent)}, got ${show(f.got)})`;
    case "invented":
      return `${f.path}: invented ${show(f.got)}${f.tolerated ? ` (tolerated: ${f.tolerated})` : ""}`;
  }
}
