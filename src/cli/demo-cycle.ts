/**
 * The update-cycle activity of the demo: after the demo households and registers are seeded, the demo
 * accounts walk four periods of the cycle in the operator's village, so every role's screens and to-do
 * list have content on first start, whatever the day of the month:
 *
 * - periods A−3 and A−2 are determined: proposals went through Musdes, verivali and approval, the kecamatan
 *   acknowledged the Berita Acara, the regency submitted, the province forwarded, Pusdatin determined the
 *   period (its SK is there) and the proposals are `determined`. A−3 adds two households; right after each
 *   determination the demo ranks the period and approves its recipients (`afterDetermination`), and A−2
 *   builds on A−3's: two new households, the village's household receiving most aid found better off, its
 *   best-off one fallen on hard times, another moved away — so deciles move and recipients change;
 * - period A−1 is submitted by the regency and forwarded by the province, waiting for Pusdatin: its Musdes
 *   is signed and acknowledged, and its proposals sit at every later step (rejected at the Musdes, waiting
 *   for a visit, a visit waiting for review, verified and waiting for approval, approved, not eligible,
 *   returned to the village);
 * - period A, the latest whose proposal window has opened, has a draft, submitted and withdrawn proposals
 *   and an open Musdes with one row decided;
 * - a Dukcapil extract with one finding of each kind waits for the Dinas Sosial.
 *
 * Everything goes through the services, as the demo accounts on their screens (with the screens'
 * purposes), with a clock set to the moment each step happened by the period's calendar (`demoCalendar`; a
 * container over the same database with its own `now`): every state machine, territory rule, version and
 * audit entry is the one a real office would produce. The selection is fixed (DEMO_SEED):
 * the same households give the same activity.
 */
import jpeg from 'jpeg-js';
import type { Container } from '../container.ts';
import { createContainer } from '../container.ts';
import { isKelurahan } from '../domain/cycle/musdes.ts';
import { latestOpenedPeriod, localDate, type ProposalWindow, shiftPeriod } from '../domain/cycle/period.ts';
import { AppError } from '../domain/errors.ts';
import { createHouseholdGenerator, type HouseholdGenerator } from '../domain/synthetic/households.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { HouseholdCreate } from '../modules/households/households.schemas.ts';
import { UsersRepository } from '../modules/users/users.repository.ts';
import type { UsulanView } from '../modules/usulan/usulan.schemas.ts';
import { instrumentFromHousehold } from '../modules/verivali/verivali.instrument.ts';
import type { VisitInstrument } from '../modules/verivali/verivali.schemas.ts';
import { type DemoAccount, ensureDemoAccounts, onScreen } from './demo.ts';

export interface DemoCycleOptions {
  regencyCode: string;
  seed: string | number;
  /** The real moment of seeding (default the configuration's clock): every step is dated before it. */
  now?: Date;
  /**
   * Called right after Pusdatin determines each of the two determined periods (A−3, then A−2), before the
   * cycle goes on: the demo ranks the period and approves its recipients there. Answers the households of
   * the operator's village, those receiving aid in the period first, then the poorest: in the next period
   * the first is found better off (a correction), the last lost its means (a correction) and, given three,
   * the second moves away (a removal), so the next period's deciles and recipients differ for real reasons.
   */
  afterDetermination?: (period: string) => Promise<string[]>;
}

export interface DemoCycleResult {
  /** The latest period whose window has opened (its activity is still open). */
  current: string;
  submitted: string;
  determined: string;
  /** The determined period before `determined` (A−3): the recipients' diff and decile movement compare them. */
  determinedBefore: string;
  usulan: number;
  visits: number;
  findings: number;
}

/** Where the demo's visits took place: Wonosobo town centre (a real position inside Indonesia). */
const GPS = { latitude: -7.3605, longitude: 109.9027 };

export async function seedDemoCycle(c: Container, opts: DemoCycleOptions): Promise<DemoCycleResult> {
  const realNow = opts.now ?? c.config.now();
  const window = c.config.proposalWindow;
  const current = latestOpenedPeriod(realNow, window);
  const submitted = shiftPeriod(current, -1);
  const determined = shiftPeriod(current, -2);
  const determinedBefore = shiftPeriod(current, -3);

  // The same database and settings, with a clock the seed moves to each step's moment.
  const clock = new Clock(realNow);
  const d = createContainer(c.database, { ...c.config, now: () => clock.now() }, { regions: c.regions });
  const accounts = await ensureDemoAccounts(c);
  const as = await demoActors(c, accounts);
  const village = as.operator.regionCode;
  const ctx: Ctx = {
    d,
    as,
    village,
    clock,
    window,
    realNow,
    households: await proposalHouseholds(c, village, opts.seed, determinedBefore, window),
    counts: { usulan: 0, visits: 0, findings: 0 },
  };

  // ---- A−3: two new households through the whole cycle (so the village has households of its own to
  // correct in A−2, whatever the seed put there), determined.
  const before = demoCalendar(determinedBefore, window);
  clock.at(before.proposals);
  const beforeBaru = [await proposeBaru(ctx), await proposeBaru(ctx)];
  const beforeSession = await musdes(ctx, before, (kind) => (kind === 'existing' ? null : 'accept'));
  await signMusdes(ctx, beforeSession, before);
  clock.at(before.visits);
  for (const u of beforeBaru) await visitAndApprove(ctx, u, { approve: true });
  await submitRegency(ctx, before, beforeSession.id);
  clock.at(before.determined);
  await d.penetapan.determine(as.pusdatin, determinedBefore);
  const receiving = (await opts.afterDetermination?.(determinedBefore)) ?? [];

  // ---- A−2: the whole cycle, determined: two new households; a household receiving aid in A−3 is found
  // better off and another moved out; one not receiving lost its means (its deciles move the other way).
  const det = demoCalendar(determined, window);
  clock.at(det.proposals);
  const detBaru = [await proposeBaru(ctx), await proposeBaru(ctx)];
  const betterOff = receiving[0];
  const worseOff = receiving.length > 1 ? receiving.at(-1) : undefined;
  const movedOut = receiving.length > 2 ? receiving[1] : undefined;
  const changes: [UsulanView, string, Partial<HouseholdCreate>][] = [];
  if (betterOff) changes.push([await proposeChanges(ctx, betterOff, BETTER_OFF), betterOff, BETTER_OFF]);
  if (worseOff) changes.push([await proposeChanges(ctx, worseOff, WORSE_OFF), worseOff, WORSE_OFF]);
  const moving = movedOut
    ? await proposeDikeluarkan(ctx, movedOut, 'Pindah ke luar kabupaten bersama seluruh anggota keluarga')
    : null;
  const detSession = await musdes(ctx, det, (kind) => (kind === 'existing' ? null : 'accept'));
  await signMusdes(ctx, detSession, det);
  clock.at(det.visits);
  for (const u of detBaru) await visitAndApprove(ctx, u, { approve: true });
  for (const [u, householdId, fields] of changes) await visitChangeAndApprove(ctx, u, householdId, fields);
  if (moving) await visitRemovalAndApprove(ctx, moving);
  await submitRegency(ctx, det, detSession.id);
  clock.at(det.determined);
  await d.penetapan.determine(as.pusdatin, determined);
  await opts.afterDetermination?.(determined);
  const approvedHouseholds = await householdsFrom(
    c,
    detBaru.map((u) => u.id),
  );

  // ---- A−1: the Musdes signed and the regency's submission forwarded by the province, waiting for Pusdatin;
  // proposals at every later step.
  const sub = demoCalendar(submitted, window);
  clock.at(sub.proposals);
  const toApprove = await proposeBaru(ctx); // verified, waiting for the Dinas Sosial's approval
  const approved = await proposeBaru(ctx); // approved
  const rejected = await proposeBaru(ctx); // not accepted by the Musdes
  const notEligible = await proposeBaru(ctx); // the visit found it not eligible
  const waiting = await proposeBaru(ctx); // accepted, visit assigned, not yet made
  const correction = await proposePerbaikan(ctx, approvedHouseholds[0]!); // visit recorded, to review
  const removal = await proposeDikeluarkan(ctx, approvedHouseholds[1]!, 'Pindah ke luar desa'); // returned
  const subSession = await musdes(ctx, sub, (kind, usulanId) => {
    if (kind === 'existing') return null;
    return usulanId === rejected.id ? 'reject' : 'accept';
  });
  await signMusdes(ctx, subSession, sub);
  clock.at(sub.visits);
  await visitAndApprove(ctx, toApprove, { approve: false });
  await visitAndApprove(ctx, approved, { approve: true });
  await visitAndApprove(ctx, notEligible, { approve: false, notEligible: true });
  await assignVisit(ctx, waiting.id);
  const correctionVisit = await assignVisit(ctx, correction.id);
  await recordCorrectionVisit(ctx, correctionVisit, approvedHouseholds[0]!);
  const reviewer = onScreen(as.dinsos, '/cycle/usulan');
  const r = await d.usulan.get(reviewer, removal.id);
  await d.usulan.returnToVillage(
    reviewer,
    removal.id,
    r.version,
    'Lampirkan surat keterangan pindah dari desa tujuan sebelum diusulkan keluar.',
  );
  await submitRegency(ctx, sub, subSession.id);

  // ---- A: the window's proposals and an open Musdes.
  const cur = demoCalendar(current, window);
  clock.at(cur.proposals, true);
  const accepted = await proposeBaru(ctx);
  await proposeBaru(ctx); // stays submitted: the Musdes has not decided it yet
  const withdrawn = await proposeBaru(ctx);
  const w = await d.usulan.get(as.operator, withdrawn.id);
  await d.usulan.withdraw(as.operator, withdrawn.id, w.version, 'Keluarga pindah ke kabupaten lain.');
  await proposeBaru(ctx, { submit: false }); // a draft
  // Held on its day, or today when that day has not come yet (the window may still be open).
  const today = localDate(realNow, window.timeZone);
  const heldToday = today < cur.heldOn;
  const open = await createMusdes(ctx, current, heldToday ? today : cur.heldOn);
  // Held today: it opens this morning, or right after this morning's proposals when the window opened today
  // (the clock runs on, never past now).
  const day = Number(today.slice(8, 10));
  if (!heldToday) clock.at(cur.musdes);
  else if (day > cur.proposals.day) clock.at({ ...cur.musdes, day }, true);
  await openMusdes(ctx, open);
  await decideRow(ctx, open, accepted.id, 'accept');

  // ---- Dukcapil: an extract of the operator's village with findings to resolve.
  await importDukcapil(ctx);
  return { current, submitted, determined, determinedBefore, ...ctx.counts };
}

// ------------------------------------------------------------------ the calendar and the clock

/** A moment of the demo: a day of a period at an hour, in Jakarta time (the demo regency's). */
export interface Moment {
  period: string;
  day: number;
  hour: number;
}

/**
 * When each step of a period's cycle takes place in the demo, from the period's calendar (never from the
 * day the demo is seeded): proposals on the window's first day; the Musdes the day after the window closes
 * (the 28th at the latest), its Berita Acara signed that afternoon; visits two days later; in the next
 * month the kecamatan acknowledges (2nd), the regency sends the Bupati's letter to the province (5th), the
 * province forwards it (7th, before its automatic deadline) and Pusdatin determines the period (10th).
 */
export function demoCalendar(period: string, window: ProposalWindow) {
  const held = Math.min(window.endDay + 1, 28);
  const next = shiftPeriod(period, 1);
  const visitDay = Math.min(held + 2, 28);
  return {
    proposals: { period, day: window.startDay, hour: 8 },
    heldOn: `${period}-${String(held).padStart(2, '0')}`,
    musdes: { period, day: held, hour: 9 },
    signed: { period, day: held, hour: 13 },
    visits: { period, day: visitDay, hour: visitDay === held ? 15 : 8 },
    acknowledged: { period: next, day: 2, hour: 10 },
    submitted: { period: next, day: 5, hour: 9 },
    forwarded: { period: next, day: 7, hour: 10 },
    determined: { period: next, day: 10, hour: 9 },
  } satisfies Record<string, Moment | string>;
}

export type DemoCalendar = ReturnType<typeof demoCalendar>;

/** The seed's clock: set to a step's moment, then 20 seconds later for each call; never past `limit`. */
class Clock {
  #t: number;
  readonly #limit: number;

  constructor(limit: Date) {
    this.#limit = limit.getTime();
    this.#t = limit.getTime();
  }

  /**
   * Moves to the moment (Jakarta time). With `clamp`, a moment that has not come yet today is replaced by
   * one that has (the current window may have opened this morning).
   */
  at(m: Moment, clamp = false): void {
    const dd = String(Math.min(m.day, 28)).padStart(2, '0');
    const hh = String(m.hour).padStart(2, '0');
    let t = Date.parse(`${m.period}-${dd}T${hh}:00:00+07:00`);
    if (clamp && t > this.#limit - 3_600_000) t = Date.parse(`${m.period}-${dd}T00:01:00+07:00`);
    this.#t = t;
  }

  now(): Date {
    this.#t += 20_000;
    return new Date(Math.min(this.#t, this.#limit));
  }
}

// ------------------------------------------------------------------ actors and inputs

type Who = 'operator' | 'kades' | 'petugas' | 'camat' | 'dinsos' | 'dinsosprov' | 'pusdatin';

/**
 * The screen each demo account works on (its purpose goes with every call, as the web app sends it); the
 * Dinas Sosial's other screens are named where it uses them.
 */
const SCREENS: Record<Who, string> = {
  operator: '/cycle/usulan',
  kades: '/cycle/musdes',
  petugas: '/cycle/verivali',
  camat: '/cycle/berita-acara',
  dinsos: '/cycle/verivali',
  dinsosprov: '/cycle/pengesahan',
  pusdatin: '/cycle/penetapan',
};

interface Ctx {
  d: Container;
  as: Record<Who, Actor>;
  village: string;
  clock: Clock;
  window: ProposalWindow;
  realNow: Date;
  households: () => HouseholdCreate;
  counts: { usulan: number; visits: number; findings: number };
}

/** The demo accounts the cycle walks, each on its screen. */
export async function demoActors(c: Container, accounts: DemoAccount[]): Promise<Record<Who, Actor>> {
  const repo = new UsersRepository();
  const out: Partial<Record<Who, Actor>> = {};
  for (const who of Object.keys(SCREENS) as Who[]) {
    const account = accounts.find((a) => a.username === who)!;
    const user = (await repo.findByUsername(c.database.db, account.username))!;
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      role: user.role as Actor['role'],
      regionCode: user.regionCode,
      ip: null,
      userAgent: 'demo',
    };
    out[who] = onScreen(actor, SCREENS[who]);
  }
  return out as Record<Who, Actor>;
}

/**
 * New households for the village's proposals, generated from their own seed and dated at the start of the
 * first period (nobody is born after the proposal that names them).
 */
export async function proposalHouseholds(
  c: Container,
  villageCode: string,
  seed: string | number,
  firstPeriod: string,
  window: ProposalWindow,
): Promise<() => HouseholdCreate> {
  const v = await c.regions.get(villageCode);
  const districtCode = villageCode.split('.').slice(0, 3).join('.');
  const regency = (await c.regions.find(villageCode.split('.').slice(0, 2).join('.')))?.name ?? '';
  const district = { code: districtCode, regencyName: regency.replace(/^(Kabupaten|Kota)\s+/i, '') };
  const asOf = `${firstPeriod}-${String(window.startDay).padStart(2, '0')}`;
  const generator: HouseholdGenerator = createHouseholdGenerator({ seed: `${seed}-usulan`, asOf });
  const place = { code: v.code, name: v.name, district, provinceDistricts: [district] };
  return () => {
    const {
      reason: _r,
      confirmWarnings: _c,
      ...h
    } = generator.next(place) as HouseholdCreate & {
      reason?: string;
      confirmWarnings?: boolean;
    };
    return h;
  };
}

const photos = new Map<number, Buffer>();

/** A tiny real JPEG (the photos of a proposal or a visit), encoded once per shade (encoding is slow). */
export function photo(shade: number): Buffer {
  let file = photos.get(shade);
  if (!file) {
    const width = 48;
    const height = 32;
    const data = Buffer.alloc(width * height * 4, shade);
    file = Buffer.from(jpeg.encode({ width, height, data }, 80).data);
    photos.set(shade, file);
  }
  return file;
}

/** A minimal well-formed PDF (a scanned KK copy, a signed Berita Acara, an approval letter). */
function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%${text}\n%%EOF\n`,
  );
}

// ------------------------------------------------------------------ usulan

/** A new-household proposal with its four documents, submitted unless told otherwise. */
async function proposeBaru(ctx: Ctx, opts: { submit?: boolean } = {}): Promise<UsulanView> {
  const { d, as } = ctx;
  // A generated household whose NIK or KK happens to be registered already is skipped for the next one.
  for (let attempt = 0; ; attempt++) {
    const household = ctx.households();
    try {
      let u = await d.usulan.create(as.operator, {
        kind: 'baru',
        household,
        reason: 'Keluarga miskin belum terdaftar di DTKS',
        confirmWarnings: true,
      });
      for (const [kind, n] of [
        ['house_front', 1],
        ['house_back', 2],
        ['house_inside', 3],
      ] as const) {
        u = await d.usulan.attach(as.operator, u.id, kind, `foto-rumah-${n}.jpg`, photo(60 + n * 40));
      }
      u = await d.usulan.attach(as.operator, u.id, 'kk_copy', 'salinan-kk.pdf', pdf('Salinan KK'));
      ctx.counts.usulan++;
      return opts.submit === false ? u : d.usulan.submit(as.operator, u.id, u.version);
    } catch (err) {
      if (attempt < 5 && err instanceof AppError && err.kind === 'validation') continue;
      throw err;
    }
  }
}

/** The RT a household's correction moves it to (the demo's RT split): 004, or 005 for one already in 004. */
function rtAfterSplit(rt: string): string {
  return Number(rt) === 4 ? '005' : '004';
}

async function proposePerbaikan(ctx: Ctx, householdId: string): Promise<UsulanView> {
  const { d, as } = ctx;
  const h = await d.households.get(as.operator, householdId);
  const u = await d.usulan.create(as.operator, {
    kind: 'perbaikan',
    householdId,
    // The RT was split: the house keeps its street address and RW, its RT number changes.
    changes: { rt: rtAfterSplit(h.rt) },
    memberChanges: [],
    reason: 'Alamat berubah setelah pemekaran RT',
  });
  ctx.counts.usulan++;
  return d.usulan.submit(as.operator, u.id, u.version);
}

/** A household found better off: a tiled house on PLN power, a car, a fridge, a laptop, savings. */
const BETTER_OFF = {
  floorMaterial: 2,
  wallMaterial: 1,
  electricityPower: 3,
  hasRefrigerator: true,
  hasMotorcycle: true,
  hasCar: true,
  hasLaptop: true,
  hasGas5kg: true,
  hasSavings500k: true,
  mealsPerDay: 3,
} satisfies Partial<HouseholdCreate>;

/** A household that lost its means: motorbike and fridge sold, back to an earth floor, two meals a day. */
const WORSE_OFF = {
  floorMaterial: 8,
  electricityPower: 1,
  hasRefrigerator: false,
  hasMotorcycle: false,
  hasCar: false,
  hasLaptop: false,
  hasSavings500k: false,
  mealsPerDay: 2,
} satisfies Partial<HouseholdCreate>;

/** A correction of a household's living conditions, as the operator proposes it after the RT's report. */
async function proposeChanges(
  ctx: Ctx,
  householdId: string,
  changes: Partial<HouseholdCreate>,
): Promise<UsulanView> {
  const { d, as } = ctx;
  const better = changes === BETTER_OFF;
  const u = await d.usulan.create(as.operator, {
    kind: 'perbaikan',
    householdId,
    changes,
    memberChanges: [],
    reason: better
      ? 'Kondisi ekonomi membaik: rumah direnovasi, memiliki mobil (laporan ketua RT)'
      : 'Kondisi ekonomi memburuk: kepala keluarga kehilangan pekerjaan, aset dijual (laporan ketua RT)',
  } as Parameters<Container['usulan']['create']>[1]);
  ctx.counts.usulan++;
  return d.usulan.submit(as.operator, u.id, u.version);
}

async function proposeDikeluarkan(ctx: Ctx, householdId: string, note: string): Promise<UsulanView> {
  const { d, as } = ctx;
  const u = await d.usulan.create(as.operator, {
    kind: 'dikeluarkan',
    householdId,
    reasonCode: 'moved_out',
    note,
  });
  ctx.counts.usulan++;
  return d.usulan.submit(as.operator, u.id, u.version);
}

async function householdsFrom(c: Container, usulanIds: string[]): Promise<string[]> {
  const rows = await c.database.db
    .selectFrom('usulan')
    .select(['id', 'householdId'])
    .where('id', 'in', usulanIds)
    .execute();
  return usulanIds.map((id) => rows.find((r) => r.id === id)!.householdId!);
}

// ------------------------------------------------------------------ Musdes

type Decision = 'accept' | 'reject' | null;

/**
 * A Musdes in a desa (led by its Kepala Desa, the BPD present), a Muskel in a kelurahan (led by its Lurah,
 * which has no BPD: the LPMK's chair speaks for the community) — the demo's operator village is a kelurahan.
 */
async function createMusdes(ctx: Ctx, period: string, heldOn: string) {
  const { d, as } = ctx;
  const kelurahan = isKelurahan(ctx.village);
  return d.musdes.create(as.kades, {
    villageCode: ctx.village,
    period,
    heldOn,
    place: kelurahan ? 'Aula Kantor Kelurahan' : 'Balai Desa',
    participants: [
      { name: 'Slamet Riyadi', role: kelurahan ? 'lurah' : 'kepala_desa' },
      { name: 'Sri Wahyuni', role: kelurahan ? 'tokoh_masyarakat' : 'bpd' },
      { name: 'Ahmad Fauzi', role: 'tokoh_agama' },
      { name: 'Dwi Lestari', role: 'operator' },
    ],
  });
}

async function openMusdes(ctx: Ctx, s: { id: string; version: number }) {
  return ctx.d.musdes.open(ctx.as.kades, s.id, s.version);
}

/** Every row of the prelist, in order (one page is enough for the demo village). */
async function prelist(ctx: Ctx, sessionId: string) {
  const page = await ctx.d.musdes.rows(ctx.as.kades, sessionId, { limit: 500 });
  return page.items as { id: string; kind: string; usulanId: string | null }[];
}

async function decideRow(ctx: Ctx, s: { id: string }, usulanId: string, decision: 'accept' | 'reject') {
  const row = (await prelist(ctx, s.id)).find((r) => r.usulanId === usulanId)!;
  await decide(ctx, s.id, row, decision);
}

async function decide(
  ctx: Ctx,
  sessionId: string,
  row: { id: string; kind: string },
  decision: 'accept' | 'reject',
) {
  const outcomes: Record<string, [string, string]> = {
    baru: ['usulan_baru', 'dikeluarkan'],
    perbaikan: ['perbaikan', 'tetap'],
    dikeluarkan: ['dikeluarkan', 'tetap'],
  };
  const [yes, no] = outcomes[row.kind]!;
  await ctx.d.musdes.decide(ctx.as.kades, sessionId, row.id, {
    outcome: (decision === 'accept' ? yes : no) as never,
    note: decision === 'accept' ? undefined : 'Tidak disepakati forum: masih mampu secara ekonomi',
  });
}

/**
 * Schedules a session (now, in the window), then on its day opens it, decides every row (existing records
 * stay) and closes it.
 */
async function musdes(
  ctx: Ctx,
  cal: DemoCalendar,
  choose: (kind: string, usulanId: string | null) => Decision,
) {
  const { d, as } = ctx;
  const scheduled = await createMusdes(ctx, cal.musdes.period, cal.heldOn);
  ctx.clock.at(cal.musdes);
  let s = await openMusdes(ctx, scheduled);
  for (const row of await prelist(ctx, s.id)) {
    if (row.kind === 'existing') continue;
    const decision = choose(row.kind, row.usulanId);
    if (decision) await decide(ctx, s.id, row, decision);
  }
  s = (
    await d.musdes.decideBulk(as.kades, s.id, {
      outcome: 'tetap',
      filter: { source: 'existing', undecidedOnly: true },
    })
  ).session;
  return d.musdes.close(as.kades, s.id, s.version);
}

/** The kepala desa signs the Berita Acara on the afternoon of the Musdes and uploads the scan. */
async function signMusdes(ctx: Ctx, s: { id: string; version: number }, cal: DemoCalendar) {
  ctx.clock.at(cal.signed);
  return ctx.d.musdes.uploadSignedScan(
    ctx.as.kades,
    s.id,
    'berita-acara-ditandatangani.pdf',
    pdf('Berita Acara ditandatangani'),
    s.version,
  );
}

// ------------------------------------------------------------------ verivali and approval

async function assignVisit(ctx: Ctx, usulanId: string) {
  ctx.counts.visits++;
  return ctx.d.verivali.assign(ctx.as.dinsos, { usulanId, assignedTo: ctx.as.petugas.userId! });
}

/** The officer visits a proposed new household and finds what was proposed (or finds it not eligible). */
async function visitAndApprove(ctx: Ctx, u: UsulanView, opts: { approve: boolean; notEligible?: boolean }) {
  const { d, as } = ctx;
  let v = await assignVisit(ctx, u.id);
  v = await d.verivali.attachPhoto(as.petugas, v.id, 'rumah-depan.jpg', photo(150));
  const payload = u.payload as { household: HouseholdCreate };
  const { regionCode: _r, members, latitude: _la, longitude: _lo, ...household } = payload.household;
  const instrument = { household, members } as unknown as VisitInstrument;
  v = await d.verivali.record(as.petugas, v.id, {
    version: v.version,
    result: opts.notEligible ? 'not_eligible' : 'found_eligible',
    latitude: GPS.latitude,
    longitude: GPS.longitude,
    notes: opts.notEligible ? 'Rumah permanen, memiliki kendaraan roda empat.' : 'Kondisi sesuai usulan.',
    instrument,
    confirmWarnings: true,
  });
  v = await d.verivali.accept(as.dinsos, v.id, v.version);
  if (!opts.approve) return;
  const reviewer = onScreen(as.dinsos, '/cycle/usulan');
  const verified = await d.usulan.get(reviewer, u.id);
  await d.usulan.approve(reviewer, u.id, verified.version);
}

/** The officer finds the household as its correction says; the Dinas Sosial accepts the visit and approves. */
async function visitChangeAndApprove(
  ctx: Ctx,
  u: UsulanView,
  householdId: string,
  changes: Partial<HouseholdCreate>,
) {
  const { d, as } = ctx;
  let v = await assignVisit(ctx, u.id);
  const h = await d.households.get(as.petugas, householdId);
  const instrument = instrumentFromHousehold(h);
  Object.assign(instrument.household, changes);
  v = await d.verivali.attachPhoto(
    as.petugas,
    v.id,
    'rumah-depan.jpg',
    photo(changes === BETTER_OFF ? 220 : 40),
  );
  v = await d.verivali.record(as.petugas, v.id, {
    version: v.version,
    result: 'found_eligible',
    latitude: GPS.latitude - 0.0017,
    longitude: GPS.longitude + 0.0009,
    notes: 'Kondisi rumah dan aset sesuai usulan perbaikan.',
    instrument,
    confirmWarnings: true,
  });
  v = await d.verivali.accept(as.dinsos, v.id, v.version);
  const reviewer = onScreen(as.dinsos, '/cycle/usulan');
  const verified = await d.usulan.get(reviewer, u.id);
  await d.usulan.approve(reviewer, u.id, verified.version);
}

/** The officer finds the house empty, the family moved away: the removal is verified and approved. */
async function visitRemovalAndApprove(ctx: Ctx, u: UsulanView) {
  const { d, as } = ctx;
  let v = await assignVisit(ctx, u.id);
  v = await d.verivali.record(as.petugas, v.id, {
    version: v.version,
    result: 'moved',
    latitude: GPS.latitude + 0.0008,
    longitude: GPS.longitude + 0.0011,
    notes: 'Rumah kosong; menurut tetangga dan ketua RT keluarga pindah ke luar kabupaten.',
    confirmWarnings: true,
  } as Parameters<Container['verivali']['record']>[2]);
  v = await d.verivali.accept(as.dinsos, v.id, v.version);
  const reviewer = onScreen(as.dinsos, '/cycle/usulan');
  const verified = await d.usulan.get(reviewer, u.id);
  await d.usulan.approve(reviewer, u.id, verified.version);
}

/** The officer finds a household whose proposal corrects its RT: recorded, waiting for review. */
async function recordCorrectionVisit(ctx: Ctx, v: { id: string; version: number }, householdId: string) {
  const { d, as } = ctx;
  const h = await d.households.get(as.petugas, householdId);
  const instrument = instrumentFromHousehold(h);
  instrument.household.rt = rtAfterSplit(h.rt);
  const photographed = await d.verivali.attachPhoto(as.petugas, v.id, 'rumah-depan.jpg', photo(110));
  await d.verivali.attachPhoto(as.petugas, v.id, 'dapur.jpg', photo(200));
  await d.verivali.record(as.petugas, v.id, {
    version: photographed.version,
    result: 'found_eligible',
    latitude: GPS.latitude + 0.0021,
    longitude: GPS.longitude - 0.0013,
    notes: 'RT baru sesuai surat keterangan RT; kondisi rumah tidak berubah.',
    instrument,
    confirmWarnings: true,
  });
}

// ------------------------------------------------------------------ pengesahan

/**
 * A period's pengesahan along the chain the demo's regency and province use: the kecamatan acknowledges the
 * village's signed Berita Acara, the Dinas Sosial uploads the Bupati's letter and sends it to the province,
 * whose Dinas Sosial comments and forwards it to Pusdatin — each on its day of the period's calendar.
 */
async function submitRegency(ctx: Ctx, cal: DemoCalendar, sessionId: string) {
  const { d, as, clock } = ctx;
  const period = cal.musdes.period;
  clock.at(cal.acknowledged);
  await d.chain.acknowledge(as.camat, sessionId, 'Berita Acara lengkap dan ditandatangani.');
  clock.at(cal.submitted);
  const dinsos = onScreen(as.dinsos, '/cycle/pengesahan');
  let { view } = await d.submissions.create(dinsos, { period });
  view = await d.submissions.uploadLetter(
    dinsos,
    view.id,
    'surat-pengesahan-bupati.pdf',
    pdf(`Surat pengesahan Bupati, periode ${period}`),
  );
  // The demo kabupaten's other villages hold no Musdes: sent knowingly, as the confirmation dialog would.
  view = await d.submissions.submit(dinsos, view.id, view.version, true);
  clock.at(cal.forwarded);
  return d.submissions.forward(
    as.dinsosprov,
    view.id,
    view.version,
    'Surat pengesahan dan Berita Acara lengkap; diteruskan ke Pusdatin.',
  );
}

// ------------------------------------------------------------------ Dukcapil

/**
 * An extract of the operator village's members as Dukcapil has them: most match, one of each finding
 * differs (name, birth date, death, another village, a NIK DTKS does not have).
 */
async function importDukcapil(ctx: Ctx) {
  const { d, as } = ctx;
  const people = await d.database.db
    .selectFrom('persons as p')
    .innerJoin('households as h', 'h.id', 'p.householdId')
    .select(['p.nik', 'p.name', 'p.birthDate', 'p.sex', 'p.villageCode', 'h.kkNumber'])
    .where('p.villageCode', '=', ctx.village)
    .where('p.status', '=', 'active')
    .orderBy('p.nik')
    .limit(12)
    .execute();
  const otherVillage = (await d.regions.get(ctx.village.split('.').slice(0, 3).join('.'))).children.find(
    (v) => v.code !== ctx.village,
  )?.code;
  const lines = ['nik,kk_number,name,birth_date,sex,region_code,status'];
  people.forEach((p, n) => {
    let { name, birthDate, villageCode } = p;
    let status = 'alive';
    if (n === 1) name = `${name} Saputra`;
    if (n === 2) birthDate = `${birthDate.slice(0, 8)}${birthDate.slice(8) === '01' ? '02' : '01'}`;
    if (n === 3) status = 'deceased';
    if (n === 4 && otherVillage) villageCode = otherVillage;
    lines.push(
      [p.nik, p.kkNumber, name, birthDate, p.sex, villageCode.replaceAll('.', ''), status].join(','),
    );
  });
  const summary = await d.dukcapil.importExtract(
    onScreen(as.dinsos, '/cycle/dukcapil'),
    [`${lines.join('\n')}\n`],
    {
      fileName: 'ekstrak-dukcapil-desa.csv',
    },
  );
  ctx.counts.findings = summary.open;
}
