/**
 * Child process for src/db/sqlite-file.test.ts: opens a SQLite file as a server does (background
 * checkpoints), writes, closes the database as the last thing the process waits for, then says so.
 *   node test/support/checkpoint-close-child.ts <file>
 */
import { sql } from 'kysely';
import { createDb } from '../../src/db/dialect.ts';

const d = createDb(process.argv[2]!, { backgroundCheckpoints: true });
await sql`create table t (b integer, payload text)`.execute(d.db);
for (let i = 0; i < 200; i++) await sql`insert into t values (${i}, ${'x'.repeat(3000)})`.execute(d.db);
await d.close();
process.stdout.write('closed\n');
