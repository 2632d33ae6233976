/**
 * Version snapshots (`record_versions.snapshot`, src/db/version-snapshot.ts) in format 2 (JSON, raw DEFLATE
 * with a dictionary) and format 3 (households and members as arrays of values, then the same): bytes per
 * household and CPU per encode and per decode, over the seed generator's households (the whole nation) as
 * the households service snapshots them. Formats alternate in each of the rounds, so both see the same load;
 * CPU is this process's user + system time over the calls.
 *
 *   node bench/snapshot-format.ts [--households 20000] [--rounds 5] [--out FILE]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { decodeSnapshot, encodeSnapshot, encodeSnapshotFormat2 } from '../src/db/version-snapshot.ts';
import { localIsoDate } from '../src/domain/calendar.ts';
import { buildHousehold } from '../src/modules/households/households.builder.ts';
import { householdFromRows } from '../src/modules/households/households.mapper.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 20_000);
const rounds = int(f.get('rounds'), 5);
const m = machine();

const path = 'bench/tmp/snapshot-format.sqlite';
mkdirSync('bench/tmp', { recursive: true });
for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
const database = createDb(path);
await migrateToLatest(database); // regions, for the generator
const c = createContainer(database);
const lookup = await c.regions.lookup();
const ctx = {
  now: new Date().toISOString(),
  actorId: null,
  isKnownVillage: (code: string) => lookup(code)?.level === 4,
  isKnownDistrict: (code: string) => lookup(code)?.level === 3,
};
const snapshots: unknown[] = [];
let persons = 0;
for await (const chunk of c.seed.generate({
  households,
  seed: 'bench',
  asOf: localIsoDate(new Date()),
  chunkSize: 500,
})) {
  for (const h of chunk) {
    const b = buildHousehold(h, ctx);
    persons += b.persons.length;
    snapshots.push(householdFromRows(b.household, b.persons));
  }
}
await c.close();
for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });

const cpuUs = (run: () => void) => {
  const start = process.cpuUsage();
  run();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / snapshots.length;
};
const formats = [
  { name: 'format 2 (JSON, DEFLATE + dictionary)', encode: encodeSnapshotFormat2 },
  { name: 'format 3 (arrays of values, DEFLATE + dictionary)', encode: encodeSnapshot },
];
const results = formats.map((x) => {
  const stored = snapshots.map((s) => x.encode(s));
  for (let i = 0; i < stored.length; i++) {
    if (JSON.stringify(decodeSnapshot(stored[i]!)) !== JSON.stringify(snapshots[i])) {
      throw new Error(`${x.name}: snapshot ${i} does not round-trip`);
    }
  }
  const sizes = stored.map((b) => b.byteLength).sort((a, b) => a - b);
  return { ...x, stored, sizes, encodeUs: [] as number[], decodeUs: [] as number[] };
});
for (let r = 0; r < rounds; r++) {
  for (const x of results) {
    x.encodeUs.push(
      cpuUs(() => {
        for (const s of snapshots) x.encode(s);
      }),
    );
    x.decodeUs.push(
      cpuUs(() => {
        for (const b of x.stored) decodeSnapshot(b);
      }),
    );
  }
}
const json =
  snapshots.reduce<number>((a, s) => a + Buffer.byteLength(JSON.stringify(s)), 0) / snapshots.length;
const command = `node bench/snapshot-format.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
const md = [
  '# Version snapshot formats: bytes and CPU per household',
  '',
  machineMarkdown(m, command),
  `- data: ${fmt(households)} households (${fmt(persons)} persons) of the seed generator (seed \`bench\`, the whole nation), snapshotted as the households service does (householdFromRows); JSON ${fmt(json)} bytes a household on average`,
  `- CPU: user + system time of this process per snapshot, median of ${rounds} rounds (formats alternating in each)`,
  `- load average after: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
  '',
  '| format | bytes, mean | p50 | p99 | encode µs | decode µs |',
  '|---|---:|---:|---:|---:|---:|',
  ...results.map(
    (x) =>
      `| ${x.name} | ${fmt(x.sizes.reduce((a, b) => a + b, 0) / x.sizes.length, 1)} | ${fmt(x.sizes[Math.floor(x.sizes.length / 2)]!)} | ${fmt(x.sizes[Math.floor(x.sizes.length * 0.99)]!)} | ${fmt(median(x.encodeUs), 1)} | ${fmt(median(x.decodeUs), 1)} |`,
  ),
  '',
].join('\n');
console.log(md);
const out = f.get('out');
if (out) writeFileSync(out, md);
