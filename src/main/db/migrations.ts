/**
 * Schema migrations, numbered in steps of 10. Each runs inside one transaction that ends by
 * setting `user_version`; a file written by a newer Triangulate is refused (see open.ts).
 * Never edit a released migration: add a new one.
 */
import type Database from 'better-sqlite3';
import { m010 } from './migrations/m010-core';
import { m020 } from './migrations/m020-contradictions-themes';
import { m030 } from './migrations/m030-reconcile';
import { m040 } from './migrations/m040-workstation';
import { m050 } from './migrations/m050-study-settings';
import { m060 } from './migrations/m060-recording-order';
import { m070 } from './migrations/m070-participants';
import { m080 } from './migrations/m080-recording-links';
import { m090 } from './migrations/m090-angle-shown';

export interface Migration {
  version: number;
  description: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: Migration[] = [
  m010,
  m020,
  m030,
  m040,
  m050,
  m060,
  m070,
  m080,
  m090,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
