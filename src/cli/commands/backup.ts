import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import type { Container } from '../../container.ts';
import { createDb, type Database, defaultDatabaseUrl } from '../../db/dialect.ts';
import { systemActor } from '../../modules/access/actor.ts';
import { AttachmentsRepository } from '../../modules/attachments/attachments.repository.ts';
import { BlobStore } from '../../modules/attachments/blob-store.ts';
import type { AuditEvent } from '../../modules/audit/audit.service.ts';
import { BackupRepository } from '../../modules/backup/backup.repository.ts';
import { BackupService } from '../../modules/backup/backup.service.ts';
import { openContainer } from '../context.ts';
import { printJson, run } from '../output.ts';

function backupService(database: Database): BackupService {
  const config = loadConfig();
  return new BackupService({
    database,
    url: defaultDatabaseUrl(),
    blobs: new BlobStore(resolve(config.dataDir, 'blobs')),
    repo: new BackupRepository(),
    attachmentsRepo: new AttachmentsRepository(),
    workDir: config.dataDir,
  });
}

async function audited(c: Container, event: AuditEvent): Promise<void> {
  await c.database.db.transaction().execute((trx) => c.audit.record(trx, systemActor('cli'), event));
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'Write the whole database and every attachment into one verified file (SQLite: online backup; PostgreSQL: pg_dump); the server may keep running',
    )
    .requiredOption(
      '--out <file>',
      'the backup file to write (holds personal data: created readable by its owner only)',
    )
    .option('--json', 'print JSON')
    .action((o: { out: string; json?: boolean }) =>
      run(async () => {
        const c = await openContainer();
        const t = performance.now();
        try {
          const out = resolve(o.out);
          // Recorded before the snapshot, so the backup carries the entry that made it.
          await audited(c, { action: 'system.backup', details: { file: out } });
          // Every entry linked into the keyed chain before the copy (PostgreSQL appends wait for the sealer),
          // so the backup holds a sealed chain that verifies as it is.
          await c.audit.seal({ wait: true });
          const report = await backupService(c.database).backup(out);
          const { manifest: _m, ...summary } = report;
          if (o.json) printJson({ ...summary, ms: Math.round(performance.now() - t) });
          else
            console.log(
              `backup written: ${report.file} (${mib(report.bytes)}): ${report.tables} tables, ${report.rows} rows, ${report.blobs} attachment file(s) in ${Math.round(performance.now() - t)} ms`,
            );
        } finally {
          await c.close();
        }
      }),
    );

  program
    .command('restore <file>')
    .description(
      'Restore a backup file into the database (DATABASE_URL) and DATA_DIR/blobs: the whole file is verified first; a database holding data is refused unless --force',
    )
    .option('--force', 'overwrite a database that holds data')
    .option('--json', 'print JSON')
    .action((file: string, o: { force?: boolean; json?: boolean }) =>
      run(async () => {
        const t = performance.now();
        // Not migrated before the restore: the file is verified before the database is touched at all.
        const database = createDb();
        let report: Awaited<ReturnType<BackupService['restore']>>;
        try {
          report = await backupService(database).restore(resolve(file), { force: o.force });
        } finally {
          await database.close();
        }
        // Migrates a backup of an older version, records the restore, proves the audit chain.
        const c = await openContainer();
        try {
          await audited(c, {
            action: 'system.restore',
            details: { file: resolve(file), createdAt: report.manifest.createdAt, forced: Boolean(o.force) },
          });
          const audit = await c.audit.verify();
          const { manifest, ...summary } = report;
          const result = {
            ...summary,
            createdAt: manifest.createdAt,
            audit,
            ms: Math.round(performance.now() - t),
          };
          if (o.json) printJson(result);
          else {
            console.log(
              `restored ${report.tables} tables, ${report.rows} rows and ${report.blobs.stored + report.blobs.present} attachment file(s) from the backup of ${manifest.createdAt} in ${result.ms} ms`,
            );
            for (const m of report.mismatches)
              console.error(`  count mismatch in ${m.table}: backup ${m.expected}, restored ${m.actual}`);
            console.log(
              audit.ok
                ? `audit chain intact: ${audit.entries} entries`
                : `audit chain BROKEN at entry ${audit.seq}: ${audit.reason}`,
            );
          }
          if (report.mismatches.length > 0 || !audit.ok) process.exitCode = 1;
        } finally {
          await c.close();
        }
      }),
    );
}
