/**
 * Computing a proposal on the evaluation threads gives exactly what the job's own thread gives: the same
 * candidate rows and checksum for every programme, also when the threaded computation is stopped after a
 * committed page and resumed from its checkpoint (as a job taken over is) — and when the threads read the
 * households' version snapshots on connections of their own (the job's thread then reads none). Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMMES } from '../../src/domain/programmes/defaults.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobStopped } from '../../src/modules/jobs/jobs.service.ts';
import {
  type RecipientsDeps,
  RecipientsService,
  type RunContext,
} from '../../src/modules/recipients/recipients.service.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { optOutRow, publishProgrammes, recipientsDeps, seededRankedRegency } from '../support/recipients.ts';

const PERIOD = '2026-04';
/** Three pages of 500 and a part. */
const HOUSEHOLDS = 1_260;
const actor = systemActor('test');

describe.each(ENGINES)('recipients evaluated on threads (%s)', (engine) => {
  let t: TestDb;
  let serial: RecipientsService;
  let threaded: RecipientsService;
  /** On threads reading the snapshots themselves; the households whose snapshots the job's thread read. */
  let reading: RecipientsService;
  const jobReads = { threaded: 0, reading: 0 };
  /** Declared ineligible in each proposal's review. */
  let declared: string[] = [];

  beforeAll(async () => {
    t = await openTestDb(engine);
    const c = t.container;
    await publishProgrammes(c);
    const ids = await seededRankedRegency(c, {
      households: HOUSEHOLDS,
      seed: 'recipients-threads',
      period: PERIOD,
    });
    const deps = (evaluation: RecipientsDeps['evaluation'], count?: keyof typeof jobReads) => {
      const d = recipientsDeps(c, evaluation);
      const read = d.repo.snapshotsOf.bind(d.repo);
      d.repo.snapshotsOf = (db, keys) => {
        if (count) jobReads[count] += keys.length;
        return read(db, keys);
      };
      return d;
    };
    // Every input of the evaluation present: the regency's UMK (MIN_WAGE), opt-outs (OPTED_OUT).
    await c.wages.set(actor, { regionCode: PLACES.regency, year: 2026, monthlyAmount: 1_900_000 });
    const at = new Date().toISOString();
    await c.database.db
      .insertInto('programmeOptOuts')
      .values(
        ids
          .filter((_, i) => i % 37 === 3)
          .flatMap((h) => DEFAULT_PROGRAMMES.map((d) => optOutRow(h, d.code, at))),
      )
      .execute();
    declared = ids.filter((_, i) => i % 101 === 7).map((h) => h.id);
    serial = new RecipientsService(deps({ threads: 0 }));
    // A commit per page: the resume test stops between two.
    threaded = new RecipientsService(deps({ threads: 2, parallelMin: 0, commitRows: 500 }, 'threaded'));
    const source = c.database.readerUrl;
    expect(source).toBeDefined();
    reading = new RecipientsService(deps({ threads: 2, parallelMin: 0, commitRows: 500, source }, 'reading'));
  }, 300_000);
  afterAll(async () => {
    await threaded?.close();
    await reading?.close();
    await t?.cleanup();
  });

  const candidates = (runId: string) =>
    t.container.database.db
      .selectFrom('recipientCandidates')
      .selectAll()
      .where('runId', '=', runId)
      .orderBy('householdId')
      .execute();

  it('gives the serial candidates and checksum for every programme', async () => {
    const seen: string[] = [];
    for (const doc of DEFAULT_PROGRAMMES) {
      const key = { period: PERIOD, programme: doc.code, regency: PLACES.regency };
      const first = await serial.compute(actor, key);
      await t.container.database.db
        .insertInto('recipientDecisions')
        .values(
          declared.map((householdId) => ({
            id: newId(),
            runId: first.id,
            householdId,
            decision: 'ineligible' as const,
            reason: 'test',
            evidence: null,
            decidedBy: null,
            decidedAt: new Date().toISOString(),
          })),
        )
        .execute();
      const one = await serial.compute(actor, key);
      const rowsOne = await candidates(one.id);
      seen.push(...rowsOne.map((r) => r.outcome), ...rowsOne.flatMap((r) => JSON.parse(r.codes)));
      const two = await threaded.compute(actor, key);
      expect(two.id).toBe(one.id);
      expect(rowsOne).toHaveLength(HOUSEHOLDS);
      expect(two.checksum, doc.code).toBe(one.checksum);
      expect(await candidates(two.id), doc.code).toEqual(rowsOne);
      expect({ ...two, computedAt: 0 }).toEqual({ ...one, computedAt: 0, version: two.version });
      const three = await reading.compute(actor, key);
      expect(three.checksum, doc.code).toBe(one.checksum);
      expect(await candidates(three.id), doc.code).toEqual(rowsOne);
      expect({ ...three, computedAt: 0 }).toEqual({ ...one, computedAt: 0, version: three.version });
    }
    // The threads read the snapshots themselves: the job's thread none (without a source, every one).
    expect(jobReads).toEqual({ threaded: HOUSEHOLDS * DEFAULT_PROGRAMMES.length, reading: 0 });
    // Not vacuous: every kind of outcome and the exclusions fed by each look-up occur.
    for (const what of ['candidate', 'excluded', 'ineligible', 'OPTED_OUT', 'MIN_WAGE', 'EMPLOYER']) {
      expect(seen, what).toContain(what);
    }
  }, 300_000);

  it('stopped after a committed page and resumed on threads (reading the snapshots): the same checksum', async () => {
    const key = { period: PERIOD, programme: 'PKH', regency: PLACES.regency };
    const expected = await serial.compute(actor, key);
    let saved: unknown = null;
    let checkpoints = 0;
    const stopping: RunContext = {
      resume: null,
      checkpoint: async (progress, state) => {
        // The second commit of rows (the run's start is checkpointed too, with nothing done).
        if (progress.done > 0 && ++checkpoints === 2) throw new JobStopped('stopping');
        saved = state;
      },
    };
    await expect(threaded.compute(actor, key, stopping)).rejects.toBeInstanceOf(JobStopped);
    expect(saved).toMatchObject({ done: 500 });
    expect(
      await t.container.database.db
        .selectFrom('recipientCandidates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('runId', '=', expected.id)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ).toBe(500);
    // Resumed on threads that read the snapshots themselves: the same rows either way.
    const resumed = await reading.compute(actor, key, { resume: saved, checkpoint: async () => {} });
    expect(resumed.state).toBe('computed');
    expect(resumed.checksum).toBe(expected.checksum);
    expect(resumed.evaluated).toBe(HOUSEHOLDS);
  }, 300_000);
});
