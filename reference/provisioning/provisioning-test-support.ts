// Test support for pipeline tests without HTTP: a connection over the in-memory datastore and an
// OperationContext for it. Not a test file itself; only *.test.ts files import it.
import { buildConnection } from "../connections/build-connection.js";
import type { Connection } from "../connections/connection.js";
import { ScryptPasswordHasher } from "../connections/password-hasher.js";
import { specRegistry } from "../connections/spec-schemas.js";
import type { Datastore } from "../datastore/datastore.js";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import type { OperationContext, ProvisioningLog } from "./operation-context.js";
import { Provisioning, type ProvisioningDeps } from "./provisioning.js";

export const quietLog: ProvisioningLog = { info() {}, warn() {} };

export interface PipelineFixture {
  readonly provisioning: Provisioning;
  readonly connection: Connection;
  readonly ctx: OperationContext;
}

export function pipelineFixture(
  options: { datastore?: Datastore; deps?: Partial<ProvisioningDeps>; log?: ProvisioningLog } = {},
): PipelineFixture {
  const datastore = options.datastore ?? new MemoryDatastore();
  const connection = buildConnection({ id: "c1", name: "test", registry: specRegistry(), datastore });
  const provisioning = new Provisioning({
    hasher: new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 }),
    ...options.deps,
  });
  const ctx: OperationContext = {
    connection,
    store: datastore,
    baseUrl: "https://example.com/v2",
    mapping: { connectionId: connection.id, clientAddress: undefined, requestId: undefined },
    log: options.log ?? quietLog,
  };
  return { provisioning, connection, ctx };
}
