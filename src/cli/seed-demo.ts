/**
 * `dtks start` on an empty database: fills the demo kabupaten with synthetic households, always the same
 * ones (fixed seed), so every demo installation shows the same data, then registers some of their members
 * and a few workers and institutions in the PPKS and PSKS registers (demo-registers.ts), and walks the demo
 * accounts through three periods of the update cycle (demo-cycle.ts).
 */
import type { Container } from '../container.ts';
import { systemActor } from '../modules/access/actor.ts';
import { seedWithProgress, summarize } from './commands/seed.ts';
import { DEMO_REGENCY, demoAccounts } from './demo.ts';
import { seedDemoCycle } from './demo-cycle.ts';
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
  const registers = await seedDemoRegisters(c, actor, {
    regencyCode: DEMO_REGENCY,
    operatorVillage: operator.regionCode,
    seed: DEMO_SEED,
  });
  out(`seeded ${registers.ppks} PPKS and ${registers.psks} PSKS records in ${DEMO_REGENCY}`);
  const cycle = await seedDemoCycle(c, { regencyCode: DEMO_REGENCY, seed: DEMO_SEED });
  out(
    `seeded the update cycle in ${operator.regionCode}: ${cycle.determined} determined, ${cycle.submitted} submitted, ${cycle.current} open (${cycle.usulan} usulan, ${cycle.visits} visits, ${cycle.findings} Dukcapil findings)`,
  );
  // Last, so the demo's earlier cycle activity ran as before the chain: from now on the demo shows it.
  await seedDemoChain(c, actor);
  out(
    `chain: ${DEMO_REGENCY}'s kecamatan acknowledge Berita Acara; province ${DEMO_PROVINCE} reviews submissions (forwarded automatically after ${DEMO_AUTO_FORWARD_DAYS} days)`,
  );
  return true;
}

const DEMO_PROVINCE = DEMO_REGENCY.slice(0, 2);
const DEMO_AUTO_FORWARD_DAYS = 7;

/** The chain as the seeds describe it (src/domain/cycle/chain.ts), on in the demo kabupaten and its province. */
async function seedDemoChain(c: Container, actor: ReturnType<typeof systemActor>): Promise<void> {
  await c.chain.updateSettings(actor, DEMO_REGENCY, { kecamatanAcknowledgement: true });
  await c.chain.updateSettings(actor, DEMO_PROVINCE, {
    provinceReview: true,
    autoForwardDays: DEMO_AUTO_FORWARD_DAYS,
  });
}
