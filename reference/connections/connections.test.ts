// The built-in connection and its credential checks (reference-core issue "Run": bearer from
// SCIM_BEARER_TOKEN, Basic from SCIM_BASIC_USER/SCIM_BASIC_PASSWORD, a generated token stored only as a
// hash and announced once; "no per-request password hashing").
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Datastore, EntryValue } from "../datastore/datastore.js";
import { builtinTokenSetting, createBuiltinResolver } from "./builtin-connection.js";
import { ConfigurationError } from "./configuration-error.js";
import { CredentialCache } from "./credential-cache.js";
import { CredentialVerifier } from "./credential-verifier.js";
import { type PasswordHasher, ScryptPasswordHasher } from "./password-hasher.js";

/** Cheap scrypt so the suite stays fast; the production cost is tested once below. */
const cheap = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

/** Counts verifications, to prove that a cached credential costs no hash. */
class CountingHasher implements PasswordHasher {
  verifications = 0;
  hash(secret: string) {
    return cheap.hash(secret);
  }
  verify(secret: string, encoded: string) {
    this.verifications += 1;
    return cheap.verify(secret, encoded);
  }
}

/** Only the settings half of the datastore contract, which is all the built-in connection touches at start. */
function settingsStore(): Datastore & { settings: Map<string, EntryValue> } {
  const settings = new Map<string, EntryValue>();
  const partial = {
    name: "settings-only",
    settings,
    getSetting: async (key: string) => settings.get(key),
    putSetting: async (key: string, value: EntryValue) => void settings.set(key, value),
  };
  return partial as unknown as Datastore & { settings: Map<string, EntryValue> };
}

describe("ScryptPasswordHasher", () => {
  it("verifies the secret it hashed and nothing else", async () => {
    const hash = await cheap.hash("s3cret");
    assert.match(hash, /^scrypt\$1024\$8\$1\$/);
    assert.equal(hash.includes("s3cret"), false, "the hash never contains the secret");
    assert.equal(await cheap.verify("s3cret", hash), true);
    assert.equal(await cheap.verify("s3cret ", hash), false);
  });

  it("rejects malformed encodings instead of throwing", async () => {
    for (const bad of ["", "scrypt$x", "bcrypt$1$2$3$4$5", "scrypt$1024$8$1$AAAA$AAAA"]) {
      assert.equal(await cheap.verify("a", bad), false, bad);
    }
  });

  it("uses the interactive-login cost by default", async () => {
    assert.match(await new ScryptPasswordHasher().hash("x"), /^scrypt\$16384\$8\$1\$/);
  });
});

describe("CredentialCache", () => {
  it("remembers outcomes under a keyed hash of the whole credential", () => {
    const cache = new CredentialCache<string>();
    cache.remember({ kind: "basic", username: "a", password: "b" }, "ok");
    assert.deepEqual(cache.lookup({ kind: "basic", username: "a", password: "b" }), {
      hit: true,
      value: "ok",
    });
    assert.equal(cache.lookup({ kind: "basic", username: "a", password: "c" }).hit, false);
    assert.equal(
      cache.lookup({ kind: "basic", username: "a:b", password: "" }).hit,
      false,
      "fields cannot shift",
    );
    assert.equal(cache.lookup({ kind: "bearer", token: "b" }).hit, false);
  });

  it("stays bounded, dropping the oldest entry", () => {
    const cache = new CredentialCache<number>(2);
    for (const token of ["1", "2", "3"]) cache.remember({ kind: "bearer", token }, Number(token));
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup({ kind: "bearer", token: "1" }).hit, false);
    assert.equal(cache.lookup({ kind: "bearer", token: "3" }).hit, true);
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it("replaces the outcome of a credential it already holds without evicting another", () => {
    const cache = new CredentialCache<number>(2);
    cache.remember({ kind: "bearer", token: "1" }, undefined);
    cache.remember({ kind: "bearer", token: "2" }, 2);
    cache.remember({ kind: "bearer", token: "1" }, 1);
    assert.equal(cache.size, 2);
    assert.deepEqual(cache.lookup({ kind: "bearer", token: "1" }), { hit: true, value: 1 });
    assert.equal(cache.lookup({ kind: "bearer", token: "2" }).hit, true);
  });

  it("keeps a refusal as a refusal: a wrong credential is remembered as no match", () => {
    const cache = new CredentialCache<string>();
    cache.remember({ kind: "bearer", token: "wrong" }, undefined);
    assert.deepEqual(cache.lookup({ kind: "bearer", token: "wrong" }), { hit: true, value: undefined });
    assert.equal(cache.lookup({ kind: "bearer", token: "Wrong" }).hit, false);
  });
});

describe("CredentialVerifier", () => {
  it("hashes a credential once, then answers from the cache, for hits and misses alike", async () => {
    const hasher = new CountingHasher();
    const verifier = new CredentialVerifier(
      [{ id: "basic", kind: "basic", username: "idp", secretHash: await cheap.hash("pw") }],
      hasher,
    );
    const good = { kind: "basic", username: "idp", password: "pw" } as const;
    assert.equal((await verifier.verify(good))?.id, "basic");
    assert.equal((await verifier.verify(good))?.id, "basic");
    assert.equal(hasher.verifications, 1);
    const bad = { kind: "basic", username: "idp", password: "nope" } as const;
    assert.equal(await verifier.verify(bad), undefined);
    assert.equal(await verifier.verify(bad), undefined);
    assert.equal(hasher.verifications, 2);
    verifier.invalidate();
    await verifier.verify(good);
    assert.equal(hasher.verifications, 3, "invalidate() forgets verified credentials");
  });

  it("spends a hash on an unknown username too, so timing does not reveal which usernames exist", async () => {
    const hasher = new CountingHasher();
    const verifier = new CredentialVerifier(
      [{ id: "basic", kind: "basic", username: "idp", secretHash: await cheap.hash("pw") }],
      hasher,
    );
    assert.equal(await verifier.verify({ kind: "basic", username: "nobody", password: "pw" }), undefined);
    assert.equal(hasher.verifications, 1);
  });
});

describe("createBuiltinResolver", () => {
  const announce = () => assert.fail("nothing is announced when credentials are configured");

  it("accepts the bearer token from SCIM_BEARER_TOKEN and advertises the oauthbearertoken scheme", async () => {
    const resolver = await createBuiltinResolver({
      datastore: settingsStore(),
      env: { SCIM_BEARER_TOKEN: "t0ken" },
      hasher: cheap,
      announce,
    });
    assert.equal(
      (await resolver.resolve({ kind: "bearer", token: "t0ken" }))?.credentialId,
      "builtin:bearer",
    );
    assert.equal(await resolver.resolve({ kind: "bearer", token: "other" }), undefined);
    assert.deepEqual(
      resolver.authenticationSchemes.map((s) => [s.type, s.primary]),
      [["oauthbearertoken", true]],
    );
    const auth = await resolver.resolve({ kind: "bearer", token: "t0ken" });
    assert.equal(auth?.connection.id, "builtin");
    assert.deepEqual(
      [...(auth?.connection.resources.keys() ?? [])],
      ["User", "Group"],
      "User and Group Support",
    );
    assert.equal(auth?.linkedUserId, undefined);
  });

  it("accepts HTTP Basic from SCIM_BASIC_USER/SCIM_BASIC_PASSWORD alongside a bearer token", async () => {
    const resolver = await createBuiltinResolver({
      datastore: settingsStore(),
      env: { SCIM_BEARER_TOKEN: "t", SCIM_BASIC_USER: "idp", SCIM_BASIC_PASSWORD: "pw" },
      hasher: cheap,
      announce,
    });
    assert.equal(
      (await resolver.resolve({ kind: "basic", username: "idp", password: "pw" }))?.credentialId,
      "builtin:basic",
    );
    assert.equal(await resolver.resolve({ kind: "basic", username: "idp", password: "t" }), undefined);
    assert.deepEqual(
      resolver.authenticationSchemes.map((s) => s.type),
      ["oauthbearertoken", "httpbasic"],
    );
  });

  it("refuses a Basic user without a password", async () => {
    await assert.rejects(
      createBuiltinResolver({
        datastore: settingsStore(),
        env: { SCIM_BASIC_USER: "idp" },
        hasher: cheap,
        announce,
      }),
      ConfigurationError,
    );
  });

  it("generates a token once, stores only its hash and announces it once", async () => {
    const datastore = settingsStore();
    const messages: string[] = [];
    const first = await createBuiltinResolver({
      datastore,
      env: {},
      hasher: cheap,
      announce: (m) => messages.push(m),
    });
    assert.equal(messages.length, 1);
    const token = /Bearer (\S+)/.exec(messages[0] ?? "")?.[1];
    assert.ok(token, "the announcement carries the token");
    assert.equal(
      JSON.stringify([...datastore.settings.values()]).includes(token),
      false,
      "only a hash is stored",
    );
    assert.ok(datastore.settings.has(builtinTokenSetting));
    assert.equal((await first.resolve({ kind: "bearer", token }))?.credentialId, "builtin:generated-token");

    const second = await createBuiltinResolver({
      datastore,
      env: {},
      hasher: cheap,
      announce: (m) => messages.push(m),
    });
    assert.equal(messages.length, 1, "a restart does not generate or print a new token");
    assert.equal((await second.resolve({ kind: "bearer", token }))?.credentialId, "builtin:generated-token");
  });
});
