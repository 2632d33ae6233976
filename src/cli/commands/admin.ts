import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createDb } from '../../db/dialect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { USER_ROLES } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { checkpointInvalid, parseCheckpoints } from '../../modules/audit/audit.checkpoint.ts';
import { openContainer, withContainer } from '../context.ts';
import { printJson, run } from '../output.ts';

export function registerAdmin(program: Command): void {
  program
    .command('migrate')
    .description(
      'Apply pending database migrations (loads the regions on first run); refuses a database migrated by a newer version',
    )
    .action(() =>
      run(async () => {
        const database = createDb();
        const t = performance.now();
        try {
          const report = await migrateToLatest(database);
          if (report.carriedOver.length > 0) {
            console.log(
              `carried over ${report.carriedOver.length} applied migrations from schema_migrations to kysely_migration (renumbered names)`,
            );
          }
          console.log(
            report.applied.length
              ? `applied ${report.applied.join(', ')} in ${Math.round(performance.now() - t)} ms (${database.location})`
              : `up to date (${database.location})`,
          );
        } finally {
          await database.close();
        }
      }),
    );

  const user = program.command('user').description('Manage user accounts');
  user
    .command('add')
    .description('Create a user bound to a role and a region')
    .requiredOption('--username <u>')
    .requiredOption('--password <p>')
    .requiredOption('--role <r>', `one of ${USER_ROLES.join(', ')}`)
    .option('--region <code>', "region code (dotted or not); omit or '' for national roles", '')
    .option('--name <display name>')
    .option('--as <username>', 'act as this admin user instead of the system operator')
    .action(
      (o: { username: string; password: string; role: string; region: string; name?: string; as?: string }) =>
        run(() =>
          withContainer(o.as, 'user-add', async (c, actor) => {
            const created = await c.users.create(actor, {
              username: o.username,
              password: o.password,
              role: o.role,
              regionCode: o.region,
              displayName: o.name,
            });
            console.log(`created ${created.username} (${created.role}, ${created.regionCode || 'national'})`);
          }),
        ),
    );
  user
    .command('unlock <username>')
    .description('Lift every login wait on an account, from all client addresses (audited)')
    .option('--as <username>', 'act as this admin user instead of the system operator')
    .action((username: string, o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'user-unlock', async (c, actor) => {
          const { cleared } = await c.auth.unlock(actor, { username });
          console.log(
            cleared ? `unlocked ${username} (${cleared} counter(s) cleared)` : `${username} was not locked`,
          );
        }),
      ),
    );
  user
    .command('list')
    .description('List users')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(() =>
        withContainer(undefined, 'user-list', async (c, actor) => {
          const users = await c.users.list(actor);
          if (o.json) printJson(users);
          else
            for (const u of users)
              console.log(
                `${u.username.padEnd(16)} ${u.role.padEnd(14)} ${u.regionCode || '(national)'} ${u.status}`,
              );
        }),
      ),
    );

  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description(
      'Verify the keyed hash chain (and, with --checkpoint, that it still holds the signed heads); exits 1 naming the first broken entry',
    )
    .option(
      '--checkpoint <file>',
      "a checkpoint written by `dtks audit checkpoint` (or the sealer's JSON-lines file)",
    )
    .option('--json', 'print JSON')
    .action((o: { json?: boolean; checkpoint?: string }) =>
      run(async () => {
        // The file first: an unreadable one is a usage error (exit 2) before the database is opened.
        const checkpoints = o.checkpoint ? parseCheckpoints(readCheckpointFile(o.checkpoint)) : undefined;
        const c = await openContainer();
        try {
          if (checkpoints) {
            const verdict = await c.audit.verifyCheckpoints(checkpoints);
            if (o.json) printJson(verdict);
            if (verdict.ok) {
              if (!o.json)
                console.log(
                  `audit chain holds the signed head${verdict.heads.length === 1 ? '' : 's'} of ${verdict.at}: ${verdict.heads.map((h) => `${h.chain} entry ${h.position}`).join(', ')} (${verdict.checkpoints} checkpoint(s))`,
                );
              return;
            }
            if (!o.json)
              console.error(
                verdict.position === null
                  ? `audit checkpoint REFUSED: ${verdict.reason}`
                  : `audit chain BROKEN at entry ${verdict.position} (chain ${verdict.chain}): ${verdict.reason}`,
              );
            process.exitCode = 1;
            return;
          }
          const result = await c.audit.verify();
          if (o.json) printJson(result);
          if (result.ok) {
            if (!o.json)
              console.log(
                `audit chain intact: ${result.entries} entries in ${result.chains} chain(s)${result.unsealed ? `, ${result.unsealed} not sealed yet` : ''}`,
              );
            return;
          }
          if (!o.json)
            console.error(
              `audit chain BROKEN at entry ${result.position} (chain ${result.chain}${result.seq === null ? '' : `, seq ${result.seq}`}): ${result.reason}`,
            );
          process.exitCode = 1;
        } finally {
          await c.close();
        }
      }),
    );
  audit
    .command('list')
    .description(
      'The audit log, newest first, with people, regions and records by name (auditor, admin; within your territory)',
    )
    .option(
      '--group <group>',
      'action group: the part of the action before the dot (household, usulan, auth, …)',
    )
    .option('--user <username>', "one user's entries")
    .option('--region <code>', 'entries of this region and below')
    .option('--from <date>', 'from this date (YYYY-MM-DD)')
    .option('--to <date>', 'up to and including this date (YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many entries', '50')
    .option('--json', 'print JSON')
    .option('--as <username>', 'act as this user (auditor or admin) instead of the system operator')
    .action(
      (o: {
        group?: string;
        user?: string;
        region?: string;
        from?: string;
        to?: string;
        limit: string;
        json?: boolean;
        as?: string;
      }) =>
        run(() =>
          withContainer(o.as, 'audit-list', async (c, actor) => {
            const region = o.region ? c.regions.normalize(o.region, 'region') : undefined;
            const rows = await c.audit.list(actor, {
              actionGroup: o.group,
              actorUsername: o.user,
              regionCode: region,
              from: o.from,
              to: o.to && o.to.length === 10 ? `${o.to}T23:59:59.999Z` : o.to,
              limit: Math.min(Math.max(Number.parseInt(o.limit, 10) || 50, 1), 1000),
            });
            if (o.json) {
              printJson(rows.map((r) => ({ ...r, seq: Number(r.seq), details: JSON.parse(r.details) })));
              return;
            }
            for (const r of rows) {
              const who = r.actorName ? `${r.actorName} (${r.actorUsername})` : (r.actorUsername ?? '-');
              const what = r.entityName ?? r.entityType ?? '';
              const where = r.regionName ?? r.regionCode ?? '';
              console.log([r.at, who, r.action, what, where].join('  '));
            }
          }),
        ),
    );
  audit
    .command('checkpoint')
    .description(
      'Seal pending entries and print the signed chain head (Ed25519), or write it to a file with --out; keep it away from the database',
    )
    .option('--out <file>', 'write the checkpoint here instead of printing it')
    .action((o: { out?: string }) =>
      run(async () => {
        const c = await openContainer();
        try {
          const cp = await c.audit.checkpoint();
          const text = `${JSON.stringify(cp, null, 2)}\n`;
          if (!o.out) {
            process.stdout.write(text);
            return;
          }
          writeFileSync(o.out, text);
          console.log(
            `checkpoint of ${cp.heads.map((h) => `${h.chain} entry ${h.position}`).join(', ') || 'an empty log'} written to ${o.out} (key ${cp.keyId})`,
          );
        } finally {
          await c.close();
        }
      }),
    );
}

function readCheckpointFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw checkpointInvalid(
      label('audit_checkpoint.unreadable', { path, cause: (err as NodeJS.ErrnoException).code ?? 'error' }),
    );
  }
}
