// parseJsonBody (parse-json-body.ts): what every JSON body passes before the pipeline sees it. Each refusal
// is 400 invalidSyntax (RFC 7644 §3.12); depth is bounded at maxJsonDepth levels, exactly.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../protocol/errors/scim-error.js";
import { maxJsonDepth, parseJsonBody } from "./parse-json-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(body: Uint8Array): ScimError {
  try {
    parseJsonBody(body);
  } catch (error) {
    assert.ok(error instanceof ScimError, String(error));
    assert.equal(error.status, 400);
    assert.equal(error.scimType, "invalidSyntax");
    return error;
  }
  throw new Error("the body was accepted");
}

/** `levels` nested containers, alternating arrays and objects, around one string. */
function nested(levels: number, leaf = '"x"'): string {
  let text = leaf;
  for (let i = 0; i < levels; i++) text = i % 2 === 0 ? `[${text}]` : `{"k":${text}}`;
  return text;
}

describe("parseJsonBody", () => {
  it("parses JSON and keeps the decoded text", () => {
    const parsed = parseJsonBody(bytes('{"userName":"bjensen","n":[1,{"a":null}]}'));
    assert.deepEqual(parsed.value, { userName: "bjensen", n: [1, { a: null }] });
    assert.equal(parsed.text, '{"userName":"bjensen","n":[1,{"a":null}]}');
  });

  it("reads an empty or blank body as no value", () => {
    assert.equal(parseJsonBody(bytes("")).value, undefined);
    assert.equal(parseJsonBody(bytes(" \n")).value, undefined);
  });

  it("refuses bytes that are not UTF-8 and text that is not JSON", () => {
    assert.match(refusal(new Uint8Array([0x7b, 0xff, 0x7d])).detail ?? "", /not valid UTF-8/);
    assert.match(refusal(bytes("{")).detail ?? "", /not valid JSON/);
  });

  for (const surrogates of [false, true]) {
    // With a surrogate escape somewhere in the text the full walk runs; without one, only the depth check.
    const leaf = surrogates ? '"\\ud83d\\ude00"' : '"x"';
    const label = surrogates ? " (a text with a surrogate pair)" : "";
    it(`accepts exactly ${maxJsonDepth} levels${label}`, () => {
      assert.notEqual(parseJsonBody(bytes(nested(maxJsonDepth, leaf))).value, undefined);
    });
    it(`refuses ${maxJsonDepth + 1} levels${label}`, () => {
      assert.match(refusal(bytes(nested(maxJsonDepth + 1, leaf))).detail ?? "", /nests deeper than 32/);
    });
    it(`refuses 100,000 levels without exhausting the stack${label}`, () => {
      assert.match(refusal(bytes(nested(100_000, leaf))).detail ?? "", /nests deeper/);
    });
  }

  it("refuses a lone surrogate escape in a value and in a name (RFC 8259 §8.2)", () => {
    assert.match(refusal(bytes('{"a":["\\ud800"]}')).detail ?? "", /lone UTF-16 surrogate escape \(/);
    assert.match(refusal(bytes('{"\\udc00x":1}')).detail ?? "", /surrogate escape in a name/);
  });

  it("accepts an escaped surrogate pair", () => {
    assert.deepEqual(parseJsonBody(bytes('{"e":"\\ud83d\\ude00"}')).value, { e: "😀" });
  });
});
