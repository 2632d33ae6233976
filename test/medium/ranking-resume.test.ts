/**
 * The ranking job's crash semantics on every engine: a worker killed with SIGKILL while it writes a period's
 * results leaves exactly the pages its last committed checkpoint covers (PostgreSQL writes two pages at once,
 * each committed only after the one before it); another worker resumes after them and the stored rows are
 * every household once, with the numbers the job's checksum was taken over.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../src/db/bulk-insert.ts';
import type { RecordVersionTable, SnapshotHouseholdTable } from '../../src/db/schema/index.ts';
import { encodeSnapshot } from '../../src/db/version-snapshot.ts';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { RANKING_RANK } from '../../src/modules/ranking/ranking.jobs.ts';
import { periodEnd } from '../../src/modules/ranking/ranking.service.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';
const NOW = '2026-03-31T10:00:00.000Z';
/** Three result pages of the job (5,000 rows each, the last one shorter). */
const N = 12_500;
const system = systemActor('test');

/** A determined period of N generated households: its snapshot rows and version snapshots, in bulk. */
async function seedPeriod(t: TestDb): Promise<void> {
  const db = t.container.database.db;
  await db
    .insertInto('periods')
    .values({ period: PERIOD, state: 'determined', createdAt: NOW } as never)
    .execute();
  for await (const chunk of t.container.seed.generate({
    households: N,
    regionCode: '33',
    seed: 'ranking-resume',
    asOf: periodEnd(PERIOD),
    chunkSize: 2500,
  })) {
    const snapshots: SnapshotHouseholdTable[] = [];
    const versions: RecordVersionTable[] = [];
    for (const input of chunk) {
      const { reason: _r, confirmWarnings: _c, ...h } = input;
      const id = newId();
      const village = h.regionCode;
      const members = h.members.map((m) => ({ id: newId(), ...m, status: 'active', version: 1 }));
      snapshots.push({
        period: PERIOD,
        householdId: id,
        provinceCode: village.slice(0, 2),
        regencyCode: village.slice(0, 5),
        villageCode: village,
        version: 1,
        memberCount: members.length,
      });
      versions.push({
        id: newId(),
        entityType: 'household',
        entityId: id,
        provinceCode: village.slice(0, 2),
        villageCode: village,
        version: 1,
        changeType: 'create',
        reason: null,
        snapshot: encodeSnapshot({ id, ...h, status: 'active', version: 1, members }),
        changedBy: null,
        changedAt: NOW,
      });
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'snapshotHouseholds', snapshots);
      await insertRows(trx, 'recordVersions', versions);
    });
  }
  await t.container.ranking.uploadModel(system, DEFAULT_MODEL);
  await t.container.ranking.publishModel(system, DEFAULT_MODEL.version);
}

/** Runs a worker child on the database until it has reached `checkpoints` checkpoints, then kills it with SIGKILL. */
async function killMidJob(t: TestDb, checkpoints: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [resolve(import.meta.dirname, '../support/job-worker-child.ts'), t.url, t.container.config.dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let seen = 0;
  await new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString().split('checkpoint').length - 1;
      if (seen >= checkpoints) done();
    });
    child.on('exit', (code) => fail(new Error(`child ended first (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('close', r));
}

/** The stored results, as the job's checksum lines, in household id order. */
async function storedChecksum(t: TestDb): Promise<{ rows: number; distinct: number; checksum: string }> {
  const rows = await t.container.database.db
    .selectFrom('rankingResults')
    .selectAll()
    .where('period', '=', PERIOD)
    .execute();
  rows.sort((a, b) => (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0));
  const hash = createHash('sha256');
  for (const r of rows) {
    hash.update(
      `${r.householdId}:${r.score}:${r.criteria14}:${r.decileNational}:${r.decileProvince}:${r.decileRegency}\n`,
    );
  }
  return {
    rows: rows.length,
    distinct: new Set(rows.map((r) => r.householdId)).size,
    checksum: hash.digest('hex'),
  };
}

for (const engine of ENGINES) {
  describe(`ranking job killed while writing its results (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb(engine);
      await seedPeriod(t);
    }, 240_000);
    afterAll(async () => {
      await t?.cleanup();
    });

    it('keeps exactly the pages its checkpoint covers; the resumed run writes the rest once, to its checksum', async () => {
      const c = t.container;
      const job = await c.jobs.enqueue(system, RANKING_RANK, { period: PERIOD });
      // Checkpoints: scored (1), deciles cut (1), then one per result page: killed after the second page's.
      await killMidJob(t, 4);
      const killed = await c.jobs.get(system, job.id);
      expect(killed.state).toBe('running');
      expect(killed.progress.phase).toBe('deciles');
      const partial = await storedChecksum(t);
      // The committed rows are the pages the committed checkpoint counts, no more, no fewer.
      expect(partial.rows).toBe(killed.progress.done);
      expect([5000, 10_000]).toContain(partial.rows);

      await new Promise((r) => setTimeout(r, 1100)); // the child's lease (1 s) runs out
      expect(await new JobWorker(c.jobs).runOne()).toBe(true);
      const v = await c.jobs.get(system, job.id);
      expect(v).toMatchObject({ state: 'done', attempts: 2, progress: { done: N, total: N } });
      const summary = v.result as { households: number; checksum: string };
      expect(summary.households).toBe(N);
      const stored = await storedChecksum(t);
      expect(stored).toEqual({ rows: N, distinct: N, checksum: summary.checksum });
      // And the job answers the same when asked to rank the period again.
      expect(await c.ranking.rank(system, { period: PERIOD })).toEqual(summary);
    }, 240_000);
  });
}
