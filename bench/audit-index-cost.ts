/**
 * What each index of `audit_log` costs an audited read on SQLite: audited reads appended through the real
 * AuditService (`recordRead`, group-committed, hash-chained on the spot) in groups of `--group` concurrent
 * reads of random persons, CPU of the process per read (WAL checkpoints inline, so their page copies count),
 * with every index, then without `audit_log_entity_idx` (entity_id, seq), then without
 * `audit_log_entity_at_idx` (entity_id, at) too — the two indexes whose leaf a read of a random record lands
 * on. On a copy of the HTTP bench database (bench/lib/bench-db.ts), which is removed afterwards; the indexes
 * are dropped and rebuilt only there. A measurement of the price of those indexes, not a proposal to drop
 * them: the audit page by record and "who read my data" read through them.
 *
 *   node bench/audit-index-cost.ts [--households 100000] [--group 40] [--groups 400] [--rounds 2] [--out FILE]
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import type { Actor } from '../src/modules/access/actor.ts';
import { sample } from './lib/app-server.ts';
import { benchDatabase } from './lib/bench-db.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 100_000);
const groupSize = int(f.get('group'), 40);
const groups = int(f.get('groups'), 400);
const rounds = int(f.get('rounds'), 2);
const m = machine();
const source = await benchDatabase('sqlite', households);
const copy = 'bench/tmp/audit-index-cost.sqlite';
const exec = (statement: string) => {
  const d = new DatabaseSync(copy);
  d.exec('PRAGMA busy_timeout = 10000');
  d.exec(statement);
  d.close();
};
new DatabaseSync(source).exec('PRAGMA wal_checkpoint(TRUNCATE)');
copyFileSync(source, copy);
const persons = sample<{ id: string; villageCode: string }>(
  copy,
  'select id, village_code as villageCode from persons order by random() limit 20000',
);
const actor: Actor = {
  userId: null,
  username: 'bench-audit',
  role: 'pusdatin',
  regionCode: '',
  ip: '127.0.0.1',
  userAgent: 'bench',
  purpose: 'bench',
};

/** CPU µs of the process per audited read, after a warm-up of 50 groups. */
async function perRead(): Promise<number> {
  const database = createDb(copy, { backgroundCheckpoints: false, cacheMib: 1024 });
  const c = createContainer(database);
  let k = 0;
  const group = () =>
    Promise.all(
      Array.from({ length: groupSize }, () => {
        const p = persons[k++ % persons.length]!;
        return c.audit.recordRead(actor, {
          action: 'person.read',
          entityType: 'person',
          entityId: p.id,
          regionCode: p.villageCode,
          details: { nik: '3307014101900001' },
        });
      }),
    );
  try {
    for (let i = 0; i < 50; i++) await group();
    const t = process.cpuUsage();
    for (let i = 0; i < groups; i++) await group();
    const u = process.cpuUsage(t);
    return (u.user + u.system) / (groups * groupSize);
  } finally {
    await c.close();
  }
}

const rows: { round: number; every: number; noEntity: number; noEntityAt: number }[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const every = await perRead();
    exec('drop index audit_log_entity_idx');
    const noEntity = await perRead();
    exec('drop index audit_log_entity_at_idx');
    const noEntityAt = await perRead();
    exec('create index "audit_log_entity_idx" on "audit_log" ("entity_id", "seq")');
    exec('create index "audit_log_entity_at_idx" on "audit_log" ("entity_id", "at")');
    rows.push({ round, every, noEntity, noEntityAt });
    console.error(`round ${round}: ${fmt(every, 1)} / ${fmt(noEntity, 1)} / ${fmt(noEntityAt, 1)} µs`);
  }
} finally {
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
}
const md = [
  '## Audit indexes: CPU per audited read on SQLite',
  '',
  machineMarkdown(
    m,
    `node bench/audit-index-cost.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
  ),
  `- data: a copy of ${source} (${fmt(households)} households); ${fmt(groups)} groups of ${groupSize} concurrent \`recordRead\` of random persons per row, after 50 warm-up groups; WAL checkpoints inline (counted)`,
  '',
  '| round | every index (8 B-trees) | without entity_idx | without entity_idx and entity_at_idx |',
  '|---:|---:|---:|---:|',
  ...rows.map(
    (r) => `| ${r.round} | ${fmt(r.every, 1)} µs | ${fmt(r.noEntity, 1)} µs | ${fmt(r.noEntityAt, 1)} µs |`,
  ),
  '',
].join('\n');
console.log(md);
const out = f.get('out') ?? 'bench/tmp/audit-index-cost.md';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);
