/**
 * The demo's citizen side (issue 14), so the staff pages /citizen-accounts, /reports and /sanggah and the
 * citizen's own pages have content on first start:
 *
 * - three citizen accounts in the operator's village, all people of demo households: one waiting for the
 *   village's verification (KTP photo and selfie uploaded), one verified (DEMO_CITIZEN_EMAIL, the demo
 *   password), one rejected with a reason;
 * - four laporan in the demo regency: one received and past its triage deadline (overdue), one triaged with
 *   a public reply, one escalated to the kecamatan, one closed with an outcome;
 * - two sanggah by the verified citizen against current recipients of the village: one open, one rejected
 *   by the Dinas Sosial with a reason (the registry is unchanged);
 * - usulan mandiri by the verified citizen: a new family proposed with its KTP, KK and house photos (a draft
 *   in the operator's queue, ready to submit), and a correction request of their own record.
 *
 * Everything goes through the services, as the citizen and the demo accounts, with a clock set to the
 * moment each step happened (a container over the same database with its own `now`, like demo-cycle.ts).
 * The confirmation codes go to a sender of this seed's own (nothing is mailed or logged): the seed reads
 * the code from it, as the citizen would read their e-mail.
 */
import type { Container } from '../container.ts';
import { createContainer } from '../container.ts';
import { isKelurahan } from '../domain/cycle/musdes.ts';
import { AppError } from '../domain/errors.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { CitizenSession } from '../modules/citizen/citizen.service.ts';
import { LogCodeSender } from '../modules/citizen/code-sender.ts';
import { UsersRepository } from '../modules/users/users.repository.ts';
import { asMandiriHousehold } from '../modules/usulan/usulan.schemas.ts';
import { DEMO_PASSWORD, demoAccounts, onScreen } from './demo.ts';
import { photo, proposalHouseholds } from './demo-cycle.ts';

export const DEMO_CITIZEN_EMAIL = 'warga.demo@example.com';
const DEMO_CITIZEN_USERNAME = 'wargademo';

export interface DemoCitizensResult {
  accounts: number;
  pending: number;
  reports: number;
  overdue: number;
  sanggah: number;
  open: number;
  /** Citizens' own proposals of a new family, and correction requests (usulan mandiri). */
  proposals: number;
  corrections: number;
  login: string;
}

const DAY = 86_400_000;

interface Person {
  nik: string;
  birthDate: string;
  name: string;
  householdId: string;
  kkNumber: string;
  address: string;
  rt: string;
  rw: string;
}

/**
 * Seeds the citizen side once: answers null when the demo citizen already exists (a second start, or a
 * database seeded before this step), so nothing is duplicated.
 */
export async function seedDemoCitizens(
  c: Container,
  opts: { regencyCode: string; now?: Date },
): Promise<DemoCitizensResult | null> {
  const db = c.database.db;
  const taken = await db
    .selectFrom('citizenAccounts')
    .select('id')
    .where('username', '=', DEMO_CITIZEN_USERNAME)
    .executeTakeFirst();
  if (taken) return null;

  const realNow = opts.now ?? c.config.now();
  let at = realNow;
  const sender = new LogCodeSender(() => {});
  // Counters in memory (no Redis connection to leave open; the demo's reports use no real client's limit).
  const { redisUrl: _, ...config } = c.config;
  const d = createContainer(
    c.database,
    { ...config, now: () => at, codeSender: sender },
    { regions: c.regions },
  );
  const staff = await actors(c);
  // The staff on the screens they use here (each call carries the screen's purpose, as the web app sends it).
  const as = {
    accounts: onScreen(staff.operator, '/citizen-accounts'),
    operator: onScreen(staff.operator, '/reports'),
    dinsos: onScreen(staff.dinsos, '/reports'),
    sanggah: onScreen(staff.dinsos, '/sanggah'),
  };
  const village = staff.operator.regionCode;
  const set = (daysAgo: number, hour = 9) => {
    const t = new Date(realNow.getTime() - daysAgo * DAY);
    t.setUTCHours(hour - 7, 0, 0, 0); // WIB
    at = t.getTime() < realNow.getTime() ? t : new Date(realNow.getTime() - 60_000);
  };

  // People of the village: current recipients (the sanggah targets), and others (the citizens).
  const people: Person[] = await db
    .selectFrom('persons as p')
    .innerJoin('nikRegistry as n', 'n.personId', 'p.id')
    .innerJoin('households as h', 'h.id', 'p.householdId')
    .select([
      'p.nik',
      'p.name',
      'p.birthDate',
      'h.id as householdId',
      'h.kkNumber',
      'h.address',
      'h.rt',
      'h.rw',
    ])
    .where('h.villageCode', '=', village)
    .where('h.status', '=', 'active')
    .where('p.status', '=', 'active')
    .orderBy('p.nik')
    .execute();
  // Current recipients: of the regency's newest approved period (the demo approves two; a sanggah is
  // against a current one).
  const newest = await db
    .selectFrom('recipients')
    .select((eb) => eb.fn.max('period').as('period'))
    .where('villageCode', '=', village)
    .executeTakeFirst();
  const recipientIds = new Set(
    (
      await db
        .selectFrom('recipients')
        .select('householdId')
        .distinct()
        .where('villageCode', '=', village)
        .where('period', '=', newest?.period ?? '')
        .execute()
    ).map((r) => r.householdId),
  );
  // Citizens are adults (KTP holders: 17 or older).
  const adultBefore = `${realNow.getUTCFullYear() - 17}${realNow.toISOString().slice(4, 10)}`;
  // Two targets in two recipient households when the village has them (else two people of one: the second
  // objection follows the rejected first); the citizens are other people, preferably of other households.
  const recipientPeople = people.filter((p) => recipientIds.has(p.householdId));
  const households = [...new Set(recipientPeople.map((p) => p.householdId))].slice(0, 2);
  const targets =
    households.length > 1
      ? households.map((h) => recipientPeople.find((p) => p.householdId === h)!)
      : recipientPeople.slice(0, 2);
  const rest = people.filter((p) => !targets.includes(p) && p.birthDate <= adultBefore);
  // Households with a proposal on its way come last: the verified citizen's correction request needs none.
  const onItsWay = new Set(
    (
      await db
        .selectFrom('usulan')
        .select('householdId')
        .where('villageCode', '=', village)
        .where('state', 'not in', ['determined', 'withdrawn', 'musdes_rejected', 'not_eligible'])
        .execute()
    ).map((u) => u.householdId),
  );
  const byHousehold = (p: Person) =>
    (onItsWay.has(p.householdId) ? 4 : 0) +
    (households.includes(p.householdId) ? 2 : recipientIds.has(p.householdId) ? 1 : 0);
  const citizens = [...rest].sort((a, b) => byHousehold(a) - byHousehold(b)).slice(0, 3);

  // ---- Citizen accounts.
  const client = { ip: '203.0.113.10', userAgent: 'demo' };
  const register = async (p: Person, n: number, username: string, email: string) => {
    await d.citizen.register(
      {
        nik: p.nik,
        kkNumber: p.kkNumber,
        fullName: p.name,
        address: p.address,
        rt: p.rt,
        rw: p.rw,
        villageCode: village,
        phone: `08123456780${n}`,
        email,
        username,
        password: DEMO_PASSWORD,
      },
      client,
    );
    const code = sender.sent.findLast((m) => m.to === email && m.code)?.code;
    if (!code) throw new Error(`demo: no confirmation code for ${email}`);
    await d.citizen.confirmContact(email, code, client);
    const { token } = await d.citizen.login(email, DEMO_PASSWORD, client);
    const session = (await d.citizen.authenticate(token, client))!;
    await d.citizen.uploadDocument(session, 'ktp_photo', 'ktp.jpg', photo(90 + n * 30));
    await d.citizen.uploadDocument(session, 'ktp_selfie', 'selfie-ktp.jpg', photo(100 + n * 30));
    return session;
  };
  const decide = async (session: CitizenSession, reason?: string) => {
    const account = await d.citizen.getForStaff(as.accounts, session.accountId);
    await d.citizen.decide(
      as.accounts,
      account.id,
      reason === undefined
        ? { action: 'verify', version: account.version }
        : { action: 'reject', version: account.version, reason },
    );
  };
  let accounts = 0;
  let pending = 0;
  let verified: CitizenSession | null = null;
  if (citizens[0]) {
    set(9);
    verified = await register(citizens[0], 1, DEMO_CITIZEN_USERNAME, DEMO_CITIZEN_EMAIL);
    set(8, 10);
    await decide(verified);
    accounts++;
  }
  if (citizens[1]) {
    set(6);
    const s = await register(citizens[1], 2, 'wargaditolak', 'warga.ditolak@example.com');
    set(5, 11);
    await decide(s, 'Foto swafoto tidak jelas dan tidak sama dengan foto KTP; silakan daftar ulang.');
    accounts++;
  }
  if (citizens[2]) {
    set(1);
    await register(citizens[2], 3, 'wargamenunggu', 'warga.menunggu@example.com');
    accounts++;
    pending++;
  }

  // ---- Laporan / pengaduan.
  const channel = d.publicPortal.settings.challenge === 'always' ? 'chat' : 'web';
  const file = async (
    n: number,
    category: Parameters<Container['reports']['create']>[0]['category'],
    text: string,
  ) => {
    const { trackingNumber } = await d.reports.create(
      {
        reporter: { name: `Pelapor Demo ${n}`, phone: `08129876540${n}` },
        villageCode: village,
        // A kelurahan has streets, a desa dusun (the demo's operator village is a kelurahan).
        address: isKelurahan(village) ? 'Jl. Pemuda Gg. Melati' : 'Dusun Krajan',
        rt: '001',
        rw: '001',
        category,
        text,
      },
      { channel, key: channel === 'web' ? `198.51.100.${n}` : `+628129876540${n}` },
    );
    return (await d.reports.idOf(trackingNumber))!;
  };
  set(12); // past its triage deadline (3 working days): the overdue one
  await file(
    1,
    'aid_not_received',
    'Bantuan BPNT bulan ini belum diterima keluarga kami, padahal tetangga sudah menerima.',
  );
  set(3);
  const replied = await file(
    2,
    'data_error',
    'Nama ibu saya salah tulis di data DTKS, mohon diperbaiki sesuai KTP.',
  );
  set(3, 10);
  await d.reports.triage(as.operator, replied, { note: 'Cek KK dan KTP saat kunjungan.' });
  await d.reports.respond(as.operator, replied, {
    text: 'Terima kasih. Silakan bawa KTP dan KK ke kantor desa agar data dapat diperbaiki.',
    public: true,
  });
  set(4);
  const escalated = await file(
    3,
    'recipient_not_poor',
    'Ada penerima bantuan yang memiliki mobil dan toko besar di desa kami.',
  );
  set(4, 11);
  await d.reports.triage(as.operator, escalated, {});
  set(1, 11); // the kecamatan's fresh triage clock has not run out
  await d.reports.escalate(as.operator, escalated, {
    reason: 'Perlu verifikasi lapangan oleh kecamatan.',
  });
  set(6);
  const closed = await file(4, 'aid_cut', 'Bantuan PKH keluarga kami berhenti tanpa pemberitahuan.');
  set(5, 10);
  await d.reports.triage(as.operator, closed, {});
  set(2, 14);
  await d.reports.close(as.operator, closed, {
    outcome: 'resolved',
    reply: 'Bantuan dihentikan karena komponen anak sekolah sudah lulus; keluarga sudah dijelaskan.',
  });
  at = realNow;
  const overdue = (await d.reports.list(as.dinsos, { overdue: true })).total;

  // ---- Sanggah by the verified citizen against current recipients of the village.
  let sanggah = 0;
  let open = 0;
  const against = verified ? targets : [];
  if (verified && against[0]) {
    set(2);
    const decided = await d.sanggah.submit(verified, {
      nik: against[0].nik,
      name: against[0].name,
      reason: 'Keluarga ini memiliki usaha dan kendaraan; menurut saya tidak layak menerima bantuan.',
    });
    set(1, 10);
    const s = await d.sanggah.get(as.sanggah, decided.id);
    await d.sanggah.decide(as.sanggah, decided.id, {
      step: 'reject',
      version: s.version,
      reason: 'Hasil verifikasi: usaha kecil dengan penghasilan di bawah garis kemiskinan; tetap layak.',
    });
    sanggah++;
  }
  if (verified && against[1]) {
    set(0, 8);
    await d.sanggah.submit(verified, {
      nik: against[1].nik,
      name: against[1].name,
      reason: 'Kepala keluarga ini sudah bekerja tetap di kota dan jarang tinggal di desa.',
    });
    sanggah++;
    open++;
  }

  // ---- Usulan mandiri by the verified citizen: a new family with its documents, and a correction.
  let proposals = 0;
  let corrections = 0;
  if (verified) {
    const last = new Date(Date.UTC(realNow.getUTCFullYear(), realNow.getUTCMonth() - 1, 1));
    const next = await proposalHouseholds(
      c,
      village,
      'mandiri',
      last.toISOString().slice(0, 7),
      c.config.proposalWindow,
    );
    set(3, 10);
    // A generated family whose NIK or KK happens to be registered already is skipped for the next one.
    for (let attempt = 0; attempt < 5 && proposals === 0; attempt++) {
      const h = next();
      try {
        const u = await d.usulan.createMandiri(verified, {
          relation: 'other',
          household: asMandiriHousehold(h),
          reason: 'Tetangga kami buruh tani tanpa lahan; penghasilan tidak tetap sejak panen gagal.',
          consent: true,
          confirmWarnings: true,
        });
        const files = [
          ['ktp_photo', 'ktp.jpg'],
          ['kk_copy', 'kk.jpg'],
          ['house_front', 'rumah-depan.jpg'],
          ['house_back', 'rumah-belakang.jpg'],
          ['house_inside', 'rumah-dalam.jpg'],
        ] as const;
        for (const [n, [kind, name]] of files.entries()) {
          await d.usulan.attachForCitizen(verified, u.id, kind, name, photo(70 + n * 30));
        }
        proposals++;
      } catch (err) {
        if (!(err instanceof AppError && err.kind === 'validation')) throw err;
      }
    }
    set(1, 15);
    try {
      await d.usulan.requestCorrection(verified, {
        reason: 'Alamat kami sudah pindah RT sejak pemekaran; mohon diperbaiki.',
        changes: { rt: '004' },
      });
      corrections++;
    } catch (err) {
      // Their household already has a proposal on its way: no second one.
      if (!(err instanceof AppError && err.kind === 'validation')) throw err;
    }
    at = realNow;
  }
  return {
    accounts,
    pending,
    reports: 4,
    overdue,
    sanggah,
    open,
    proposals,
    corrections,
    login: DEMO_CITIZEN_EMAIL,
  };
}

/** The summary line `dtks start` prints. */
export function demoCitizensLine(r: DemoCitizensResult): string {
  return `citizens: ${r.accounts} accounts (${r.pending} pending verification; login ${r.login}), ${r.reports} reports (${r.overdue} overdue), ${r.sanggah} sanggah (${r.open} open), ${r.proposals} usulan mandiri, ${r.corrections} correction request`;
}

async function actors(c: Container): Promise<Record<'operator' | 'dinsos', Actor>> {
  const accounts = await demoAccounts(c);
  const repo = new UsersRepository();
  const out: Partial<Record<'operator' | 'dinsos', Actor>> = {};
  for (const who of ['operator', 'dinsos'] as const) {
    const account = accounts.find((a) => a.username === who)!;
    const user = (await repo.findByUsername(c.database.db, account.username))!;
    out[who] = {
      userId: user.id,
      username: user.username,
      role: user.role as Actor['role'],
      regionCode: user.regionCode,
      ip: null,
      userAgent: 'demo',
    };
  }
  return out as Record<'operator' | 'dinsos', Actor>;
}
