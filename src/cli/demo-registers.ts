/**
 * The PPKS and PSKS records of the demo: after the demo households are seeded, a fixed selection of their
 * members is registered as PPKS (elderly, people with a disability, children), plus a few people without a
 * NIK (homeless, street children), and a small set of social-welfare workers and institutions as PSKS.
 * Everything goes through the register services, so it is validated, versioned and audited like real input.
 * The selection is drawn from DEMO_SEED: the same households give the same records.
 */
import type { Container } from '../container.ts';
import { ageInYears, localIsoDate } from '../domain/calendar.ts';
import type { PpksCategoryCode, PsksKindCode } from '../domain/registry/ppks-psks.ts';
import { personName, type Sex, traditionMix } from '../domain/synthetic/names.ts';
import { createRng, type Rng } from '../domain/synthetic/prng.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { PpksCreate } from '../modules/ppks/ppks.schemas.ts';
import type { PsksCreate } from '../modules/psks/psks.schemas.ts';
import { onScreen } from './demo.ts';

export interface DemoRegisterOptions {
  regencyCode: string;
  /** The demo operator's village: some records are placed there so a village operator sees them. */
  operatorVillage: string;
  seed: string | number;
}

/** A seeded household member, as the selection needs it. */
interface Resident {
  nik: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  disability: number | null;
  villageCode: string;
  districtCode: string;
  rw: string;
  rt: string;
  address: string;
}

const ELDERLY_TARGET = 20;
const DISABILITY_TARGET = 8;
const CHILD_TARGET = 8;
/** Of each group, this many are taken from the operator's village first when it has them. */
const OPERATOR_SHARE = 2;
const TKSK_DISTRICTS = 4;
const PSM_VILLAGES = 6;

/** Creates the demo PPKS and PSKS records; returns how many of each. */
export async function seedDemoRegisters(
  c: Container,
  actor: Actor,
  opts: DemoRegisterOptions,
): Promise<{ ppks: number; psks: number }> {
  const rng = createRng(opts.seed, 'demo-registers', opts.regencyCode);
  const today = localIsoDate(new Date());
  const residents = await loadResidents(c, opts.regencyCode);
  const ppks = planPpks(rng, residents, opts, today);
  for (const body of ppks) await c.ppks.create(onScreen(actor, '/ppks'), body);
  const psks = await planPsks(c, rng, residents, opts, today);
  for (const body of psks) await c.psks.create(onScreen(actor, '/psks'), body);
  return { ppks: ppks.length, psks: psks.length };
}

/** Active members of the regency's households, in NIK order (a stable order on every engine). */
async function loadResidents(c: Container, regencyCode: string): Promise<Resident[]> {
  return c.database.db
    .selectFrom('persons as p')
    .innerJoin('households as h', 'h.id', 'p.householdId')
    .select([
      'p.nik',
      'p.name',
      'p.birthDate',
      'p.sex',
      'p.disability',
      'p.villageCode',
      'p.districtCode',
      'h.rw',
      'h.rt',
      'h.address',
    ])
    .where('p.regencyCode', '=', regencyCode)
    .where('p.status', '=', 'active')
    .where('h.status', '=', 'active')
    .orderBy('p.nik')
    .execute();
}

// ---------------------------------------------------------------- PPKS

function planPpks(rng: Rng, residents: Resident[], opts: DemoRegisterOptions, today: string): PpksCreate[] {
  const age = (r: Resident) => ageInYears(r.birthDate, today) ?? 0;
  const disabled = (r: Resident) => (r.disability ?? 0) > 0;
  const taken = new Set<string>();
  const choose = (fits: (r: Resident) => boolean, target: number): Resident[] => {
    const pool = shuffle(
      rng,
      residents.filter((r) => !taken.has(r.nik) && fits(r)),
    );
    const local = pool.filter((r) => r.villageCode === opts.operatorVillage).slice(0, OPERATOR_SHARE);
    const rest = pool.filter((r) => !local.includes(r));
    const out = [...local, ...rest].slice(0, target);
    for (const r of out) taken.add(r.nik);
    return out;
  };

  const out: PpksCreate[] = [];
  // People with a disability first, so an elderly person with one carries both categories.
  for (const r of choose(disabled, DISABILITY_TARGET)) {
    const categories = [
      period(rng, age(r) < 18 ? 'anak_dengan_kedisabilitasan' : 'penyandang_disabilitas', r, 0, today),
    ];
    if (age(r) >= 60) categories.push(period(rng, 'lanjut_usia_terlantar', r, 60, today));
    else if (age(r) >= 18 && rng.chance(0.3)) categories.push(period(rng, 'fakir_miskin', r, 18, today));
    out.push(fromResident(r, categories));
  }
  for (const r of choose((r) => age(r) >= 60, ELDERLY_TARGET)) {
    const categories = [period(rng, 'lanjut_usia_terlantar', r, 60, today)];
    if (rng.chance(0.25)) categories.push(period(rng, 'fakir_miskin', r, 18, today));
    out.push(fromResident(r, categories));
  }
  for (const r of choose((r) => age(r) < 18, CHILD_TARGET)) {
    const category: PpksCategoryCode = age(r) < 5 ? 'anak_balita_terlantar' : 'anak_terlantar';
    out.push(fromResident(r, [period(rng, category, r, 0, today)]));
  }
  out.push(...withoutNik(rng, opts, today));
  return out;
}

function fromResident(r: Resident, categories: PpksCreate['categories']): PpksCreate {
  return {
    nik: r.nik,
    name: r.name,
    birthDate: r.birthDate,
    sex: r.sex,
    regionCode: r.villageCode,
    rw: r.rw,
    rt: r.rt,
    address: r.address,
    categories,
  };
}

/** People the household data does not know: no NIK, sometimes no birth date, found in public places. */
function withoutNik(rng: Rng, opts: DemoRegisterOptions, today: string): PpksCreate[] {
  const tradition = () => rng.weighted(traditionMix(opts.regencyCode.slice(0, 2)));
  const person = (sex: Sex, birthYear: number) => personName(rng, { tradition: tradition(), sex, birthYear });
  const year = Number(today.slice(0, 4));
  const since = (minDays: number, maxDays: number) => daysBefore(today, rng.int(minDays, maxDays));
  return [
    {
      name: person('M', year - 52),
      sex: 'M',
      regionCode: opts.operatorVillage,
      address: 'Emperan pasar desa',
      notes: 'Tidak memiliki dokumen kependudukan; dijangkau oleh PSM setempat.',
      categories: [
        { category: 'gelandangan', startDate: since(200, 900) },
        { category: 'pengemis', startDate: since(30, 190) },
      ],
    },
    {
      name: person('M', year - 13),
      birthDate: `${year - 13}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      sex: 'M',
      regionCode: opts.operatorVillage,
      notes: 'Tinggal bersama kelompok anak jalanan; orang tua belum ditemukan.',
      categories: [{ category: 'anak_jalanan', startDate: since(60, 500) }],
    },
    {
      name: person('F', year - 67),
      sex: 'F',
      regionCode: opts.operatorVillage,
      notes: 'Ditemukan tanpa identitas; ditampung sementara oleh warga.',
      categories: [
        { category: 'gelandangan', startDate: since(30, 400) },
        { category: 'lanjut_usia_terlantar', startDate: since(30, 400) },
      ],
    },
    {
      name: person('M', year - 38),
      sex: 'M',
      regionCode: opts.operatorVillage,
      address: 'Sekitar tempat pembuangan sampah',
      categories: [{ category: 'pemulung', startDate: since(100, 1500) }],
    },
  ];
}

/**
 * A category period open since a plausible date: within the last six years, and not before the person
 * reached `minAge` (the age the category starts at).
 */
function period(
  rng: Rng,
  category: PpksCategoryCode,
  r: Resident,
  minAge: number,
  today: string,
): PpksCreate['categories'][number] {
  const reached = `${Number(r.birthDate.slice(0, 4)) + minAge}${r.birthDate.slice(4)}`.replace(
    '-02-29',
    '-03-01',
  );
  const drawn = daysBefore(today, rng.int(30, 6 * 365));
  const startDate = [drawn, reached].sort().at(-1)!;
  return { category, startDate: startDate > today ? today : startDate };
}

// ---------------------------------------------------------------- PSKS

async function planPsks(
  c: Container,
  rng: Rng,
  residents: Resident[],
  opts: DemoRegisterOptions,
  today: string,
): Promise<PsksCreate[]> {
  const districts = (await c.regions.get(opts.regencyCode)).children;
  const operatorDistrict = districts.find((d) => opts.operatorVillage.startsWith(`${d.code}.`));
  const year = Number(today.slice(0, 4));
  const adults = residents.filter((r) => {
    const age = year - Number(r.birthDate.slice(0, 4));
    return age >= 25 && age <= 58;
  });
  const used = new Set<string>();
  /** A working-age resident of the area (a NIK, a name and an address), or a generated name when none. */
  const worker = (area: string, village: string): Omit<PsksCreate, 'kind'> => {
    const pool = adults.filter(
      (r) => !used.has(r.nik) && (r.villageCode === area || r.villageCode.startsWith(`${area}.`)),
    );
    if (pool.length) {
      const r = rng.pick(pool);
      used.add(r.nik);
      return { name: r.name, nik: r.nik, regionCode: r.villageCode, address: r.address, phone: mobile(rng) };
    }
    const sex: Sex = rng.chance(0.6) ? 'M' : 'F';
    const tradition = rng.weighted(traditionMix(opts.regencyCode.slice(0, 2)));
    return {
      name: personName(rng, { tradition, sex, birthYear: year - rng.int(28, 55) }),
      regionCode: village,
      phone: mobile(rng),
    };
  };

  const out: PsksCreate[] = [];
  const tkskDistricts = [
    ...(operatorDistrict ? [operatorDistrict] : []),
    ...shuffle(
      rng,
      districts.filter((d) => d !== operatorDistrict),
    ),
  ].slice(0, TKSK_DISTRICTS);
  for (const d of tkskDistricts) {
    const village = rng.pick((await c.regions.get(d.code)).children).code;
    out.push({ kind: 'tksk', ...worker(d.code, village), notes: `TKSK Kecamatan ${d.name}` });
  }

  const psmVillages = [opts.operatorVillage];
  for (const d of tkskDistricts) {
    const villages = shuffle(
      rng,
      (await c.regions.get(d.code)).children.map((v) => v.code),
    );
    for (const v of villages.slice(0, 2)) if (!psmVillages.includes(v)) psmVillages.push(v);
  }
  for (const v of psmVillages.slice(0, PSM_VILLAGES)) {
    out.push({ kind: 'pekerja_sosial_masyarakat', ...worker(v, v) });
  }
  const tagana = tkskDistricts[1] ?? tkskDistricts[0];
  if (tagana) {
    const village = rng.pick((await c.regions.get(tagana.code)).children).code;
    out.push({ kind: 'taruna_siaga_bencana', ...worker(tagana.code, village) });
  }

  const institutions: [PsksKindCode, string, string][] = [
    ['lembaga_kesejahteraan_sosial', 'LKS Lanjut Usia Ngudi Rahayu', 'lks.ngudirahayu'],
    ['lembaga_kesejahteraan_sosial', 'LKSA Panti Asuhan Darul Hadlonah', 'lksa.darulhadlonah'],
    ['lembaga_kesejahteraan_sosial', 'LKS Disabilitas Bina Karya Mandiri', 'lks.binakarya'],
  ];
  const lksVillages = [opts.operatorVillage, ...psmVillages.slice(1)];
  institutions.forEach(([kind, name, mailbox], i) => {
    out.push({
      kind,
      name,
      regionCode: lksVillages[i % lksVillages.length]!,
      address: `Jl. ${rng.pick(['Pemuda', 'Sudirman', 'Diponegoro', 'Kartini', 'Veteran'])} No. ${rng.int(1, 120)}`,
      phone: `(0286) ${rng.int(321000, 329999)}`,
      email: `${mailbox}@example.org`,
    });
  });
  out.push({
    kind: 'karang_taruna',
    name: `Karang Taruna Desa ${(await c.regions.get(opts.operatorVillage)).name}`,
    regionCode: opts.operatorVillage,
    phone: mobile(rng),
  });
  return out;
}

function mobile(rng: Rng): string {
  return `08${rng.pick(['12', '13', '21', '22', '52', '57', '81', '95'])}-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`;
}

// ---------------------------------------------------------------- helpers

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The date `days` days before `date` (both YYYY-MM-DD). */
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
