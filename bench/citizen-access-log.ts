/**
 * "Who read my data" for a household read 100,000 times (issue 14), on SQLite or PostgreSQL: the first page
 * (20 lines) and paging back through every entry with `nextCursor`, through the service as the route calls
 * it, with 300,000 entries about other households in the same log. Checks the sum of the lines' counts is
 * every entry of the household exactly once, and prints the plans of the two statements a page runs
 * (test/medium/citizen-access-log-plans.test.ts asserts them on an empty log).
 *
 *   node bench/citizen-access-log.ts --engine sqlite|postgres [--entries 100000] [--others 300000]
 *                                    [--days 365] [--pg URL] [--out FILE]
 *
 * A fresh database each run (SQLite in bench/tmp, PostgreSQL `dtks_bench_access_<pid>`, dropped after).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Compilable, CompiledQuery, sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { insertRows } from '../src/db/bulk-insert.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/lib/ids.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { CitizenRepository } from '../src/modules/citizen/citizen.repository.ts';
import { unsealedAuditRow } from '../test/support/audit-rows.ts';
import { benchEngine, freshPgDatabase } from './lib/bench-db.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const engine = benchEngine(f.get('engine'));
const entries = int(f.get('entries'), 100_000);
const others = int(f.get('others'), 300_000);
const days = int(f.get('days'), 365);
const out = f.get('out') ?? `bench/results/citizen-access-log-${engine}.md`;
const m = machine();

let url: string;
let drop = async () => {};
if (engine === 'sqlite') {
  mkdirSync('bench/tmp', { recursive: true });
  url = `bench/tmp/access-log-${process.pid}.sqlite`;
  drop = async () => {
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(url + suffix)) rmSync(url + suffix);
  };
} else {
  ({ url, drop } = await freshPgDatabase('dtks_bench_access', f.get('pg')));
}

const database = createDb(url);
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-access-'));
try {
  await migrateToLatest(database);
  const c = createContainer(database, { ...loadConfig({}), dataDir, auditHmacKey: 'c7'.repeat(32) });
  const db = c.database.db;
  await c.seed.seed(systemActor('bench'), { households: 50, regionCode: '33.07', seed: 'access-log' });
  const [mine, ...rest] = await db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .select(['persons.id', 'persons.nik', 'persons.householdId', 'households.villageCode'])
    .where('persons.nik', 'is not', null)
    .orderBy('persons.id')
    .limit(40)
    .execute();
  const keys = [mine!.householdId, mine!.id];
  const offices: { id: string; role: string }[] = [];
  for (const [username, role, regionCode] of [
    ['bench-op', 'operator_desa', mine!.villageCode],
    ['bench-camat', 'kecamatan', mine!.villageCode.slice(0, 8)],
    ['bench-dinsos', 'dinsos_kab', '33.07'],
    ['bench-pusdatin', 'pusdatin', ''],
  ] as const) {
    const u = await c.users.create(systemActor('bench'), {
      username,
      role,
      regionCode,
      password: 'bench-password-123',
    });
    offices.push({ id: u.id, role });
  }
  const otherHouseholds = [...new Set(rest.map((r) => r.householdId))].filter((h) => h !== mine!.householdId);

  // The household's entries over `days` days back from now: its own reads and changes (3 in 4) and list
  // reads that returned it (1 in 4, some naming the person too); others' entries interleaved.
  const now = Date.now();
  const span = days * 86_400_000;
  const purposes = ['Pemutakhiran data', 'Penetapan', 'Daftar rumah tangga desa'];
  let seq = 0;
  const t0 = performance.now();
  const write = async (n: number, about: (i: number) => { entity: string | null; subjects: string[] }) => {
    for (let from = 0; from < n; from += 5000) {
      const log: object[] = [];
      const subjects: object[] = [];
      for (let i = from; i < Math.min(n, from + 5000); i++) {
        const who = offices[i % offices.length]!;
        const at = new Date(now - Math.floor(((i * 7919) % n) * (span / n))).toISOString();
        const { entity, subjects: subj } = about(i);
        const action = subj.length ? 'household.list' : i % 10 === 0 ? 'household.update' : 'household.read';
        const id = newId();
        const purpose = purposes[i % purposes.length]!;
        log.push(
          unsealedAuditRow({
            seq: ++seq,
            id,
            chain: 'bench',
            at,
            actorId: who.id,
            actorUsername: 'bench',
            actorRole: who.role,
            action,
            entityType: entity ? 'household' : null,
            entityId: entity,
            purpose,
          }),
        );
        for (const s of subj) {
          subjects.push({
            entityId: s,
            at,
            auditId: id,
            action,
            actorId: who.id,
            actorRole: who.role,
            purpose,
          });
        }
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, 'auditLog', log);
        await insertRows(trx, 'auditSubjects', subjects);
      });
    }
  };
  await write(entries, (i) =>
    i % 4 === 3
      ? { entity: null, subjects: i % 8 === 7 ? keys : [keys[0]!] }
      : { entity: keys[i % 2]!, subjects: [] },
  );
  await write(others, (i) =>
    i % 4 === 3
      ? { entity: null, subjects: [otherHouseholds[i % otherHouseholds.length]!] }
      : { entity: otherHouseholds[i % otherHouseholds.length]!, subjects: [] },
  );
  await sql`analyze`.execute(db);
  const fillMs = performance.now() - t0;

  // A verified account for the household's person (the service reads the account, then the registry).
  const accountId = newId();
  const stamp = new Date().toISOString();
  await db
    .insertInto('citizenAccounts')
    .values({
      id: accountId,
      nik: mine!.nik!,
      nikLive: mine!.nik!,
      kkNumber: '3307010101000001',
      fullName: 'Bench',
      address: 'Bench',
      rt: '1',
      rw: '1',
      provinceCode: '33',
      regencyCode: '33.07',
      districtCode: mine!.villageCode.slice(0, 8),
      villageCode: mine!.villageCode,
      phone: '081200000000',
      email: 'bench@example.id',
      emailLive: 'bench@example.id',
      username: 'bench-citizen',
      passwordHash: 'x',
      state: 'verified',
      contactConfirmedAt: stamp,
      decidedAt: stamp,
      decidedBy: null,
      decisionNote: null,
      ktpAttachmentId: null,
      selfieAttachmentId: null,
      version: 1,
      createdAt: stamp,
      updatedAt: stamp,
    })
    .execute();
  const session = {
    accountId,
    username: 'bench-citizen',
    state: 'verified' as const,
    villageCode: mine!.villageCode,
    ip: null,
    userAgent: null,
  };

  // Warm-up, then the first page 30 times.
  for (let i = 0; i < 5; i++) await c.citizen.accessLog(session, { limit: 20 });
  const firstPage: number[] = [];
  let first = await c.citizen.accessLog(session, { limit: 20 });
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    first = await c.citizen.accessLog(session, { limit: 20 });
    firstPage.push(performance.now() - t);
  }
  // Every page, back to the first entry.
  const pageMs: number[] = [];
  let total = 0;
  let lines = 0;
  let cursor: string | undefined;
  const tAll = performance.now();
  for (;;) {
    const t = performance.now();
    const p = await c.citizen.accessLog(session, { limit: 20, ...(cursor ? { cursor } : {}) });
    pageMs.push(performance.now() - t);
    total += p.groups.reduce((n, g) => n + g.count, 0);
    lines += p.groups.length;
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  const allMs = performance.now() - tAll;
  if (total !== entries) throw new Error(`paging counted ${total} entries, expected ${entries}`);

  const repo = new CitizenRepository();
  const mid = new Date(now - span / 2).toISOString();
  const dayBefore = new Date(now - span / 2 - 86_400_000).toISOString();
  const plan = async (q: Compilable) => {
    const cq = q.compile();
    const rows = await db.executeQuery(
      CompiledQuery.raw(`${engine === 'sqlite' ? 'explain query plan' : 'explain'} ${cq.sql}`, [
        ...cq.parameters,
      ]),
    );
    return rows.rows
      .map((r) => {
        const row = r as Record<string, unknown>;
        return String(engine === 'sqlite' ? row.detail : Object.values(row)[0]);
      })
      .join('\n');
  };
  const plans = {
    latest: await plan(repo.latestAccessQuery(db, [...keys, mine!.nik!], mid)),
    counts: await plan(repo.accessCountsQuery(db, [...keys, mine!.nik!], dayBefore, mid)),
  };
  const sorted = [...pageMs].sort((a, b) => a - b);
  const report = `# Who read my data: a household read ${fmt(entries)} times (${engine})

${machineMarkdown(m, `node bench/citizen-access-log.ts --engine ${engine} --entries ${entries} --others ${others} --days ${days}`)}

${fmt(entries)} audit entries about one household (its own rows, and list reads that returned it through
\`audit_subjects\`) spread over ${days} days, by 4 offices × 3 purposes, read or change; ${fmt(others)} entries about
other households in the same log. Filled and analysed in ${fmt(fillMs / 1000, 1)} s. Times through
\`CitizenService.accessLog\` (the route's one call; audit of the citizen's read included), in one process.

| measure | value |
| --- | --- |
| first page (20 lines), median of 30 | ${fmt(median(firstPage), 1)} ms |
| first page, slowest of 30 | ${fmt(Math.max(...firstPage), 1)} ms |
| pages to reach the first entry | ${fmt(pageMs.length)} (${fmt(lines)} lines, counts summing to ${fmt(total)}) |
| a page: median / p99 / max | ${fmt(median(pageMs), 1)} / ${fmt(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!, 1)} / ${fmt(Math.max(...pageMs), 1)} ms |
| every page, in all | ${fmt(allMs)} ms |
| first page's lines | ${first.groups.length} (${first.groups.reduce((n, g) => n + g.count, 0)} entries) |

## Plans
The latest entry before a day (one probe per record and table):
\`\`\`
${plans.latest}
\`\`\`
A day's counts:
\`\`\`
${plans.counts}
\`\`\`
`;
  writeFileSync(out, report);
  console.log(report);
  await c.close().catch(() => {});
} finally {
  await database.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
}
