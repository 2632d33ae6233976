/**
 * CPU and bytes of compressing an API answer (src/http/compression.ts compresses every JSON answer of 1 KB or
 * more for a client that accepts it, i.e. every browser): a household list page of 50 rows and a household's
 * ranking answer with 40 contributions, synthetic but shaped like the real ones, at the brotli qualities and
 * gzip levels one could choose. CPU per call is this process's user + system time over the calls.
 *
 *   node bench/compression.ts [--calls 2000] [--out FILE]
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const calls = int(f.get('calls'), 2000);
const names = ['SITI AMINAH', 'SUWARNO', 'MUHAMMAD RIDWAN', 'SRI WAHYUNI', 'AGUS SANTOSO', 'DEWI LESTARI'];
const listPage = JSON.stringify({
  items: Array.from({ length: 50 }, (_, i) => ({
    id: randomUUID(),
    kkNumber: String(3307010000000000 + i * 7919),
    headName: `${names[i % 6]} ${names[(i * 5) % 6]!.split(' ')[0]}`,
    villageCode: `33.07.0${(i % 9) + 1}.200${i % 7}`,
    status: 'active',
    memberCount: 1 + (i % 6),
    updatedAt: new Date(Date.UTC(2026, 10, 1) - i * 3e7).toISOString(),
    version: 1 + (i % 4),
    address: `RT 00${i % 9} RW 00${i % 5} Dusun Krajan`,
  })),
  nextCursor: randomUUID(),
});
const ranking = JSON.stringify({
  householdId: randomUUID(),
  period: '2026-03',
  score: -0.4231,
  deciles: { national: 3, province: 2, regency: 3 },
  contributions: Array.from({ length: 40 }, (_, i) => ({
    code: `q${i}`,
    label: { id: `Jenis lantai terluas ${i}`, en: `Largest floor type ${i}` },
    value: i % 5,
    valueLabel: { id: 'Tanah', en: 'Earth' },
    unit: i % 3 ? null : 'Rp',
    contribution: 0.001 * i,
  })),
});
const codecs: [string, (s: string) => Buffer][] = [
  ...[1, 2, 4].map(
    (q) =>
      [
        `brotli quality ${q}`,
        (s: string) => brotliCompressSync(s, { params: { [constants.BROTLI_PARAM_QUALITY]: q } }),
      ] as [string, (s: string) => Buffer],
  ),
  ...[1, 6].map(
    (level) =>
      [`gzip level ${level}`, (s: string) => gzipSync(s, { level })] as [string, (s: string) => Buffer],
  ),
];

const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const rows: string[] = [];
for (const [answer, body] of [
  ['list page (50 rows)', listPage],
  ['ranking answer', ranking],
] as const) {
  for (const [codec, compress] of codecs) {
    for (let i = 0; i < calls / 10; i++) compress(body);
    const start = process.cpuUsage();
    let bytes = 0;
    for (let i = 0; i < calls; i++) bytes = compress(body).length;
    const used = process.cpuUsage(start);
    const micros = (used.user + used.system) / calls;
    rows.push(
      `| ${answer} | ${fmt(Buffer.byteLength(body))} | ${codec} | ${fmt(bytes)} | ${micros.toFixed(1)} |`,
    );
  }
}
const report = [
  '# Compressing API answers: CPU and bytes',
  '',
  machineMarkdown(machine(), `node bench/compression.ts --calls ${calls}`),
  `- load average at the end (1/5/15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (start: ${load})`,
  '',
  '| answer | JSON bytes | codec | compressed bytes | CPU µs per call |',
  '|---|---:|---|---:|---:|',
  ...rows,
  '',
].join('\n');
const out = f.get('out');
if (out) writeFileSync(out, report);
console.log(report);
