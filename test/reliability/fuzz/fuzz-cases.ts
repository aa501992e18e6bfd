// The fuzzer's request generator: one fast-check arbitrary per family (cases/), weighted. Families: mutated
// bodies of every SCIM message type, grammar-mutated filters and PATCH paths, hostile query strings,
// hostile headers, raw request lines (methods, invalid UTF-8 targets, path tricks) and extremes (deep
// nesting, huge strings, bodies past the limit).
import fc from "fast-check";
import { bodyCaseArb } from "./cases/body-cases.js";
import { extremeCaseArb } from "./cases/extreme-cases.js";
import { filterCaseArb, patchPathCaseArb } from "./cases/grammar-cases.js";
import { headersCaseArb, queryCaseArb, rawCaseArb } from "./cases/request-cases.js";
import type { FuzzCase } from "./fuzz-case.js";

export { type AuthChoice, type Family, type FuzzCase, families } from "./fuzz-case.js";

export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 30, arbitrary: bodyCaseArb },
  { weight: 20, arbitrary: filterCaseArb },
  { weight: 15, arbitrary: patchPathCaseArb },
  { weight: 10, arbitrary: queryCaseArb },
  { weight: 10, arbitrary: headersCaseArb },
  { weight: 10, arbitrary: rawCaseArb },
  { weight: 3, arbitrary: extremeCaseArb },
);
