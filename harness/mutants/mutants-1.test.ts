// The mutant matrix, part 1 of 3 (split so node:test runs the parts side by side): each mutant makes
// exactly its catalogued checks change verdict, and nothing else in their families.
import { describe, it } from "node:test";
import { assertMutant } from "./mutant-matrix.js";
import { mutants } from "./mutants.js";

describe("mutants, part 1", () => {
  for (const mutant of mutants.filter((_, i) => i % 3 === 0)) {
    it(`${mutant.id}: ${mutant.breaks}`, () => assertMutant(mutant));
  }
});
