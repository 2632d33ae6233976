/**
 * `dtks start` on an empty database: fills the demo kabupaten with synthetic households, always the same
 * ones (fixed seed), so every demo installation shows the same data.
 */
import type { Container } from '../container.ts';
import { systemActor } from '../modules/access/actor.ts';
import { seedWithProgress, summarize } from './commands/seed.ts';
import { DEMO_REGENCY } from './demo.ts';

export const DEMO_SEED = 'demo';

/** Seeds `households` synthetic households into DEMO_REGENCY when no household exists; true if it did. */
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
  const result = await seedWithProgress(
    c,
    systemActor('demo'),
    { households, regionCode: DEMO_REGENCY, seed: DEMO_SEED },
    print,
  );
  out(summarize(result));
  return true;
}
