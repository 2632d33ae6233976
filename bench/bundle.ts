/**
 * .siks bundle export and import at a regency's size (issue 16, docs/bundles.md): the online registry's
 * working set of `--households` households (seeded once, synthetic) exported as a signed bundle, then
 * verified and imported into a fresh offline installation (SQLite) that trusts the online key, then imported
 * again (everything unchanged). Wall time per step and the process's peak RSS after each (the target: a
 * regency of 300,000 households under 1 GiB, streamed).
 *
 *   node bench/bundle.ts [--households 300000] [--db <sqlite file or postgres://…>]
 *
 * Results: bench/results/bundle.md.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { flags, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 300_000);
const regency = '33.07';
mkdirSync('bench/tmp', { recursive: true });
const dbUrl = f.get('db') ?? resolve(`bench/tmp/bundle-online-${households}.sqlite`);
const offlineUrl = resolve(`bench/tmp/bundle-offline-${households}.sqlite`);
const out = resolve(`bench/tmp/bundle-${households}.siks`);
const m = machine();
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds (user + system) of this process since `from`, and the 1-minute load average now. */
const cpuS = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};
const load = () => loadavg()[0]!.toFixed(1);
const loads: string[] = [];

const online = createDb(dbUrl);
await migrateToLatest(online);
const on = createContainer(online, { ...loadConfig(), dataDir: resolve('bench/tmp/bundle-online') });
const actor = systemActor('bench');
const have = Number(
  (
    await online.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
if (have < households) {
  console.log(`seeding ${households - have} households into ${regency}`);
  await on.seed.seed(actor, {
    households: households - have,
    regionCode: regency,
    seed: 'bundle',
    chunkSize: 1000,
  });
}
const baseRss = peakMiB();

loads.push(load());
let t = performance.now();
let c = process.cpuUsage();
const manifest = await on.bundles.exportWorkingSet(actor, regency, out);
const exportS = (performance.now() - t) / 1000;
const exportCpu = cpuS(c);
const exportRss = peakMiB();
const size = statSync(out).size;
console.log(
  `export: ${exportS.toFixed(1)} s, ${(size / 2 ** 20).toFixed(1)} MiB, peak ${exportRss} MiB`,
  manifest.counts,
);

rmSync(offlineUrl, { force: true });
const offline = createDb(offlineUrl);
await migrateToLatest(offline);
const off = createContainer(offline, {
  ...loadConfig(),
  dataDir: resolve('bench/tmp/bundle-offline'),
  installationMode: 'offline',
});
await off.bundles
  .trustKey(actor, { name: 'online', publicKey: on.bundles.installationKey().publicKey, regionCode: '' })
  .catch(() => undefined);

loads.push(load());
t = performance.now();
c = process.cpuUsage();
const first = await off.bundles.import(actor, out);
const importS = (performance.now() - t) / 1000;
const importCpu = cpuS(c);
const importRss = peakMiB();
console.log(`import: ${importS.toFixed(1)} s, peak ${importRss} MiB`, first.created, first.unchanged);

loads.push(load());
t = performance.now();
c = process.cpuUsage();
const again = await off.bundles.import(actor, out);
const againS = (performance.now() - t) / 1000;
const againCpu = cpuS(c);
loads.push(load());
const againRss = peakMiB();
console.log(`again: ${againS.toFixed(1)} s, peak ${againRss} MiB`, again.created, again.unchanged);

const report = [
  '# .siks bundle export and import',
  '',
  machineMarkdown(m, `node bench/bundle.ts --households ${households}`),
  `- online engine: ${online.engine.name}; offline installation: SQLite`,
  '',
  `Working set of regency ${regency}: ${manifest.counts.household?.toLocaleString('en')} households, bundle ${(size / 2 ** 20).toFixed(1)} MiB.`,
  'Peak RSS is the process maximum so far (seeding excluded from the steps: it was ' +
    `${baseRss} MiB before the export).`,
  '',
  `1-minute load average at the start of each step and at the end: ${loads.join(', ')}. CPU is this process's`,
  'user + system time (the work itself, less sensitive to the shared machine than wall time).',
  '',
  '| step | wall (s) | CPU (s) | households per CPU-s | peak RSS so far (MiB) | result |',
  '|---|---:|---:|---:|---:|---|',
  `| export (online) | ${exportS.toFixed(1)} | ${exportCpu.toFixed(1)} | ${Math.round(households / exportCpu).toLocaleString('en')} | ${exportRss} | ${Object.entries(
    manifest.counts,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')} |`,
  `| verify + import (offline, first) | ${importS.toFixed(1)} | ${importCpu.toFixed(1)} | ${Math.round(households / importCpu).toLocaleString('en')} | ${importRss} | created ${first.created}, unchanged ${first.unchanged}, skipped ${first.skipped} |`,
  `| verify + import again | ${againS.toFixed(1)} | ${againCpu.toFixed(1)} | ${Math.round(households / againCpu).toLocaleString('en')} | ${againRss} | created ${again.created}, unchanged ${again.unchanged} |`,
  '',
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/bundle.md', report);
console.log(report);
await on.close();
await off.close();
