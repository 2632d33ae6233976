import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGENCY, demoAccounts } from '../../src/cli/demo.ts';
import { seedDemoCitizens } from '../../src/cli/demo-citizens.ts';
import { DEMO_DUPLICATE_HEADS } from '../../src/cli/demo-duplicates.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import type { Container } from '../../src/container.ts';
import { isKelurahan } from '../../src/domain/cycle/musdes.ts';
import { localDate, shiftPeriod } from '../../src/domain/cycle/period.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

/** The demo register content without ids or timestamps: comparable across two fresh databases. */
async function registerContent(c: Container) {
  const db = c.database.db;
  const ppks = await db
    .selectFrom('ppks')
    .select(['id', 'nik', 'name', 'sex', 'birthDate', 'villageCode', 'regencyCode', 'personId', 'status'])
    .execute();
  const categories = await db
    .selectFrom('ppksCategories')
    .select(['ppksId', 'category', 'startDate', 'endDate'])
    .execute();
  const psks = await db
    .selectFrom('psks')
    .select([
      'kind',
      'name',
      'nik',
      'villageCode',
      'regencyCode',
      'phone',
      'email',
      'isInstitution',
      'status',
    ])
    .execute();
  const ppksContent = ppks
    .map(({ id, ...p }) => ({
      ...p,
      linked: p.personId !== null,
      personId: undefined,
      categories: categories
        .filter((k) => k.ppksId === id)
        .map((k) => `${k.category} ${k.startDate} ${k.endDate ?? ''}`)
        .sort(),
    }))
    .sort((a, b) => `${a.nik} ${a.name}`.localeCompare(`${b.nik} ${b.name}`));
  const psksContent = psks
    .map((p) => ({ ...p, isInstitution: Number(p.isInstitution) }))
    .sort((a, b) => `${a.kind} ${a.name}`.localeCompare(`${b.kind} ${b.name}`));
  return { ppks: ppksContent, psks: psksContent };
}

async function counts(c: Container) {
  const count = async (table: 'ppks' | 'ppksCategories' | 'psks') =>
    Number(
      (
        await c.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    ...(await rowCounts(c)),
    ppks: await count('ppks'),
    ppksCategories: await count('ppksCategories'),
    psks: await count('psks'),
  };
}

/** A demo account as the services see it (with its user id), optionally on a screen's purpose. */
async function demoActor(c: Container, username: string): Promise<Actor> {
  const a = (await demoAccounts(c)).find((x) => x.username === username)!;
  const user = await c.database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { ...a, userId: user.id, ip: null, userAgent: null };
}

/** The local date (Jakarta, the demo regency's) of an ISO timestamp. */
const wib = (iso: string) => localDate(new Date(iso), 'Asia/Jakarta');

/** What the citizen step left, as the staff pages list it (through the services, as the demo accounts). */
async function expectDemoCitizens(c: Container) {
  const as = (username: string) => demoActor(c, username);
  const operator = await as('operator');
  const states = async (state: 'pending_verification' | 'verified' | 'rejected') =>
    (await c.citizen.listForStaff(operator, { state, limit: 10 })).items;
  const [waiting] = await states('pending_verification');
  expect(waiting?.ktpAttachmentId && waiting.selfieAttachmentId).toBeTruthy();
  const [verified] = await states('verified');
  expect(verified?.email).toBe('warga.demo@example.com');
  expect((await c.citizen.getForStaff(operator, verified!.id)).registry).toMatchObject({
    nikFound: true,
    kkMatches: true,
    nameMatches: true,
  });
  const [rejected] = await states('rejected');
  expect(rejected?.decisionNote).toBeTruthy();
  const dinsos = await as('dinsos');
  const reports = (await c.reports.list(dinsos, {})).items;
  expect(reports.map((r) => `${r.status} ${r.level}`).sort()).toEqual([
    'closed village',
    'in_progress village',
    'received district',
    'received village',
  ]);
  expect(reports.filter((r) => r.overdue.triage || r.overdue.response)).toHaveLength(1);
  const all = await c.sanggah.list(dinsos, { state: 'open' });
  const decided = await c.sanggah.list(dinsos, { state: 'rejected' });
  expect([all.length, decided.length]).toEqual([1, 1]);
  expect(decided[0]!.decisionReason).toBeTruthy();
  const target = await c.database.db
    .selectFrom('households')
    .select('status')
    .where('id', '=', decided[0]!.householdId)
    .executeTakeFirstOrThrow();
  expect(target.status).toBe('active');
}

/** Seeding walks the whole cycle (three periods, a penetapan): slow on a machine shared with other runs. */
const SEED_TIMEOUT = 180_000;

for (const engine of ENGINES) {
  describe(`demo seed on \`dtks start\` [${engine}]`, { timeout: SEED_TIMEOUT }, () => {
    let t: TestDb;
    let again: TestDb;
    /** The audit log's last entry once the demo was seeded: later entries are this file's own reads. */
    let seededUpTo = 0;
    beforeAll(async () => {
      t = await openTestDb(engine);
      again = await openTestDb(engine);
    });
    afterAll(async () => {
      await t.cleanup();
      await again.cleanup();
    });

    it('fills the demo kabupaten once, then leaves the database alone', async () => {
      const lines: string[] = [];
      expect(await t.container.seed.isEmpty()).toBe(true);
      expect(await seedDemoIfEmpty(t.container, 120, (l) => lines.push(l))).toBe(true);
      seededUpTo = Number(
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.max('seq').as('seq'))
            .executeTakeFirstOrThrow()
        ).seq,
      );
      const seeded = await counts(t.container);
      // The generated households, and the ones the demo's approved proposals added to the registry.
      const approved = await t.container.database.db
        .selectFrom('usulan')
        .select('id')
        .where('kind', '=', 'baru')
        .where('state', 'in', ['approved', 'determined'])
        .execute();
      expect(approved.length).toBeGreaterThan(0);
      // Plus the six families of the likely-duplicate pairs (src/cli/demo-duplicates.ts).
      expect(seeded.households).toBe(120 + approved.length + 6);
      const outside = await t.container.database.db
        .selectFrom('households')
        .select('id')
        .where('regencyCode', '!=', DEMO_REGENCY)
        .execute();
      expect(outside).toEqual([]);
      expect(lines[0]).toMatch(
        /^empty database: seeding 120 synthetic households into .*Wonosobo \(33\.07\)/,
      );
      expect(lines).toContainEqual(expect.stringMatching(/seeded 120 households \(\d+ persons\) in 33\.07/));
      expect(lines).toContain(`seeded ${seeded.ppks} PPKS and ${seeded.psks} PSKS records in 33.07`);
      // The demo's closing lines in their order; a later step appends its own line after these.
      const tail = lines.slice(lines.findIndex((l) => l.startsWith('chain:')));
      // The demo shows the chain: its kecamatan acknowledge, its province reviews (issue 12); set before the
      // cycle, whose periods go through both steps.
      expect(tail[0]).toMatch(/^chain: 33\.07's kecamatan acknowledge Berita Acara; province 33 reviews/);
      expect(tail[1]).toMatch(
        /^seeded the update cycle in 33\.07\.\S+: \d{4}-\d\d and \d{4}-\d\d determined, \d{4}-\d\d submitted, \d{4}-\d\d open \(\d+ usulan, \d+ visits, 4 Dukcapil findings\)$/,
      );
      const admin = (await demoAccounts(t.container)).find((a) => a.username === 'admin')!;
      const actor = { ...admin, userId: null, ip: null, userAgent: null };
      expect((await t.container.chain.getSettings(actor, DEMO_REGENCY)).kecamatanAcknowledgement).toBe(true);
      expect(await t.container.chain.getSettings(actor, '33')).toMatchObject({
        provinceReview: true,
        autoForwardDays: 7,
      });
      // Likely duplicates entered like real ones (src/cli/demo-duplicates.ts), one of them resolved.
      expect(tail[2]).toBe('entered 3 likely-duplicate pairs in 33.07: 3 on the worklist, 1 resolved');
      expect(tail[3]).toBe('seeded 4 minimum wages (UMP 33, UMK 33.07)');
      // Both determined periods are ranked with the default model (the household page's desil panel, the
      // analytics' decile movement).
      expect(tail[4]).toMatch(
        /^ranked \d+ households of \d{4}-\d\d, \d+ households of \d{4}-\d\d \(pmt-default-1\)$/,
      );
      // Every programme is published, the provincial one by the province's Dinas Sosial (issue 13).
      expect(tail[5]).toBe('published programmes PKH, BPNT, PBI_JK, KIP_KULIAH, PROV_33_SANTUNAN_LANSIA');
      const current = await t.container.programmes.currentAll();
      expect(current.map((p) => p.version)).toEqual([
        'BPNT-2026-1',
        'KIP_KULIAH-2026-1',
        'PBI_JK-2026-1',
        'PKH-2026-1',
        'PROV_33_SANTUNAN_LANSIA-2026-1',
      ]);
      const provincial = await t.container.database.db
        .selectFrom('programmeVersions as v')
        .innerJoin('users as u', 'u.id', 'v.publishedBy')
        .select(['u.username', 'u.role'])
        .where('v.code', '=', 'PROV_33_SANTUNAN_LANSIA')
        .executeTakeFirst();
      expect(provincial).toEqual({ username: 'dinsosprov', role: 'dinsos_prov' });
      // Every programme's recipients of both periods are approved for the demo regency (issue 13).
      for (const line of [tail[6], tail[7]]) {
        expect(line).toMatch(
          /^approved recipients of \d{4}-\d\d in 33\.07: BPNT \d+, KIP_KULIAH \d+, PBI_JK \d+, PKH \d+, PROV_33_SANTUNAN_LANSIA \d+$/,
        );
      }
      // Their BPNT handed over to PT Pos and in progress: points, mapping, returns completed, accepted; another
      // programme's batch still in cleaning with returns in the worklist (issue 15).
      expect(tail[8]).toMatch(
        /^distribution of BPNT \d{4}-\d\d: \d+ KPM to PT Pos, \d+ points, \d+ mapped, [1-9]\d* returned and completed, accepted by PT Pos; [A-Z_0-9]+ in cleaning: \d+ KPM, [1-9]\d* returned$/,
      );
      // A BLT Dana Desa list matched against DTKS: the poorest households, three unknown, one bad line.
      expect(tail[9]).toMatch(
        /^matched the aid-source list "BLT Dana Desa 2026" in 33\.07: \d+ lines, \d+ matched, 3 not in DTKS, 1 rejected$/,
      );
      // The citizen side (issue 14): accounts in every state, laporan at every step, sanggah open and decided,
      // a citizen's own proposal with its documents and a correction request (usulan mandiri).
      expect(tail[10]).toBe(
        'citizens: 3 accounts (1 pending verification; login warga.demo@example.com), 4 reports (1 overdue), 2 sanggah (1 open), 1 usulan mandiri, 1 correction request',
      );
      expect(tail).toHaveLength(11);
      const proposals = await t.container.recipients.proposals(systemActor('test'), {});
      const programmeCodes = ['BPNT', 'KIP_KULIAH', 'PBI_JK', 'PKH', 'PROV_33_SANTUNAN_LANSIA'];
      // Two consecutive periods, so the second one's diff and decile movement compare with the first.
      const [before, latest] = [tail[6]!, tail[7]!].map((l) => /of (\d{4}-\d\d) in/.exec(l)![1]!);
      expect(latest).toBe(shiftPeriod(before!, 1));
      expect(
        proposals.items.map((p) => [p.period, p.programme, p.regencyCode, p.state].join(' ')).sort(),
      ).toEqual(
        [before, latest].flatMap((period) => programmeCodes.map((p) => `${period} ${p} 33.07 approved`)),
      );
      const pkh = proposals.items.find((p) => p.programme === 'PKH')!;
      expect(pkh.candidates).toBeGreaterThan(0);
      const wages = await t.container.wages.list(systemActor('test'), { region: '33.07', year: 2026 });
      expect(wages.items.map((w) => [w.kind, w.monthlyAmount])).toEqual([
        ['UMP', 2_327_386],
        ['UMK', 2_474_000],
      ]);
      const models = await t.container.ranking.listModels(systemActor('test'));
      expect(models.items.map((m) => [m.version, m.state])).toEqual([['pmt-default-1', 'published']]);

      expect(await seedDemoIfEmpty(t.container, 120, (l) => lines.push(l))).toBe(false);
      expect(await counts(t.container)).toEqual(seeded);
      // Households of the list that receive PKH or BPNT as well: the overlap worklist has content.
      const overlaps = await t.container.aidSources.overlaps(systemActor('test'), {
        minSources: 2,
        limit: 5,
      });
      expect(overlaps.total).toBeGreaterThan(0);
    });

    it("gives the latest period's recipients a diff with reasons and the analytics a decile movement", async () => {
      const c = t.container;
      const pusdatin = await demoActor(c, 'pusdatin');
      const latest = await c.ranking.latestDeterminedPeriod();
      const codes = ['BPNT', 'KIP_KULIAH', 'PBI_JK', 'PKH', 'PROV_33_SANTUNAN_LANSIA'];
      const reasons = new Set<string>();
      for (const programme of codes) {
        const diff = await c.recipients.diff(pusdatin, latest!, {
          programme,
          region: DEMO_REGENCY,
          change: 'stopped',
          limit: 100,
        });
        expect(diff.previousPeriod, programme).toBe(shiftPeriod(latest!, -1));
        expect(diff.counts.continuing, programme).toBeGreaterThan(0);
        // Every programme has households that stopped, each with why (the KIP Kuliah student's family was
        // declared ineligible too).
        expect(diff.counts.stopped, programme).toBeGreaterThan(0);
        expect(diff.items.length, programme).toBe(diff.counts.stopped);
        for (const item of diff.items) {
          expect(item.reason, programme).toBeTruthy();
          reasons.add(item.reason!);
        }
      }
      // Declared ineligible in the Dinas Sosial's review, with reason and evidence.
      expect(reasons).toContain('ineligible');
      const declared = await c.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'details'])
        .where('action', '=', 'recipients.declare_ineligible')
        .execute();
      expect(declared.map((d) => d.actorUsername)).toEqual(['dinsos', 'dinsos']);
      // Some household is new in some programme.
      let started = 0;
      for (const programme of codes) {
        started += (await c.recipients.diff(pusdatin, latest!, { programme, change: 'new', limit: 10 }))
          .counts.new;
      }
      expect(started).toBeGreaterThan(0);
      // Deciles moved between the two ranked periods, both ways, and the new households entered.
      const targeting = await c.analytics.targeting(pusdatin, { region: DEMO_REGENCY, scope: 'regency' });
      expect(targeting.previousPeriod).toBe(shiftPeriod(latest!, -1));
      expect(targeting.movement).not.toBeNull();
      expect(targeting.movement!.improved).toBeGreaterThan(0);
      expect(targeting.movement!.worsened).toBeGreaterThan(0);
      expect(targeting.movement!.entered).toBeGreaterThan(0);
    });

    it('gives the citizen pages content: accounts, laporan and sanggah in their states', async () => {
      await expectDemoCitizens(t.container);
      // Already there: the step leaves them alone.
      expect(await seedDemoCitizens(t.container, { regencyCode: DEMO_REGENCY })).toBeNull();
      await expectDemoCitizens(t.container);
    });

    it('adds PPKS and PSKS records in the demo kabupaten, some in the operator village', async () => {
      const { ppks, psks } = await registerContent(t.container);
      expect(ppks.length).toBeGreaterThanOrEqual(30);
      expect(psks.length).toBeGreaterThanOrEqual(12);
      for (const r of [...ppks, ...psks]) {
        expect(r.regencyCode).toBe(DEMO_REGENCY);
        expect(r.status).toBe('active');
      }
      // Mostly members of the seeded households (linked by NIK), a few without a NIK.
      const withNik = ppks.filter((p) => p.nik !== null);
      expect(withNik.length).toBeGreaterThan(ppks.length / 2);
      expect(withNik.every((p) => p.linked)).toBe(true);
      expect(ppks.some((p) => p.nik === null)).toBe(true);
      expect(ppks.every((p) => p.categories.length >= 1 && p.categories.length <= 2)).toBe(true);
      const categories = new Set(ppks.flatMap((p) => p.categories.map((k) => k.split(' ')[0])));
      for (const code of ['lanjut_usia_terlantar', 'anak_terlantar', 'gelandangan'])
        expect(categories).toContain(code);
      const kinds = psks.map((p) => p.kind);
      expect(kinds.filter((k) => k === 'tksk').length).toBeGreaterThanOrEqual(3);
      expect(kinds.filter((k) => k === 'pekerja_sosial_masyarakat').length).toBeGreaterThanOrEqual(3);
      const lks = psks.filter((p) => p.kind === 'lembaga_kesejahteraan_sosial');
      expect(lks.length).toBeGreaterThanOrEqual(2);
      expect(lks.every((p) => p.isInstitution === 1 && p.nik === null && p.phone && p.email)).toBe(true);

      const operator = (await demoAccounts(t.container)).find((a) => a.username === 'operator')!;
      expect(ppks.filter((p) => p.villageCode === operator.regionCode).length).toBeGreaterThanOrEqual(3);
      expect(
        psks.some((p) => p.villageCode === operator.regionCode && p.kind === 'pekerja_sosial_masyarakat'),
      ).toBe(true);
      // Versioned and audited like any other write.
      const versions = await t.container.database.db
        .selectFrom('recordVersions')
        .select('entityType')
        .where('entityType', 'in', ['ppks', 'psks'])
        .execute();
      expect(versions.length).toBe(ppks.length + psks.length);
    });

    it('walks the cycle: usulan in every state, Musdes open and signed, visits, findings, submission, SK', async () => {
      const db = t.container.database.db;
      const operator = (await demoAccounts(t.container)).find((a) => a.username === 'operator')!;
      const all = await db
        .selectFrom('usulan')
        .select(['id', 'state', 'period', 'villageCode', 'source', 'kind'])
        .execute();
      expect(all.every((u) => u.villageCode === operator.regionCode)).toBe(true);
      // The demo citizen's own drafts (usulan mandiri) take the period of today's window, not the cycle's.
      const mandiri = all.filter((u) => u.source === 'mandiri');
      expect(mandiri.map((u) => `${u.kind} ${u.state}`).sort()).toEqual(['baru draft', 'perbaikan draft']);
      const files = await db
        .selectFrom('attachments')
        .select('kind')
        .where('ownerId', '=', mandiri.find((u) => u.kind === 'baru')!.id)
        .execute();
      expect(files.map((f) => f.kind).sort()).toEqual([
        'house_back',
        'house_front',
        'house_inside',
        'kk_copy',
        'ktp_photo',
      ]);
      const usulan = all.filter((u) => u.source !== 'mandiri');
      expect(new Set(usulan.map((u) => u.state))).toEqual(
        new Set([
          'draft',
          'submitted',
          'musdes_accepted',
          'musdes_rejected',
          'verified',
          'not_eligible',
          'approved',
          'returned',
          'determined',
          'withdrawn',
        ]),
      );
      const periods = [...new Set(usulan.map((u) => u.period))].sort();
      expect(periods).toHaveLength(4);
      // Two determined periods (the recipients' diff and the decile movement compare them).
      const [before, determined, submitted, current] = periods as [string, string, string, string];
      expect(before).toBe(shiftPeriod(determined, -1));
      const sessions = await db
        .selectFrom('musdesSessions')
        .select(['period', 'state', 'signedScanId'])
        .execute();
      expect(sessions.map((s) => `${s.period} ${s.state}`).sort()).toEqual([
        `${before} signed`,
        `${determined} signed`,
        `${submitted} signed`,
        `${current} open`,
      ]);
      const visits = await db.selectFrom('visits').select(['state', 'latitude']).execute();
      const visitStates = new Set(visits.map((v) => v.state));
      for (const s of ['assigned', 'visited', 'accepted']) expect(visitStates).toContain(s);
      const photos = await db
        .selectFrom('attachments')
        .select('id')
        .where('kind', '=', 'visit_photo')
        .execute();
      expect(photos.length).toBeGreaterThanOrEqual(2);
      const findings = await db
        .selectFrom('dukcapilMatches')
        .select(['result', 'resolution'])
        .where('result', '!=', 'matched')
        .execute();
      expect(new Set(findings.map((f) => f.result))).toEqual(
        new Set(['name_mismatch', 'birth_date_mismatch', 'deceased', 'moved_region']),
      );
      const submissions = await db.selectFrom('submissions').select(['period', 'state']).execute();
      expect(submissions.map((s) => `${s.period} ${s.state}`).sort()).toEqual([
        `${before} determined`,
        `${determined} determined`,
        `${submitted} submitted`,
      ]);
      const period = await db.selectFrom('periods').selectAll().execute();
      expect(period.map((p) => [p.period, p.state]).sort()).toEqual([
        [before, 'determined'],
        [determined, 'determined'],
      ]);
      for (const p of period) expect(p.skNumber).toBeTruthy();
      // Every step was audited, and the chain still verifies.
      expect((await t.container.audit.verify()).ok).toBe(true);
    });

    it('lists the likely-duplicate pairs on the Dinas Sosial worklist, one of them resolved', async () => {
      const c = t.container;
      const dinsos = await demoActor(c, 'dinsos');
      const worklist = async (state: 'open' | 'linked') =>
        (await c.duplicates.worklist(dinsos, { state, limit: 200 })).items
          .map((x) => ({
            rule: x.rule,
            heads: [x.a.headName, x.b.headName].sort(),
            place: x.a.regionCode === x.b.regionCode ? 'one village' : 'two villages',
            resolution: x.resolution,
            statuses: [x.a.status, x.b.status].sort(),
            kkDigitsApart: [...x.a.kkNumber].filter((d, i) => d !== x.b.kkNumber[i]).length,
          }))
          .sort((a, b) => a.rule.localeCompare(b.rule));
      const heads = (rule: keyof typeof DEMO_DUPLICATE_HEADS) => [...DEMO_DUPLICATE_HEADS[rule]].sort();
      const open = await worklist('open');
      expect(open.map(({ kkDigitsApart: _, ...x }) => x)).toEqual([
        {
          rule: 'kk_one_digit',
          heads: heads('kk_one_digit'),
          place: 'two villages',
          resolution: null,
          statuses: ['active', 'active'],
        },
        {
          rule: 'person_name_birth',
          heads: heads('person_name_birth'),
          place: 'two villages',
          resolution: null,
          statuses: ['active', 'active'],
        },
      ]);
      expect(open[0]!.kkDigitsApart).toBe(1);
      // "Sitti Aminah" removed as a duplicate of "Siti Aminah" through the worklist: the pair is linked.
      const linked = await worklist('linked');
      expect(linked.map(({ kkDigitsApart: _, ...x }) => x)).toEqual([
        {
          rule: 'head_name_address',
          heads: heads('head_name_address'),
          place: 'one village',
          resolution: 'removed_duplicate',
          statuses: ['active', 'removed'],
        },
      ]);
      // Suwarno and Soewarno were born the same day (the person rule's pair, side by side).
      const [pair] = (await c.duplicates.worklist(dinsos, { state: 'open', limit: 200 })).items.filter(
        (x) => x.rule === 'person_name_birth',
      );
      const detail = await c.duplicates.get(dinsos, pair!.id);
      const births = detail.households.map(
        (h, i) => h.members.find((m) => m.id === (i === 0 ? pair!.a.personId : pair!.b.personId))!.birthDate,
      );
      expect(births[0]).toBe(births[1]);
    });

    it("dates each step by its period's calendar and takes the kecamatan and province steps", async () => {
      const c = t.container;
      const dinsos = await demoActor(c, 'dinsos');
      const submissions = (await c.submissions.list(dinsos, { limit: 200 })).items;
      expect(submissions).toHaveLength(3);
      for (const item of submissions) {
        const s = await c.submissions.get(dinsos, item.id);
        const letter = s.approvalLetter!.createdAt;
        // The Bupati's letter is dated inside its period's cycle: after the period began, before the next
        // month ended, after every Berita Acara it carries was signed, and no later than its sending.
        expect(wib(letter) >= `${s.period}-01`).toBe(true);
        expect(wib(letter) <= `${shiftPeriod(s.period, 1)}-28`).toBe(true);
        expect(letter <= s.submittedAt!).toBe(true);
        expect(s.beritaAcara.length).toBeGreaterThan(0);
        for (const ba of s.beritaAcara) expect(ba.signedAt <= letter).toBe(true);
        // The province reviewed it: its Dinas Sosial commented and forwarded it by hand.
        expect(s.comments.map((m) => m.authorRole)).toContain('dinsos_prov');
      }
      const forwards = await c.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'entityId'])
        .where('action', '=', 'submission.forward')
        .execute();
      expect(forwards.map((f) => f.actorUsername)).toEqual(['dinsosprov', 'dinsosprov', 'dinsosprov']);
      expect(new Set(forwards.map((f) => f.entityId))).toEqual(new Set(submissions.map((x) => x.id)));
      // Every signed Berita Acara was signed on or after the day of its Musdes, and acknowledged by the
      // kecamatan.
      const camat = await demoActor(c, 'camat');
      const periods = await c.database.db
        .selectFrom('musdesSessions')
        .select('period')
        .where('state', '=', 'signed')
        .execute();
      expect(periods).toHaveLength(3);
      for (const { period } of periods) {
        const { items } = await c.chain.beritaAcara(camat, { period });
        expect(items).toHaveLength(1);
        for (const ba of items) {
          expect(wib(ba.signedAt!) >= ba.heldOn!).toBe(true);
          expect(ba.state).toBe('acknowledged');
          // The demo village is a kelurahan: its Muskel is led by the Lurah, not a Kepala Desa with a BPD.
          expect(isKelurahan(ba.villageCode)).toBe(true);
          const session = await c.musdes.get(await demoActor(c, 'kades'), ba.sessionId);
          expect(session.participants.map((p) => p.role)).toContain('lurah');
          expect(session.participants.map((p) => p.role)).not.toContain('kepala_desa');
          expect(session.participants.map((p) => p.role)).not.toContain('bpd');
        }
      }
    });

    it('gives every staff read and change of the demo a purpose, as the screens do', async () => {
      const db = t.container.database.db;
      const entries = await db
        .selectFrom('auditLog')
        .select(['actorId', 'actorUsername', 'action', 'purpose'])
        .where('seq', '<=', seededUpTo)
        .execute();
      // The demo accounts' own entries (the "who read my data" office and its purpose).
      const staff = entries.filter((e) => e.actorId !== null);
      expect(staff.length).toBeGreaterThan(100);
      expect(staff.filter((e) => !e.purpose).map((e) => `${e.actorUsername} ${e.action}`)).toEqual([]);
      // Every read of personal data, by staff or by the seed acting for an office, says why.
      const reads = entries.filter(
        (e) =>
          !e.actorUsername?.startsWith('citizen:') &&
          (/\.(read|list|search|history|thumbnail|export|probe|rows|prelist|records|households)$/.test(
            e.action,
          ) ||
            /_(read|page|rows)$/.test(e.action)),
      );
      expect(reads.length).toBeGreaterThan(10);
      expect(reads.filter((e) => !e.purpose).map((e) => `${e.actorUsername} ${e.action}`)).toEqual([]);
    });

    it('gives the same records on a second fresh database', async () => {
      expect(await seedDemoIfEmpty(again.container, 120, () => {})).toBe(true);
      expect(await registerContent(again.container)).toEqual(await registerContent(t.container));
      // The same cycle activity: the same proposals in the same states.
      const proposals = async (c: Container) =>
        (
          await c.database.db
            .selectFrom('usulan')
            .select(['period', 'kind', 'state', 'kkNumber', 'headName'])
            .execute()
        )
          .map((u) => `${u.period} ${u.kind} ${u.state} ${u.kkNumber} ${u.headName}`)
          .sort();
      expect(await proposals(again.container)).toEqual(await proposals(t.container));
    });
  });
}
