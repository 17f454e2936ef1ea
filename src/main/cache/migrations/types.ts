import type Database from 'better-sqlite3';
import type { Migration as SchemaMigration } from '../../../shared/sqlite-migrations';

export type Migration = SchemaMigration<Database.Database>;
