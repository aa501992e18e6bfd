// The data set of one reference server for the bench: `users` synthetic users, a large and a small group
// whose members are the first users, and `spare` users (the last ones) that belong to no group, for
// member-add rounds. Only the ids the figures need are kept: a spread sample, the group members, the
// spare users; a million ids in this process would distort nothing but would cost ~100 MB for nothing.
import type { LoadClient } from "../../harness/load/load-client.js";
import { bulkLoadUsers, createGroup } from "./bulk-load.js";
import { spreadIndexes, userNameOf } from "./synthetic-users.js";

export interface DatasetSpec {
  readonly users: number;
  readonly bigGroup: number;
  readonly smallGroup: number;
  readonly spare: number;
  readonly sample: number;
  readonly perRequest: number;
}

export interface DatasetManifest {
  readonly spec: DatasetSpec;
  readonly sampleUserIds: readonly string[];
  readonly sampleUserNames: readonly string[];
  readonly groupIds: { readonly big?: string; readonly small?: string };
  readonly spareUserIds: readonly string[];
  readonly loadMs: number;
}

export async function loadDataset(client: LoadClient, spec: DatasetSpec): Promise<DatasetManifest> {
  if (Math.max(spec.bigGroup, spec.smallGroup) + spec.spare > spec.users)
    throw new Error(
      `${spec.users} users cannot hold a ${spec.bigGroup}-member group and ${spec.spare} spare users`,
    );
  const sample = spreadIndexes(spec.users, spec.sample);
  const sampleAt = new Map(sample.map((index, k) => [index, k]));
  const sampleUserIds: string[] = new Array(sample.length).fill("");
  const members: string[] = new Array(Math.max(spec.bigGroup, spec.smallGroup)).fill("");
  const spareFrom = spec.users - spec.spare;
  const spareUserIds: string[] = new Array(spec.spare).fill("");
  const loadMs = await bulkLoadUsers(client, {
    from: 0,
    count: spec.users,
    perRequest: spec.perRequest,
    inFlight: 2,
    onCreated: (index, id) => {
      const k = sampleAt.get(index);
      if (k !== undefined) sampleUserIds[k] = id;
      if (index < members.length) members[index] = id;
      if (index >= spareFrom) spareUserIds[index - spareFrom] = id;
    },
  });
  const groupIds: { big?: string; small?: string } = {};
  if (spec.bigGroup > 0)
    groupIds.big = await createGroup(client, "Bench group big", members.slice(0, spec.bigGroup));
  if (spec.smallGroup > 0)
    groupIds.small = await createGroup(client, "Bench group small", members.slice(0, spec.smallGroup));
  return {
    spec,
    sampleUserIds,
    sampleUserNames: sample.map((i) => userNameOf(i)),
    groupIds,
    spareUserIds,
    loadMs,
  };
}
