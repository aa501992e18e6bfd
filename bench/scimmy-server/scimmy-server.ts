// The comparison server: SCIMMY (npm `scimmy`) with its Express routers (npm `scimmy-routers`), the
// library a Node developer picks for SCIM, over the in-memory store of memory-store.ts. Seeded at start
// with the bench's synthetic users and, optionally, one group whose members are the first users.
//   node --import tsx bench/scimmy-server/scimmy-server.ts --port 18106 --users 10000 [--group 100000]
//        [--token T] [--manifest file.json]
// The manifest file receives the ids the bench needs (sample users, the group, spare non-members).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import { groupSchema, spreadIndexes, syntheticUser } from "../dataset/synthetic-users.js";
import { MemoryCollection, type ScimmyResourceView } from "./memory-store.js";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    users: { type: "string", default: "1000" },
    group: { type: "string", default: "0" },
    spare: { type: "string", default: "0" },
    token: { type: "string", default: process.env.SCIM_BEARER_TOKEN ?? "" },
    manifest: { type: "string" },
  },
});
const userCount = Number(values.users);
const groupSize = Number(values.group);
const spareCount = Number(values.spare);
const token = values.token ?? "";

const users = new MemoryCollection("User");
const groups = new MemoryCollection("Group");
type Handler = Parameters<typeof SCIMMY.Resources.declare>[1];

// SCIMMY's handler typings are generic over its schema classes; the store works on plain objects.
SCIMMY.Resources.declare(SCIMMY.Resources.User, {
  egress: (resource: ScimmyResourceView) => users.egress(resource),
  ingress: (resource: ScimmyResourceView, instance: object) => users.ingress(resource, instance),
  degress: (resource: ScimmyResourceView) => users.degress(resource),
} as unknown as Handler);
SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
  egress: (resource: ScimmyResourceView) => groups.egress(resource),
  ingress: (resource: ScimmyResourceView, instance: object) => groups.ingress(resource, instance),
  degress: (resource: ScimmyResourceView) => groups.degress(resource),
} as unknown as Handler);

const userIds: string[] = [];
for (let i = 0; i < userCount; i++) {
  const { schemas: _schemas, ...attributes } = syntheticUser(i);
  userIds.push(users.seed({ schemas: [SCIMMY.Schemas.User.definition.id], ...attributes }));
}
const groupId =
  groupSize > 0
    ? groups.seed({
        schemas: [groupSchema],
        displayName: "Bench group big",
        members: userIds.slice(0, groupSize).map((value) => ({ value, type: "User" })),
      })
    : undefined;
if (values.manifest !== undefined) {
  const sample = spreadIndexes(userCount, 1000);
  writeFileSync(
    values.manifest,
    JSON.stringify({
      sampleUserIds: sample.map((i) => userIds[i]),
      sampleUserNames: sample.map((i) => syntheticUser(i).userName),
      groupIds: groupId === undefined ? {} : { big: groupId },
      spareUserIds: userIds.slice(userCount - spareCount),
    }),
  );
}

const app = express();
app.use(
  "/scim/v2",
  new SCIMMYRouters({
    type: "bearer",
    handler: (request) => {
      if (request.header("Authorization") !== `Bearer ${token}`)
        throw new Error("Authorization not accepted");
      return "bench";
    },
  }),
);
app.listen(Number(values.port), "127.0.0.1");
