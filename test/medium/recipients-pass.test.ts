/**
 * One pass over a regency computing several programmes (RecipientsService.computePass): each programme gets
 * the same run, candidate rows and checksum as when computed alone; a pass stopped after a committed
 * commit resumes every run from its checkpoint to the same checksums; a programme that does not apply in
 * the regency, or whose proposal may not be computed again, is skipped with why while the others are
 * computed; a pass with nothing to compute is refused before queueing. Both engines.
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statisticsBehind } from '../../src/db/bulk-insert.ts';
import type { DB, RecipientRunTable } from '../../src/db/schema/index.ts';
import { DEFAULT_PROGRAMMES, provincialElderlyAllowance } from '../../src/domain/programmes/defaults.ts';
import type { ProposalState } from '../../src/domain/recipients/proposal.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobStopped } from '../../src/modules/jobs/jobs.service.ts';
import { RecipientsRepository } from '../../src/modules/recipients/recipients.repository.ts';
import {
  type RecipientsDeps,
  RecipientsService,
  type RunContext,
} from '../../src/modules/recipients/recipients.service.ts';
import { PLACES } from '../support/app.ts';
import { createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { optOutRow, publishProgrammes, recipientsDeps, seededRankedRegency } from '../support/recipients.ts';

const PERIOD = '2026-04';
/** Two pages of 500 and a part. */
const HOUSEHOLDS = 1_130;
const actor = systemActor('test');
const NATIONAL = DEFAULT_PROGRAMMES.map((d) => d.code).sort();
/** The province's own programme applies in the regency; another province's does not. */
const OWN = provincialElderlyAllowance(PLACES.regency.slice(0, 2));
const ELSEWHERE = provincialElderlyAllowance('35');

describe.each(ENGINES)('recipients: one pass for several programmes (%s)', (engine) => {
  let t: TestDb;
  let alone: RecipientsService;
  let pass: RecipientsService;
  /** Each programme computed alone: its run id, checksum and candidate rows. */
  const expected = new Map<string, { id: string; checksum: string | null; rows: unknown[] }>();

  /** What a pass's proposals of `codes` show when each is computed as it is alone: state, checksum, households. */
  const computedAsAlone = (codes: string[]) =>
    codes.map((code) => [code, 'computed', expected.get(code)!.checksum, HOUSEHOLDS]);
  const candidates = (runId: string) =>
    t.container.database.db
      .selectFrom('recipientCandidates')
      .selectAll()
      .where('runId', '=', runId)
      .orderBy('householdId')
      .execute();
  const count = (runId: string) =>
    t.container.database.db
      .selectFrom('recipientCandidates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('runId', '=', runId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  beforeAll(async () => {
    t = await openTestDb(engine);
    const c = t.container;
    await publishProgrammes(c);
    // Each province's own programme, published by its Dinas Sosial.
    for (const doc of [OWN, ELSEWHERE]) {
      const province = doc.provinceCode!;
      const user = await createUser(c, `prov-${province}`, 'dinsos_prov', province);
      await publishProgrammes(c, [doc], {
        ...actor,
        userId: user.id,
        username: user.username,
        role: 'dinsos_prov',
        regionCode: province,
      });
    }
    const ids = await seededRankedRegency(c, {
      households: HOUSEHOLDS,
      seed: 'recipients-pass',
      period: PERIOD,
    });
    await c.wages.set(actor, { regionCode: PLACES.regency, year: 2026, monthlyAmount: 1_900_000 });
    // Opt-outs differ per programme: a pass must not carry one programme's into another's rows.
    const at = new Date().toISOString();
    await c.database.db
      .insertInto('programmeOptOuts')
      .values(
        ids
          .map((h, i) => ({ h, i }))
          .filter(({ i }) => i % 29 === 3)
          .map(({ h, i }) => optOutRow(h, NATIONAL[i % NATIONAL.length]!, at)),
      )
      .execute();
    const deps = (evaluation: RecipientsDeps['evaluation']) => recipientsDeps(c, evaluation);
    alone = new RecipientsService(deps({ threads: 0 }));
    // A commit per page of every programme: the resume test stops between two.
    pass = new RecipientsService(deps({ threads: 2, parallelMin: 0, commitRows: 500 }));
    const declared = ids.filter((_, i) => i % 101 === 7).map((h) => h.id);
    for (const code of [...NATIONAL, OWN.code]) {
      const key = { period: PERIOD, programme: code, regency: PLACES.regency };
      const first = await alone.compute(actor, key);
      // A review decision of one programme's proposal only (PKH): kept by the pass, not spread to others.
      if (code === 'PKH') {
        await c.database.db
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
              decidedAt: at,
            })),
          )
          .execute();
      }
      const view = await alone.compute(actor, key);
      expected.set(code, { id: view.id, checksum: view.checksum, rows: await candidates(view.id) });
    }
  }, 300_000);
  afterAll(async () => {
    await pass?.close();
    await t?.cleanup();
  });

  it('computes every programme applying in the regency: the runs, rows and checksums of each alone', async () => {
    const audits = () =>
      t.container.database.db
        .selectFrom('auditLog')
        .select('entityId')
        .where('action', '=', 'recipients.compute')
        .execute();
    const before = (await audits()).length;
    const result = await pass.computePass(actor, { period: PERIOD, regency: PLACES.regency });
    expect(result.skipped).toEqual([]);
    expect(result.proposals.map((p) => p.programme)).toEqual([...NATIONAL, OWN.code].sort());
    const outcomes = new Set<string>();
    for (const p of result.proposals) {
      const e = expected.get(p.programme)!;
      expect(p.state).toBe('computed');
      expect(p.id, p.programme).toBe(e.id);
      expect(p.checksum, p.programme).toBe(e.checksum);
      const rows = await candidates(p.id);
      expect(rows, p.programme).toEqual(e.rows);
      expect(p.evaluated).toBe(HOUSEHOLDS);
      for (const r of rows) outcomes.add(r.outcome);
    }
    // Not vacuous: the per-programme look-ups (opt-outs, the PKH review) shaped some rows.
    expect([...outcomes].sort()).toEqual([
      'candidate',
      'excluded',
      'ineligible',
      'not_eligible',
      'out_of_target',
    ]);
    const pkhIneligible = (expected.get('PKH')!.rows as { outcome: string }[]).filter(
      (r) => r.outcome === 'ineligible',
    );
    const bpntIneligible = (expected.get('BPNT')!.rows as { outcome: string }[]).filter(
      (r) => r.outcome === 'ineligible',
    );
    expect([pkhIneligible.length > 0, bpntIneligible.length]).toEqual([true, 0]);
    // One audit entry per run, as each computed alone gives.
    const after = await audits();
    expect(
      after
        .slice(before)
        .map((a) => a.entityId)
        .sort(),
    ).toEqual(result.proposals.map((p) => p.id).sort());
    if (engine === 'postgres') {
      // The computations that created the proposals kept PostgreSQL's count of them close enough for the
      // planner (never analyzed: -1; analyzed again once behind by a fifth and 20 rows: bulk-insert.test.ts).
      const { rows } = await sql<{ n: number }>`
        select reltuples::int as n from pg_class where relname = 'recipient_runs'`.execute(
        t.container.database.db,
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
      expect(statisticsBehind(result.proposals.length, rows[0]!.n)).toBe(false);
    }
  }, 300_000);

  it('stopped between two commits and resumed: every run of the pass continues to the same checksum', async () => {
    const key = { period: PERIOD, regency: PLACES.regency, programmes: ['PKH', 'BPNT', 'KIP_KULIAH'] };
    let saved: unknown = null;
    let checkpoints = 0;
    const stopping: RunContext = {
      resume: null,
      checkpoint: async (progress, state) => {
        // The second commit of rows (the runs' starts are checkpointed too, with nothing done).
        if (progress.done > 0 && ++checkpoints === 2) throw new JobStopped('stopping');
        saved = state;
      },
    };
    await expect(pass.computePass(actor, key, stopping)).rejects.toBeInstanceOf(JobStopped);
    expect(saved).toMatchObject({ done: 500 });
    const runs = (saved as { runs: Record<string, string> }).runs;
    expect(Object.keys(runs).sort()).toEqual(['BPNT', 'KIP_KULIAH', 'PKH']);
    for (const [code, id] of Object.entries(runs)) {
      expect(id).toBe(expected.get(code)!.id);
      // Only the committed page, of every run.
      expect(await count(id), code).toBe(500);
    }
    // A second computation while the pass's runs are fresh is refused: the job's own resume is not.
    await expect(
      alone.compute(actor, { period: PERIOD, programme: 'PKH', regency: PLACES.regency }),
    ).rejects.toMatchObject({
      code: 'recipients.invalid_transition',
    });
    let resumedFrom = -1;
    const resumed = await pass.computePass(actor, key, {
      resume: saved,
      checkpoint: async (progress) => {
        if (resumedFrom < 0) resumedFrom = progress.done;
      },
    });
    expect(resumedFrom).toBe(1000);
    expect(resumed.proposals.map((p) => [p.programme, p.state, p.checksum, p.evaluated])).toEqual(
      computedAsAlone(['BPNT', 'KIP_KULIAH', 'PKH']),
    );
  }, 300_000);

  it('failed before its first commit and retried: the retry takes back the runs the first attempt started', async () => {
    const key = { period: PERIOD, regency: PLACES.regency, programmes: ['PKH', 'BPNT', 'KIP_KULIAH'] };
    // What the job keeps: the state of the last checkpoint that committed (its transaction's).
    let saved: unknown = null;
    const failing: RunContext = {
      resume: null,
      checkpoint: async (progress, state) => {
        // The first page's commit fails (a lost connection): that transaction rolls back.
        if (progress.done > 0) throw new Error('connection lost');
        if (state !== undefined) saved = state;
      },
    };
    await expect(pass.computePass(actor, key, failing)).rejects.toThrow('connection lost');
    // The worker retries an unexpected failure from the last committed checkpoint, minutes later at most.
    const retried = await pass.computePass(actor, key, {
      resume: saved,
      checkpoint: async () => {},
    });
    expect(retried.skipped).toEqual([]);
    expect(retried.proposals.map((p) => [p.programme, p.state, p.checksum, p.evaluated])).toEqual(
      computedAsAlone(['BPNT', 'KIP_KULIAH', 'PKH']),
    );
    for (const code of ['BPNT', 'KIP_KULIAH', 'PKH']) {
      expect(await count(expected.get(code)!.id), code).toBe(HOUSEHOLDS);
    }
  }, 300_000);

  it('a job resumed after its runs were taken over (idle 10 minutes) leaves them to the computation that took them', async () => {
    const db = t.container.database.db;
    const programmes = ['PKH', 'BPNT', 'KIP_KULIAH'];
    const key = { period: PERIOD, regency: PLACES.regency, programmes };
    const ids = programmes.map((code) => expected.get(code)!.id);
    /** A computation stopped at its `n`th commit of rows: the state of its last committed checkpoint. */
    const stoppedAt = async (n: number) => {
      let saved: unknown = null;
      let commits = 0;
      await expect(
        pass.computePass(actor, key, {
          resume: null,
          checkpoint: async (progress, state) => {
            if (progress.done > 0 && ++commits === n) throw new JobStopped('stopping');
            if (state !== undefined) saved = state;
          },
        }),
      ).rejects.toBeInstanceOf(JobStopped);
      return saved;
    };
    const idle = () =>
      db
        .updateTable('recipientRuns')
        .set({ updatedAt: new Date(Date.now() - 11 * 60_000).toISOString() })
        .where('id', 'in', ids)
        .execute();
    // The first job commits two pages, then waits in the queue for more than 10 minutes.
    const first = await stoppedAt(3);
    expect(first).toMatchObject({ done: 1000 });
    await idle();
    // Another computation takes the idle runs (as allowed) and is under way: its first page not yet committed.
    const second = await stoppedAt(1);
    expect(second).toMatchObject({ after: null, done: 0 });
    for (const id of ids) expect(await count(id)).toBe(0);
    // The first job comes back: the runs are no longer its own, and are being computed.
    const resumed = await pass.computePass(actor, key, { resume: first, checkpoint: async () => {} });
    expect(resumed.proposals).toEqual([]);
    expect(resumed.skipped.map((s) => [s.programme, s.code])).toEqual(
      ['BPNT', 'KIP_KULIAH', 'PKH'].map((code) => [code, 'recipients.invalid_transition']),
    );
    for (const id of ids) expect(await count(id)).toBe(0);
    // The second job resumes its own runs to the same checksums.
    const own = await pass.computePass(actor, key, { resume: second, checkpoint: async () => {} });
    expect(own.proposals.map((p) => [p.programme, p.state, p.checksum, p.evaluated])).toEqual(
      computedAsAlone(['BPNT', 'KIP_KULIAH', 'PKH']),
    );
  }, 300_000);

  it('skips a programme of another province and a submitted proposal, with why; computes the others', async () => {
    const c = t.container;
    const pbi = expected.get('PBI_JK')!.id;
    await c.recipients.submit(actor, pbi);
    const result = await pass.computePass(actor, {
      period: PERIOD,
      regency: PLACES.regency,
      programmes: [ELSEWHERE.code, 'PBI_JK', 'BPNT'],
    });
    expect(result.proposals.map((p) => [p.programme, p.checksum])).toEqual([
      ['BPNT', expected.get('BPNT')!.checksum],
    ]);
    expect(result.skipped.map((s) => [s.programme, s.code])).toEqual([
      [ELSEWHERE.code, 'recipients.programme_elsewhere'],
      ['PBI_JK', 'recipients.invalid_transition'],
    ]);
    expect(result.skipped[1]!.text.en).toContain('submitted');
    expect((await c.recipients.proposal(actor, pbi)).state).toBe('submitted');
    // Alone, the same programmes keep their refusals.
    await expect(
      pass.compute(actor, { period: PERIOD, programme: ELSEWHERE.code, regency: PLACES.regency }),
    ).rejects.toMatchObject({ code: 'recipients.programme_elsewhere', issues: [{ field: 'programme' }] });
    await expect(
      pass.compute(actor, { period: PERIOD, programme: 'PBI_JK', regency: PLACES.regency }),
    ).rejects.toMatchObject({ code: 'recipients.invalid_transition' });
    // Nothing left to compute: refused before queueing, naming why for each.
    await expect(
      pass.checkPass(actor, {
        period: PERIOD,
        regency: PLACES.regency,
        programmes: [ELSEWHERE.code, 'PBI_JK'],
      }),
    ).rejects.toMatchObject({ code: 'recipients.nothing_to_compute', status: 409 });
    // An unknown programme is bad input, not a skip.
    await expect(
      pass.checkPass(actor, { period: PERIOD, regency: PLACES.regency, programmes: ['BPNT', 'NOPE'] }),
    ).rejects.toMatchObject({ issues: [{ field: 'programmes.1', code: 'recipients.unknown_programme' }] });
  }, 300_000);

  it('a run whose finish conflicts is reported, and the pass still finishes its other runs', async () => {
    const db = t.container.database.db;
    const programmes = ['BPNT', 'KIP_KULIAH', 'PKH'];
    const bpnt = expected.get('BPNT')!.id;
    const result = await pass.computePass(
      actor,
      { period: PERIOD, regency: PLACES.regency, programmes },
      {
        resume: null,
        checkpoint: async (progress, _state, trx) => {
          // With the last rows: BPNT's run is moved on meanwhile (another computation finished it).
          if (progress.done === HOUSEHOLDS && trx) {
            await trx
              .updateTable('recipientRuns')
              .set((eb) => ({ state: 'computed', version: eb('version', '+', 1) }))
              .where('id', '=', bpnt)
              .execute();
          }
        },
      },
    );
    expect(result.skipped.map((s) => [s.programme, s.code])).toEqual([
      ['BPNT', 'recipients.invalid_transition'],
    ]);
    expect(result.proposals.map((p) => [p.programme, p.state, p.checksum])).toEqual(
      ['KIP_KULIAH', 'PKH'].map((code) => [code, 'computed', expected.get(code)!.checksum]),
    );
    const states = await db
      .selectFrom('recipientRuns')
      .select(['programmeCode', 'state'])
      .where(
        'id',
        'in',
        programmes.map((code) => expected.get(code)!.id),
      )
      .orderBy('programmeCode')
      .execute();
    expect(states.map((r) => [r.programmeCode, r.state])).toEqual(
      programmes.map((code) => [code, 'computed']),
    );
  }, 300_000);

  /** The run's row as a takeover leaves it: still `computing`, a later version, its `computedAt` and `updatedAt` now. */
  const takeOver = async (trx: Kysely<DB>, runId: string) => {
    const at = new Date().toISOString();
    await trx
      .updateTable('recipientRuns')
      .set((eb) => ({ state: 'computing', version: eb('version', '+', 1), computedAt: at, updatedAt: at }))
      .where('id', '=', runId)
      .execute();
    await trx.deleteFrom('recipientCandidates').where('runId', '=', runId).execute();
    return trx.selectFrom('recipientRuns').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  };
  const computeAudits = (runId: string) =>
    t.container.database.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'recipients.compute')
      .where('entityId', '=', runId)
      .execute()
      .then((r) => r.length);

  it('a run taken over between its last rows and its finish is not finished by this pass, which says so', async () => {
    const db = t.container.database.db;
    const bpnt = expected.get('BPNT')!.id;
    const auditsBefore = await computeAudits(bpnt);
    let taken: unknown = null;
    const result = await pass.computePass(
      actor,
      { period: PERIOD, regency: PLACES.regency, programmes: ['BPNT', 'KIP_KULIAH'] },
      {
        resume: null,
        checkpoint: async (progress, _state, trx) => {
          // With the last rows committed, another computation takes BPNT's run over (as after 10 minutes idle).
          if (progress.done === HOUSEHOLDS && trx) taken = await takeOver(trx, bpnt);
        },
      },
    );
    expect(result.skipped.map((s) => [s.programme, s.code])).toEqual([['BPNT', 'recipients.taken_over']]);
    expect(result.skipped[0]!.text.en).toContain('taken over');
    expect(result.proposals.map((p) => [p.programme, p.state, p.checksum])).toEqual([
      ['KIP_KULIAH', 'computed', expected.get('KIP_KULIAH')!.checksum],
    ]);
    // The run is exactly as the computation that took it left it: not finished with this pass's counts.
    expect(
      await db.selectFrom('recipientRuns').selectAll().where('id', '=', bpnt).executeTakeFirst(),
    ).toEqual(taken);
    expect(await computeAudits(bpnt)).toBe(auditsBefore);
  }, 300_000);

  it('a run taken over while the pass runs gets none of its later rows', async () => {
    const kip = expected.get('KIP_KULIAH')!.id;
    const result = await pass.computePass(
      actor,
      { period: PERIOD, regency: PLACES.regency, programmes: ['KIP_KULIAH', 'PKH'] },
      {
        resume: null,
        checkpoint: async (progress, _state, trx) => {
          // After the first page's commit: the taking computation deleted the run's rows and writes its own.
          if (progress.done === 500 && trx) await takeOver(trx, kip);
        },
      },
    );
    expect(result.skipped.map((s) => [s.programme, s.code])).toEqual([
      ['KIP_KULIAH', 'recipients.taken_over'],
    ]);
    expect(result.proposals.map((p) => [p.programme, p.state, p.checksum, p.evaluated])).toEqual(
      computedAsAlone(['PKH']),
    );
    // The pass's next two pages went to PKH only.
    expect(await count(kip)).toBe(0);
    expect(await count(expected.get('PKH')!.id)).toBe(HOUSEHOLDS);
  }, 300_000);

  /**
   * A recipients service whose repository runs `between` when a run is about to be moved to `computing`
   * (after the service read it): another step or computation racing with it.
   */
  const racingService = (
    between: (
      db: Kysely<DB>,
      id: string,
      from: { state: ProposalState; version: number },
      repo: RecipientsRepository,
    ) => Promise<void>,
  ) => {
    class Racing extends RecipientsRepository {
      override async updateRun(
        db: Kysely<DB>,
        id: string,
        from: { state: ProposalState; version: number },
        set: Partial<RecipientRunTable>,
        unchangedSince?: string,
      ): Promise<boolean> {
        if (set.state === 'computing') await between(db, id, from, this);
        return super.updateRun(db, id, from, set, unchangedSince);
      }
    }
    const c = t.container;
    return new RecipientsService({
      ...recipientsDeps(c, { threads: 0 }),
      repo: new Racing(c.database.engine),
    });
  };

  it('computing again deletes no rows when another step moved the run on first', async () => {
    const pkh = expected.get('PKH')!.id;
    // Between reading the run and moving it to `computing`, the proposal is submitted.
    const racing = racingService(async (db, id, from) => {
      if (id === pkh && from.state === 'computed') {
        await db
          .updateTable('recipientRuns')
          .set({ state: 'submitted', version: from.version + 1 })
          .where('id', '=', id)
          .execute();
      }
    });
    await expect(
      racing.compute(actor, { period: PERIOD, programme: 'PKH', regency: PLACES.regency }),
    ).rejects.toMatchObject({ code: 'recipients.invalid_transition', extra: { currentState: 'submitted' } });
    expect(await count(pkh)).toBe(HOUSEHOLDS);
  }, 300_000);

  it('does not take over an idle-looking run when its computation showed life after it was read', async () => {
    const c = t.container;
    const pkh = expected.get('PKH')!.id;
    // PKH's run looks abandoned: computing, last seen long ago.
    await c.database.db
      .updateTable('recipientRuns')
      .set({ state: 'computing', updatedAt: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', pkh)
      .execute();
    // Between reading the run and taking it over, its computation commits a page (`touchRuns`).
    const racing = racingService(async (db, id, from, repo) => {
      if (id === pkh && from.state === 'computing') {
        await repo.touchRuns(db, [{ id, version: from.version }], c.config.now().toISOString());
      }
    });
    await expect(
      racing.compute(actor, { period: PERIOD, programme: 'PKH', regency: PLACES.regency }),
    ).rejects.toMatchObject({ code: 'recipients.invalid_transition', extra: { currentState: 'computing' } });
    // The live computation's rows are still there.
    expect(await count(pkh)).toBe(HOUSEHOLDS);
  }, 300_000);

  if (engine === 'postgres')
    it('a pass into emptied and vacuumed candidates leaves the planner their count: "why stopped" by keys', async () => {
      const db = t.container.database.db;
      const belief = async () =>
        (
          await sql<{ tuples: number; pages: number }>`
            select reltuples::int as tuples, relpages as pages from pg_class
            where relname = 'recipient_candidates'`.execute(db)
        ).rows[0]!;
      // As a benchmark or an operator leaves it: rows deleted, the table vacuumed (its pages kept), autovacuum
      // off or not yet come — the planner then takes the table for empty whatever comes back into its pages.
      await db.deleteFrom('recipientCandidates').execute();
      await sql`vacuum (analyze, truncate false) recipient_candidates`.execute(db);
      // Whatever the tests before left them in, the two proposals may be computed again.
      await db
        .updateTable('recipientRuns')
        .set((eb) => ({ state: 'computed', version: eb('version', '+', 1) }))
        .where('programmeCode', 'in', ['BPNT', 'KIP_KULIAH'])
        .execute();
      expect(await belief()).toMatchObject({ tuples: 0 });
      expect((await belief()).pages).toBeGreaterThan(0);
      const result = await pass.computePass(actor, {
        period: PERIOD,
        regency: PLACES.regency,
        programmes: ['BPNT', 'KIP_KULIAH'],
      });
      expect(result.proposals.map((p) => [p.programme, p.state])).toEqual([
        ['BPNT', 'computed'],
        ['KIP_KULIAH', 'computed'],
      ]);
      // Analyzed after the pass's rows: the planner counts them.
      expect((await belief()).tuples).toBeGreaterThanOrEqual(2 * HOUSEHOLDS);
      const ids = await db
        .selectFrom('snapshotHouseholds')
        .select('householdId')
        .where('period', '=', PERIOD)
        .limit(100)
        .execute();
      const q = new RecipientsRepository(t.container.database.engine)
        .evaluationsInQuery(
          db,
          { period: PERIOD, programmeCode: 'BPNT' },
          null,
          ids.map((r) => r.householdId),
        )
        .compile();
      const plan = await db.executeQuery<Record<string, string>>(
        CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
      );
      const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
      // Each household's row found by the whole primary key, not the table walked for it.
      expect(text).toMatch(/Index Cond: \(\(run_id = r\.id\) AND \(household_id = s\.household_id\)\)/);
    }, 300_000);
});
