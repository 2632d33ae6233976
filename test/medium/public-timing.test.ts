/**
 * Indistinguishability of the public check by timing (issue 14): a wrong name for an existing NIK must
 * take as long as a NIK that does not exist (the body is already compared byte for byte in
 * test/http/public-status.test.ts). Many interleaved samples through the service, medians compared with a
 * tolerance; the same harness run against a deliberately leaky repository — one that reads the person's
 * household before comparing the name, as a natural implementation would, costing ~a query more on the
 * existing-NIK path only — must see the difference, so the test can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PUBLIC_LIMITS } from '../../src/domain/public/abuse.ts';
import { MemoryCounterStore } from '../../src/modules/public/public.counters.ts';
import { PublicKeys } from '../../src/modules/public/public.keys.ts';
import { PublicRepository } from '../../src/modules/public/public.repository.ts';
import { PublicService } from '../../src/modules/public/public.service.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { seedDetermined } from '../support/public.ts';

const PAIRS = 400;
const WARMUP = 60;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// SQLite only: on PostgreSQL (a server process competing for the same 2 shared cores, a round trip per
// query) the medians swung by more than the effect measured, and the leaky control was not reliably told
// apart (2026-12-05, load average 15–20); two runs there also showed wrong names ~0.3 ms slower than absent
// NIKs — an open question recorded in docs/architecture.md (Known limitations). The answers' bytes are
// compared on both engines in test/http/public-status.test.ts.
for (const engine of ENGINES) {
  if (engine !== 'sqlite') continue;
  describe(`public check timing (${engine})`, () => {
    let t: TestDb;
    let existing: string[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      const households = Array.from({ length: 30 }, (_, i) => makeHousehold(PLACES.villageA, i + 1));
      await seedDetermined(t.container, '2026-11', households);
      existing = households.flatMap((h) => h.members.map((m) => m.nik));
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    const service = (repo: PublicRepository) =>
      new PublicService({
        db: t.container.database.db,
        repo,
        regions: t.container.regions,
        keys: new PublicKeys({ dataDir: '/nonexistent', publicHmacKey: 'b4'.repeat(32) }),
        counters: new MemoryCounterStore(),
        programmes: t.container.recipients,
        distribution: t.container.distribution,
        settings: {
          challenge: 'off',
          limits: { ...DEFAULT_PUBLIC_LIMITS, client: 1e9, nik: 1e9, village: 1e9 },
        },
        now: () => new Date(),
      });

    /** Median milliseconds of wrong-name checks of existing NIKs and of checks of absent NIKs. */
    async function measure(s: PublicService): Promise<{ wrong: number; absent: number }> {
      const wrong: number[] = [];
      const absent: number[] = [];
      const one = async (nik: string, into: number[] | null) => {
        const start = performance.now();
        const r = await s.check({ nik, name: 'Nama Yang Salah' }, { channel: 'web', key: '203.0.113.1' });
        const ms = performance.now() - start;
        expect(r.result).toBe('not_found');
        into?.push(ms);
      };
      for (let i = 0; i < PAIRS + WARMUP; i++) {
        const real = existing[i % existing.length]!;
        const fake = `3307014${String(100000000 + i).slice(-9)}`;
        // Alternate which goes first, so drift and caching favour neither.
        const keep = i >= WARMUP;
        if (i % 2 === 0) {
          await one(real, keep ? wrong : null);
          await one(fake, keep ? absent : null);
        } else {
          await one(fake, keep ? absent : null);
          await one(real, keep ? wrong : null);
        }
      }
      return { wrong: median(wrong), absent: median(absent) };
    }

    /** Within 12 % of the faster median, or 50 µs, whichever is larger (timer and scheduler noise). */
    const tolerance = (a: number, b: number) => Math.max(0.05, 0.12 * Math.min(a, b));

    it('a wrong name for an existing NIK takes as long as an absent NIK', async () => {
      const m = await measure(service(new PublicRepository()));
      console.log(
        `${engine}: wrong name ${m.wrong.toFixed(3)} ms, absent NIK ${m.absent.toFixed(3)} ms (medians)`,
      );
      expect(Math.abs(m.wrong - m.absent)).toBeLessThanOrEqual(tolerance(m.wrong, m.absent));
    });

    it('the same harness catches a leaky implementation', async () => {
      class LeakyRepository extends PublicRepository {
        override async personByNik(...args: Parameters<PublicRepository['personByNik']>) {
          const row = await super.personByNik(...args);
          if (row) {
            // What a natural implementation does: read the household before comparing the name.
            const [db] = args;
            await db
              .selectFrom('households')
              .selectAll()
              .where('id', '=', row.householdId)
              .executeTakeFirst();
            await db.selectFrom('persons').selectAll().where('householdId', '=', row.householdId).execute();
          }
          return row;
        }
      }
      const m = await measure(service(new LeakyRepository()));
      console.log(
        `${engine} (leaky): wrong name ${m.wrong.toFixed(3)} ms, absent NIK ${m.absent.toFixed(3)} ms`,
      );
      expect(m.wrong - m.absent).toBeGreaterThan(tolerance(m.wrong, m.absent));
    });
  });
}
