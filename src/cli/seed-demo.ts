/**
 * `dtks start` on an empty database: fills the demo kabupaten with synthetic households, always the same
 * ones (fixed seed), so every demo installation shows the same data, then registers some of their members
 * and a few workers and institutions in the PPKS and PSKS registers (demo-registers.ts), and walks the demo
 * accounts through three periods of the update cycle (demo-cycle.ts); last, the citizen side: accounts,
 * laporan and sanggah (demo-citizens.ts).
 */
import type { Container } from '../container.ts';
import { DEFAULT_PROGRAMMES, provincialElderlyAllowance } from '../domain/programmes/defaults.ts';
import type { ProgrammeDocument } from '../domain/programmes/document.ts';
import { DEFAULT_MODEL } from '../domain/ranking/default-model.ts';
import { type Actor, systemActor } from '../modules/access/actor.ts';
import { UsersRepository } from '../modules/users/users.repository.ts';
import { seedWithProgress, summarize } from './commands/seed.ts';
import { DEMO_REGENCY, demoAccounts, ensureDemoAccounts, onScreen } from './demo.ts';
import { demoCitizensLine, seedDemoCitizens } from './demo-citizens.ts';
import { demoActors, seedDemoCycle } from './demo-cycle.ts';
import { seedDemoDistribution } from './demo-distribution.ts';
import { seedDemoDuplicates } from './demo-duplicates.ts';
import { seedDemoReceipts } from './demo-receipts.ts';
import { seedDemoRegisters } from './demo-registers.ts';

export const DEMO_SEED = 'demo';

/**
 * Seeds `households` synthetic households into DEMO_REGENCY, then the demo PPKS and PSKS records, when no
 * household exists; true if it did.
 */
export async function seedDemoIfEmpty(
  c: Container,
  households: number,
  print?: (line: string) => void,
): Promise<boolean> {
  const out = print ?? ((line: string) => console.log(line));
  if (!(await c.seed.isEmpty())) return false;
  const region = (await c.regions.find(DEMO_REGENCY))?.name ?? DEMO_REGENCY;
  out(
    `empty database: seeding ${households.toLocaleString('en')} synthetic households into ${region} (${DEMO_REGENCY})`,
  );
  const actor = systemActor('demo');
  const result = await seedWithProgress(
    c,
    actor,
    { households, regionCode: DEMO_REGENCY, seed: DEMO_SEED },
    print,
  );
  out(summarize(result));
  const operator = (await demoAccounts(c)).find((a) => a.username === 'operator')!;
  // Each later step as the screen that does it would send it (its purpose goes into the audit log).
  const registers = await seedDemoRegisters(c, actor, {
    regencyCode: DEMO_REGENCY,
    operatorVillage: operator.regionCode,
    seed: DEMO_SEED,
  });
  out(`seeded ${registers.ppks} PPKS and ${registers.psks} PSKS records in ${DEMO_REGENCY}`);
  // Before the cycle, so its periods go through the kecamatan and the province like a real regency's.
  await seedDemoChain(c, onScreen(actor, '/cycle/pengesahan'));
  out(
    `chain: ${DEMO_REGENCY}'s kecamatan acknowledge Berita Acara; province ${DEMO_PROVINCE} reviews submissions (forwarded automatically after ${DEMO_AUTO_FORWARD_DAYS} days)`,
  );
  // Wages, the ranking model and the programmes before the cycle: each determined period is ranked and its
  // recipients approved as soon as Pusdatin determines it (the next period's proposals build on them).
  for (const w of DEMO_MINIMUM_WAGES) await c.wages.set(actor, w);
  await ensureDemoAccounts(c); // the provincial programme is the province's Dinas Sosial's
  await seedDemoRanking(c, onScreen(actor, '/ranking'), null);
  const programmes = await seedDemoProgrammes(c, onScreen(actor, '/programmes'));
  const rankedPeriods: { households: number; period: string; modelVersion: string }[] = [];
  const approvedPeriods: { period: string; approved: Awaited<ReturnType<typeof seedDemoRecipients>> }[] = [];
  const recipientsActor = onScreen(actor, '/recipients');
  const cycle = await seedDemoCycle(c, {
    regencyCode: DEMO_REGENCY,
    seed: DEMO_SEED,
    afterDetermination: async (period) => {
      const ranked = await seedDemoRanking(c, onScreen(actor, '/ranking'), period);
      if (ranked) rankedPeriods.push(ranked);
      const previous = approvedPeriods.at(-1)?.period;
      const dinsos = (await demoActors(c, await demoAccounts(c))).dinsos;
      const approved = await seedDemoRecipients(c, recipientsActor, period, {
        ...(previous
          ? { previous, reviewer: onScreen(dinsos, '/recipients'), village: operator.regionCode }
          : {}),
      });
      approvedPeriods.push({ period, approved });
      return previous ? [] : villageHouseholds(c, recipientsActor, period, operator.regionCode);
    },
  });
  out(
    `seeded the update cycle in ${operator.regionCode}: ${cycle.determinedBefore} and ${cycle.determined} determined, ${cycle.submitted} submitted, ${cycle.current} open (${cycle.usulan} usulan, ${cycle.visits} visits, ${cycle.findings} Dukcapil findings)`,
  );
  const staff = await demoActors(c, await demoAccounts(c));
  const duplicates = await seedDemoDuplicates(c, staff, { seed: DEMO_SEED, firstPeriod: cycle.determined });
  out(
    `entered ${duplicates.pairs} likely-duplicate pairs in ${DEMO_REGENCY}: ${duplicates.candidates} on the worklist, ${duplicates.resolved} resolved`,
  );
  out(`seeded ${DEMO_MINIMUM_WAGES.length} minimum wages (UMP ${DEMO_PROVINCE}, UMK ${DEMO_REGENCY})`);
  out(
    rankedPeriods.length
      ? `ranked ${rankedPeriods.map((r) => `${r.households} households of ${r.period}`).join(', ')} (${rankedPeriods[0]!.modelVersion})`
      : `published ranking model ${DEFAULT_MODEL.version}`,
  );
  out(`published programmes ${programmes.join(', ')}`);
  const ranked = rankedPeriods.at(-1);
  if (ranked) {
    for (const { period, approved } of approvedPeriods) {
      out(
        `approved recipients of ${period} in ${DEMO_REGENCY}: ${approved.map((p) => `${p.programme} ${p.candidates}`).join(', ')}`,
      );
    }
    const approved = approvedPeriods.at(-1)!.approved;
    const cash =
      approved.find((p) => p.programme === 'BPNT' && p.candidates > 0) ?? approved.find((p) => p.amount > 0);
    if (cash) {
      const office = onScreen(actor, '/distribution');
      const partner: Actor = {
        ...office,
        username: 'system:demo-pos',
        role: 'pos',
        regionCode: DEMO_REGENCY,
      };
      // The other cash programme with the most recipients: its batch stays in cleaning, returns in the worklist.
      const cleaning = approved
        .filter((p) => p.programme !== cash.programme && p.amount > 0)
        .sort((a, b) => b.candidates - a.candidates)[0]?.programme;
      const d = await seedDemoDistribution(c, office, partner, {
        period: ranked.period,
        programme: cash.programme,
        regency: DEMO_REGENCY,
        village: operator.regionCode,
        ...(cleaning ? { cleaning } : {}),
      });
      out(
        `distribution of ${cash.programme} ${ranked.period}: ${d.records} KPM to PT Pos, ${d.points} points, ${d.mapped} mapped, ${d.returned} returned and completed, accepted by PT Pos` +
          (d.cleaning
            ? `; ${d.cleaning.programme} in cleaning: ${d.cleaning.records} KPM, ${d.cleaning.returned} returned`
            : ''),
      );
      // Some receipts at the points (src/cli/demo-receipts.ts); no output line of its own.
      await seedDemoReceipts(c, partner, {
        period: ranked.period,
        programme: cash.programme,
        regency: DEMO_REGENCY,
      });
    }
    const list = await seedDemoAidSource(c, onScreen(actor, '/aid-sources'));
    out(
      `matched the aid-source list "${list.name}" in ${DEMO_REGENCY}: ${list.rows} lines, ${list.counts.matched_kk} matched, ${list.counts.not_found} not in DTKS, ${list.counts.rejected} rejected`,
    );
  }
  // Citizen accounts, laporan and sanggah (src/cli/demo-citizens.ts); skipped when already there.
  const citizens = await seedDemoCitizens(c, { regencyCode: DEMO_REGENCY });
  if (citizens) out(demoCitizensLine(citizens));
  return true;
}

/**
 * Computes, submits and approves the recipients of every current programme that applies in the demo regency
 * (national ones and its province's own) for a ranked period, so the recipient screens have content. Given
 * the `previous` approved period, the Dinas Sosial's `reviewer` first declares two of its recipients
 * ineligible (ditidaklayakkan, with reason and evidence) in the review — one of the smallest programme's
 * (KIP Kuliah) and one of the widest's, outside the operator's `village`, whose own cycle the demo walks —
 * so every programme's diff can show households stopped for that reason.
 */
export async function seedDemoRecipients(
  c: Container,
  actor: Actor,
  period: string,
  review: { previous?: string; reviewer?: Actor; village?: string } = {},
) {
  const proposals = [];
  for (const doc of await c.recipients.programmesFor(DEMO_REGENCY)) {
    proposals.push(await c.recipients.compute(actor, { period, programme: doc.code, regency: DEMO_REGENCY }));
  }
  if (review.previous && review.reviewer) {
    // One household of the smallest programme's previous recipients (KIP Kuliah), one of the widest's.
    const bySize = [...proposals].filter((p) => p.candidates > 0).sort((a, b) => a.candidates - b.candidates);
    const reasons = [
      'Verifikasi lapangan: kepala keluarga memiliki toko grosir dan dua kendaraan roda empat',
      'Verifikasi lapangan: keluarga menerima pensiun ASN dan memiliki rumah kedua',
    ];
    const chosen = new Set<string>();
    for (const [i, proposal] of [bySize[0], bySize.at(-1)].entries()) {
      if (!proposal) continue;
      const before = new Set<string>();
      const list = await c.recipients.recipientPages(actor, review.previous, {
        programme: proposal.programme,
      });
      for await (const page of list.pages) for (const r of page) before.add(r.householdId);
      const page = await c.recipients.candidates(review.reviewer, proposal.id, {
        outcome: 'candidate',
        limit: 200,
      });
      const h = page.items.find(
        (h) =>
          before.has(h.householdId) &&
          !chosen.has(h.householdId) &&
          !h.regionCode.startsWith(review.village ?? '-'),
      );
      if (!h) continue;
      chosen.add(h.householdId);
      await c.recipients.declareIneligible(review.reviewer, proposal.id, {
        householdId: h.householdId,
        reason: reasons[i]!,
        evidence: `BA verifikasi Dinas Sosial No. ${460 + i}/${period}`,
      });
    }
  }
  const done = [];
  for (const p of proposals) {
    await c.recipients.submit(actor, p.id);
    done.push(await c.recipients.approve(actor, p.id));
  }
  return done;
}

/**
 * The ranked households of the village in `period`: those receiving most programmes first, then by score
 * (the poorest first).
 */
async function villageHouseholds(c: Container, actor: Actor, period: string, village: string) {
  const programmes = new Map<string, number>();
  for (const doc of await c.recipients.programmesFor(DEMO_REGENCY)) {
    const page = await c.recipients.recipients(actor, period, {
      programme: doc.code,
      region: village,
      limit: 100,
    });
    for (const r of page.items) programmes.set(r.householdId, (programmes.get(r.householdId) ?? 0) + 1);
  }
  const page = await c.analytics.households(actor, { region: village, period, limit: 100 });
  const ranked = page.items.map((h) => ({
    id: h.householdId,
    programmes: programmes.get(h.householdId) ?? 0,
    score: h.score,
  }));
  ranked.sort((a, b) => b.programmes - a.programmes || a.score - b.score || (a.id < b.id ? -1 : 1));
  return ranked.map((h) => h.id);
}

/**
 * A village-fund cash list (BLT Dana Desa) for the demo regency, so the matching screens have content: the KK
 * numbers of the poorest ranked households (many of them receive PKH or BPNT too: the overlap worklist),
 * three beneficiaries DTKS does not know, and one malformed line.
 */
export async function seedDemoAidSource(c: Container, actor: Actor) {
  const ranked = await c.analytics.households(actor, { region: DEMO_REGENCY, decile: 1, limit: 30 });
  // Households still in DTKS (the demo declared some of the period's poorest ineligible since).
  const ids = ranked.items.map((h) => h.householdId);
  const active = new Set(
    ids.length
      ? (
          await c.database.db
            .selectFrom('households')
            .select('id')
            .where('status', '=', 'active')
            .where('id', 'in', ids)
            .execute()
        ).map((h) => h.id)
      : [],
  );
  const poorest = { items: ranked.items.filter((h) => active.has(h.householdId)) };
  const district = (poorest.items[0]?.villageCode ?? `${DEMO_REGENCY}.01.2001`)
    .slice(0, 8)
    .replaceAll('.', '');
  const lines = [
    'nik,kk_number',
    ...poorest.items.map((h) => `,${h.kkNumber}`),
    ...[1, 2, 3].map((n) => `${district}150190${String(9000 + n).padStart(4, '0')},`),
    `${district}150190000,`,
  ];
  return c.aidSources.importList(actor, [`${lines.join('\n')}\n`], {
    name: 'BLT Dana Desa 2026',
    region: DEMO_REGENCY,
    fileName: 'blt-dana-desa-2026.csv',
  });
}

const DEMO_PROVINCE = DEMO_REGENCY.slice(0, 2);
const DEMO_AUTO_FORWARD_DAYS = 7;

/** The chain as the seeds describe it (src/domain/cycle/chain.ts), on in the demo kabupaten and its province. */
async function seedDemoChain(c: Container, actor: Actor): Promise<void> {
  await c.chain.updateSettings(actor, DEMO_REGENCY, { kecamatanAcknowledgement: true });
  await c.chain.updateSettings(actor, DEMO_PROVINCE, {
    provinceReview: true,
    autoForwardDays: DEMO_AUTO_FORWARD_DAYS,
  });
}

/**
 * Publishes the default ranking model and ranks `period` (by default the newest determined period, if there
 * is one; null: none), so the household page's decile panel has content on first start.
 */
export async function seedDemoRanking(c: Container, actor: Actor, period?: string | null) {
  if (!(await c.ranking.listModels(actor)).items.some((m) => m.version === DEFAULT_MODEL.version)) {
    await c.ranking.uploadModel(actor, DEFAULT_MODEL);
    await c.ranking.publishModel(actor, DEFAULT_MODEL.version);
  }
  if (period === null) return null;
  const which = period ?? (await c.ranking.latestDeterminedPeriod());
  return which ? c.ranking.rank(actor, { period: which }) : null;
}

/**
 * Publishes the shipped national programme documents (as the national office) and the example provincial
 * programme of the demo province, defined and published by the province's Dinas Sosial account; versions
 * already there are left alone. Answers the codes published.
 */
export async function seedDemoProgrammes(c: Container, national: Actor): Promise<string[]> {
  const account = (await demoAccounts(c)).find((a) => a.role === 'dinsos_prov')!;
  const user = await new UsersRepository().findByUsername(c.database.db, account.username);
  const province = onScreen(
    {
      userId: user?.id ?? null,
      username: account.username,
      role: account.role,
      regionCode: account.regionCode,
      ip: null,
      userAgent: 'demo',
    },
    '/programmes',
  );
  const docs: [Actor, ProgrammeDocument][] = [
    ...DEFAULT_PROGRAMMES.map((d): [Actor, ProgrammeDocument] => [national, d]),
    [province, provincialElderlyAllowance(DEMO_PROVINCE)],
  ];
  for (const [actor, doc] of docs) {
    const known = (await c.programmes.list(actor)).items.find((p) => p.code === doc.code);
    if (known?.current) continue;
    if (!known) await c.programmes.upload(actor, doc);
    await c.programmes.publish(actor, doc.code, doc.version);
  }
  return docs.map(([, d]) => d.code);
}

/**
 * Minimum wages of the demo province and regency. Jawa Tengah's 2025 UMP is the published figure; the others
 * are demo figures of the right size (a province user enters the decreed ones).
 */
export const DEMO_MINIMUM_WAGES = [
  { regionCode: DEMO_PROVINCE, year: 2025, monthlyAmount: 2_169_349 },
  { regionCode: DEMO_REGENCY, year: 2025, monthlyAmount: 2_306_000 },
  { regionCode: DEMO_PROVINCE, year: 2026, monthlyAmount: 2_327_386 },
  { regionCode: DEMO_REGENCY, year: 2026, monthlyAmount: 2_474_000 },
] as const;
