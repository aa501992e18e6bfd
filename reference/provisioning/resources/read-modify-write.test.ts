// Optimistic concurrency of PUT and PATCH (RFC 7644 §3.14; issue: "parallel PATCHes must never lose an
// update"): a datastore that lets another writer in between our read and our write proves the retry.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Datastore, EntryChange, Scope, WriteOptions } from "../../datastore/datastore.js";
import { MemoryDatastore } from "../../datastore/memory/memory-datastore.js";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { coreSchemaUrns, messageUrns } from "../../protocol/schema/schema-definition.js";

const userUrn = coreSchemaUrns.user;

import { pipelineFixture } from "../provisioning-test-support.js";

/**
 * Before each of our first `interruptions` updates, another writer changes the same entry. Its
 * `transaction` is no transaction (work runs on the proxy itself), as in a store that cannot lock an entry:
 * the optimistic retry is then all that keeps both writers' changes.
 */
function interruptingStore(inner: MemoryDatastore, interruptions: number): Datastore {
  let left = interruptions;
  const proxy: Datastore = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "transaction") return (work: (store: Datastore) => Promise<unknown>) => work(proxy);
      if (prop === "update") {
        return async (scope: Scope, id: string, change: EntryChange, options?: WriteOptions) => {
          if (left > 0) {
            left -= 1;
            // The concurrent writer: a plain update without ifVersion, as another request's would be.
            const current = await target.get(scope, id, { members: false });
            await target.update(scope, id, {
              attributes: { ...current?.attributes, title: `interrupted ${left}` },
            });
          }
          return target.update(scope, id, change, options);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return proxy;
}

const patchNick = (value: string) => ({
  schemas: [messageUrns.patchOp],
  Operations: [{ op: "replace", path: "nickName", value }],
});

describe("read-modify-write retries", () => {
  it("repeats a PATCH that lost a race and keeps both writers' changes", async () => {
    const memory = new MemoryDatastore();
    const setup = pipelineFixture({ datastore: memory });
    const user = await setup.provisioning.create(setup.ctx, "/Users", {
      schemas: [userUrn],
      userName: "racer",
    });
    const { provisioning, ctx } = pipelineFixture({ datastore: interruptingStore(memory, 2) });
    const result = await provisioning.patch(ctx, "/Users", user.id, patchNick("mine"));
    assert.equal(result.resource.nickName, "mine");
    assert.equal(result.resource.title, "interrupted 0", "the other writer's change survives");
  });

  it("gives up after writeRetries attempts with 412", async () => {
    const memory = new MemoryDatastore();
    const setup = pipelineFixture({ datastore: memory });
    const user = await setup.provisioning.create(setup.ctx, "/Users", {
      schemas: [userUrn],
      userName: "loser",
    });
    const { provisioning, ctx } = pipelineFixture({
      datastore: interruptingStore(memory, 10),
      deps: { limits: { writeRetries: 3 } },
    });
    await assert.rejects(
      provisioning.patch(ctx, "/Users", user.id, patchNick("never")),
      (e: unknown) => e instanceof ScimError && e.status === 412,
    );
  });

  it("never retries when the client pinned a version with If-Match", async () => {
    const memory = new MemoryDatastore();
    const setup = pipelineFixture({ datastore: memory });
    const user = await setup.provisioning.create(setup.ctx, "/Users", {
      schemas: [userUrn],
      userName: "pinned",
    });
    const { provisioning, ctx } = pipelineFixture({ datastore: interruptingStore(memory, 1) });
    await assert.rejects(
      provisioning.patch(ctx, "/Users", user.id, patchNick("x"), {}, { ifMatch: user.etag }),
      (e: unknown) => e instanceof ScimError && e.status === 412,
    );
  });

  it("repeats a PUT that lost a race", async () => {
    const memory = new MemoryDatastore();
    const setup = pipelineFixture({ datastore: memory });
    const user = await setup.provisioning.create(setup.ctx, "/Users", {
      schemas: [userUrn],
      userName: "putter",
    });
    const { provisioning, ctx } = pipelineFixture({ datastore: interruptingStore(memory, 1) });
    const result = await provisioning.replace(ctx, "/Users", user.id, {
      schemas: [userUrn],
      userName: "putter",
      nickName: "p",
    });
    assert.equal(result.resource.nickName, "p");
    assert.equal(result.etag, 'W/"3"', "created, interrupted, then ours");
  });
});
