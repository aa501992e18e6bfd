// The default driver: better-sqlite3, the only file in the adapter that imports it (sqlite-datastore-
// config.ts describes the methods the adapter needs, so everything else stays driver-agnostic).
import Database from "better-sqlite3";
import type { SqliteDatabase } from "./sqlite-datastore-config.js";

export function openBetterSqlite3(path: string): SqliteDatabase {
  return new Database(path) as unknown as SqliteDatabase;
}
