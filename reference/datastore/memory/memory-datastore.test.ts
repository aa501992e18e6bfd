// The in-memory store against the datastore contract (it is the specification the others are held to).
import { runDatastoreContract } from "../datastore-contract.js";
import { MemoryDatastore } from "./memory-datastore.js";

runDatastoreContract({ name: "memory", create: () => new MemoryDatastore() });
