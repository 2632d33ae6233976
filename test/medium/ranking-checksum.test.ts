/**
 * One ranking, whatever the engine: the same synthetic households (the seed service's generator, fixed ids)
 * written as a determined period's snapshot on every engine this run covers, ranked by `dtks rank --period
 * --json` in its own process, answer one checksum — and it is the checksum the pure domain functions give
 * (scores, BPS criteria, `deciles()` per nation, province and regency), so the SQL decile cuts, the stored
 * scores and their order are checked on SQLite alone as well as across SQLite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../../src/db/version-snapshot.ts';
import { criteria14 } from '../../src/domain/ranking/criteria14.ts';
import { deciles } from '../../src/domain/ranking/deciles.ts';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
import type { RankedHousehold } from '../../src/domain/ranking/household-input.ts';
import { scoreHousehold } from '../../src/domain/ranking/score.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { periodEnd } from '../../src/modules/ranking/ranking.service.ts';
import { runDtks } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';
const NOW = '2026-03-31T10:00:00.000Z';

interface Stored {
  id: string;
  village: string;
  snapshot: RankedHousehold;
}

/** A fixed id per household (UUID shape, so PostgreSQL stores it as one), in the same order on both engines. */
const idOf = (n: number, kind: 'h' | 'm' | 'v') =>
  `0190f000-0000-7${{ h: '0', m: '1', v: '2' }[kind]}00-8000-${n.toString(16).padStart(12, '0')}`;

/** 320 households of Jawa Tengah (regencies large and tiny, ties of identical answers) and 80 nationwide. */
async function households(t: TestDb): Promise<Stored[]> {
  const out: Stored[] = [];
  let member = 0;
  const add = (chunk: HouseholdCreate[]) => {
    for (const input of chunk) {
      const { reason: _r, confirmWarnings: _c, ...h } = input;
      const id = idOf(out.length, 'h');
      const snapshot = {
        id,
        ...h,
        status: 'active',
        version: 1,
        members: h.members.map((m) => ({ id: idOf(member++, 'm'), ...m, status: 'active', version: 1 })),
      } as RankedHousehold;
      out.push({ id, village: h.regionCode, snapshot });
    }
  };
  for (const [regionCode, n, seed] of [
    ['33', 320, 'checksum-jateng'],
    ['', 80, 'checksum-nation'],
  ] as const) {
    for await (const chunk of t.container.seed.generate({
      households: n,
      regionCode,
      seed,
      asOf: periodEnd(PERIOD),
    })) {
      add(chunk);
    }
  }
  // Two exact copies of earlier households in the same village: equal scores that must share a decile.
  for (const k of [3, 4]) {
    const src = out[k]!;
    const id = idOf(out.length, 'h');
    out.push({ id, village: src.village, snapshot: { ...src.snapshot, id } });
  }
  return out;
}

/** The run's checksum computed from the pure domain functions: what every engine must answer. */
function referenceChecksum(stored: readonly Stored[]): string {
  const asOf = periodEnd(PERIOD);
  const scores = stored.map((s) => scoreHousehold(DEFAULT_MODEL, s.snapshot, asOf).score);
  const scoped = (key: (s: Stored) => string) => {
    const groups = new Map<string, number[]>();
    stored.forEach((s, i) => {
      const g = groups.get(key(s)) ?? [];
      g.push(i);
      groups.set(key(s), g);
    });
    const out = new Array<number>(stored.length);
    for (const idx of groups.values()) {
      const d = deciles(idx.map((i) => scores[i]!));
      idx.forEach((i, j) => {
        out[i] = d[j]!;
      });
    }
    return out;
  };
  const national = scoped(() => '');
  const province = scoped((s) => s.village.slice(0, 2));
  const regency = scoped((s) => s.village.slice(0, 5));
  const order = stored.map((_, i) => i).sort((a, b) => (stored[a]!.id < stored[b]!.id ? -1 : 1));
  const hash = createHash('sha256');
  for (const i of order) {
    const s = stored[i]!;
    hash.update(
      `${s.id}:${scores[i]}:${criteria14(s.snapshot).count}:${national[i]}:${province[i]}:${regency[i]}\n`,
    );
  }
  return hash.digest('hex');
}

describe('dtks rank --json: one checksum on every engine, the one the domain functions give', () => {
  const dbs = new Map<string, TestDb>();
  const checksums = new Map<string, string>();
  let dir: string;
  let stored: Stored[];
  let reference: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dtks-rank-checksum-'));
    for (const engine of ENGINES) dbs.set(engine, await openTestDb(engine));
    stored = await households(dbs.get('sqlite')!);
    reference = referenceChecksum(stored);
  }, 120_000);

  afterAll(async () => {
    for (const t of dbs.values()) await t.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const engine of ENGINES) {
    it(`${engine}: ranks the period to the reference checksum, and again to the same`, async () => {
      const t = dbs.get(engine)!;
      const db = t.container.database.db;
      await db
        .insertInto('periods')
        .values({ period: PERIOD, state: 'determined', createdAt: NOW } as never)
        .execute();
      // Written in reverse id order on PostgreSQL, so the result cannot lean on insertion order.
      const rows = engine === 'postgres' ? [...stored].reverse() : stored;
      await db.transaction().execute(async (trx) => {
        for (const s of rows) {
          await trx
            .insertInto('snapshotHouseholds')
            .values({
              period: PERIOD,
              householdId: s.id,
              provinceCode: s.village.slice(0, 2),
              regencyCode: s.village.slice(0, 5),
              villageCode: s.village,
              version: 1,
              memberCount: s.snapshot.members.length,
            })
            .execute();
          await trx
            .insertInto('recordVersions')
            .values({
              id: idOf(stored.indexOf(s), 'v'),
              entityType: 'household',
              entityId: s.id,
              provinceCode: s.village.slice(0, 2),
              villageCode: s.village,
              version: 1,
              changeType: 'create',
              reason: null,
              snapshot: encodeSnapshot(s.snapshot),
              changedBy: null,
              changedAt: NOW,
            })
            .execute();
        }
      });
      const system = systemActor('test');
      await t.container.ranking.uploadModel(system, DEFAULT_MODEL);
      await t.container.ranking.publishModel(system, DEFAULT_MODEL.version);

      const dtks = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });
      const first = await dtks('rank', '--period', PERIOD, '--json');
      expect(first.code, first.stderr).toBe(0);
      const summary = JSON.parse(first.stdout);
      expect(summary).toEqual({
        period: PERIOD,
        modelVersion: DEFAULT_MODEL.version,
        households: stored.length,
        checksum: reference,
      });
      const again = await dtks('rank', '--period', PERIOD, '--json');
      expect(JSON.parse(again.stdout)).toEqual(summary);
      checksums.set(engine, summary.checksum);
    }, 240_000);
  }

  if (ENGINES.includes('postgres')) {
    it('SQLite and PostgreSQL answered the same checksum', () => {
      expect(checksums.get('postgres')).toBe(checksums.get('sqlite'));
      expect(checksums.size).toBe(2);
    });
  }
});
