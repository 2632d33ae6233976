/**
 * Likely duplicates for the demo's worklist ("Kemungkinan data ganda", src/modules/duplicates). The
 * synthetic households are seeded without looking for duplicates and are distinct by construction, so
 * the demo enters a few families the way near-duplicates reach a real registry — typed in again with
 * another spelling — through the normal create path (the households service, as the village operator or
 * the Dinas Sosial would), which flags them as it flags real ones. One pair of each rule
 * (domain/registry/duplicates.ts):
 *
 * - `person_name_birth`: "Suwarno" in the operator's village and "Soewarno", born the same day, in a
 *   neighbouring village (the old spelling);
 * - `head_name_address`: "Siti Aminah" and "Sitti Aminah" at the same address of the operator's village;
 * - `kk_one_digit`: "Mohammad Ridwan" and "Muhamad Ridwan" in two villages, KK numbers one digit apart.
 *
 * The Dinas Sosial then removes "Sitti Aminah" as a duplicate through the worklist, so it shows an open
 * and a resolved state.
 */
import type { Container } from '../container.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { Candidate } from '../modules/duplicates/duplicates.schemas.ts';
import type { HouseholdCreate, MemberInput } from '../modules/households/households.schemas.ts';
import { onScreen } from './demo.ts';
import { proposalHouseholds } from './demo-cycle.ts';

export interface DemoDuplicatesResult {
  /** The pairs entered, one per rule. */
  pairs: number;
  /** Candidates the worklist holds for them, and how many of those were resolved. */
  candidates: number;
  resolved: number;
}

/** The head names of the demo's pairs, as entered (the test reads the worklist for them). */
export const DEMO_DUPLICATE_HEADS = {
  person_name_birth: ['Suwarno', 'Soewarno'],
  head_name_address: ['Siti Aminah', 'Sitti Aminah'],
  kk_one_digit: ['Mohammad Ridwan', 'Muhamad Ridwan'],
} as const;

export async function seedDemoDuplicates(
  c: Container,
  staff: { operator: Actor; dinsos: Actor },
  opts: { seed: string | number; firstPeriod: string },
): Promise<DemoDuplicatesResult> {
  const operator = onScreen(staff.operator, '/households');
  const dinsos = onScreen(staff.dinsos, '/households');
  const village = operator.regionCode;
  const district = village.split('.').slice(0, 3).join('.');
  const neighbour = (await c.regions.get(district)).children.find((v) => v.code !== village)!.code;
  const window = c.config.proposalWindow;
  const here = await proposalHouseholds(c, village, `${opts.seed}-duplicates-here`, opts.firstPeriod, window);
  const there = await proposalHouseholds(
    c,
    neighbour,
    `${opts.seed}-duplicates-there`,
    opts.firstPeriod,
    window,
  );
  const reason = 'Pendataan keluarga baru oleh petugas';
  const create = (actor: Actor, h: HouseholdCreate) =>
    c.households.create(actor, { ...h, reason, confirmWarnings: true });

  // Suwarno here; Soewarno, born the same day, in the neighbouring village (entered by the Dinas Sosial).
  const suwarno = withHead(headed(here, 'M'), { name: 'Suwarno' });
  await create(operator, suwarno);
  const born = head(suwarno).birthDate;
  await create(dinsos, withHead(headed(there, 'M'), { name: 'Soewarno', birthDate: born }));

  // Siti Aminah and Sitti Aminah at one address of the operator's village.
  const siti = withHead(headed(here, 'F'), { name: 'Siti Aminah' });
  await create(operator, siti);
  const sitti = await create(operator, {
    ...withHead(headed(here, 'F'), { name: 'Sitti Aminah' }),
    address: siti.address,
    rt: siti.rt,
    rw: siti.rw,
  });

  // Mohammad Ridwan here; Muhamad Ridwan there, his KK number one digit off (the last digit mistyped).
  const ridwan = withHead(headed(here, 'M'), { name: 'Mohammad Ridwan' });
  await create(operator, ridwan);
  const last = Number(ridwan.kkNumber.slice(-1));
  await create(dinsos, {
    ...withHead(headed(there, 'M'), { name: 'Muhamad Ridwan' }),
    kkNumber: `${ridwan.kkNumber.slice(0, -1)}${(last + 1) % 10}`,
  });

  // The Dinas Sosial compares Siti Aminah's pair side by side and removes the second entry as a duplicate.
  const reviewer = onScreen(staff.dinsos, '/duplicates');
  const ours = (await c.duplicates.worklist(reviewer, { state: 'open', limit: 200 })).items.filter((x) =>
    isDemoPair(x),
  );
  const pair = ours.find((x) => x.rule === 'head_name_address')!;
  const detail = await c.duplicates.get(reviewer, pair.id);
  const removed = detail.households.find((h) => h.id === sitti.id)!;
  await c.duplicates.resolve(reviewer, pair.id, {
    action: 'remove',
    householdId: removed.id,
    version: removed.version,
    note: 'Keluarga yang sama tercatat dua kali (nama kepala keluarga salah ketik); data kedua dihapus.',
  });
  return { pairs: 3, candidates: ours.length, resolved: 1 };
}

/** Whether a worklist entry is one of the demo's pairs (by its rule and the two heads' names). */
export function isDemoPair(x: Pick<Candidate, 'rule' | 'a' | 'b'>): boolean {
  const names = [x.a.headName, x.b.headName].sort();
  return [...DEMO_DUPLICATE_HEADS[x.rule]].sort().every((n, i) => n === names[i]);
}

/** The next generated household whose head is of `sex` (a renamed head keeps a family that fits). */
function headed(next: () => HouseholdCreate, sex: 'M' | 'F'): HouseholdCreate {
  for (;;) {
    const h = next();
    if (head(h).sex === sex) return h;
  }
}

function head(h: HouseholdCreate): MemberInput {
  return h.members.find((m) => m.relationship === 1)!;
}

/**
 * The household with its head renamed and, given a birth date, born that day: the NIK's date part follows
 * (women's day + 40), its district and serial stay.
 */
function withHead(h: HouseholdCreate, change: { name: string; birthDate?: string }): HouseholdCreate {
  return {
    ...h,
    members: h.members.map((m) => {
      if (m.relationship !== 1) return m;
      if (!change.birthDate) return { ...m, name: change.name };
      const [y, mo, d] = change.birthDate.split('-') as [string, string, string];
      const day = String(Number(d) + (m.sex === 'F' ? 40 : 0)).padStart(2, '0');
      const nik = `${m.nik.slice(0, 6)}${day}${mo}${y.slice(2)}${m.nik.slice(12)}`;
      return { ...m, name: change.name, birthDate: change.birthDate, nik };
    }),
  };
}
