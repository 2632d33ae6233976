/**
 * Memory of `dtks recipients list` and of the recipients' Excel export at N recipients (default 300,000): the
 * writers are fed pages of 5,000 synthetic rows (the page size the service reads) and write to a file in
 * bench/tmp; the live heap is sampled after a full collection every 30,000 rows. The JSON list streams page by
 * page (jsonListChunks, as the CLI prints it); the Excel file is the current writer (`recipientsXlsx`,
 * write-excel-file over the whole list in memory, as the API and `--format xlsx` call it). The list runs
 * first, so its RSS is not hidden by the Excel step's high-water. No database: the pages come from a
 * generator, so what is measured is the writers.
 *
 *   node --expose-gc bench/recipients-export.ts [--rows 300000] [--out FILE]
 */
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { jsonListChunks } from '../src/cli/output.ts';
import { type ExportRow, recipientsXlsx } from '../src/modules/recipients/recipients.export.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const total = int(f.get('rows'), 300_000);
const out = f.get('out');
const PAGE = 5000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
mkdirSync('bench/tmp', { recursive: true });
const m = machine();
const mib = (b: number) => fmt(b / 2 ** 20, 0);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function row(i: number): ExportRow {
  const id = i.toString(16).padStart(12, '0');
  return {
    householdId: `0190f000-0000-7000-8000-${id}`,
    kkNumber: `33070101012${String(i % 100_000).padStart(5, '0')}`,
    regionCode: `33.07.${String((i % 26) + 1).padStart(2, '0')}.${2001 + (i % 17)}`,
    headName: `Kepala Keluarga ${i}`,
    decile: (i % 10) + 1,
    amount: 750_000 + (i % 7) * 125_000,
    components: i % 3 ? [{ code: 'ANAK_SD', count: (i % 2) + 1 }] : [],
  };
}

let live: string[] = [];
async function* pages(): AsyncGenerator<ExportRow[]> {
  for (let at = 0; at < total; at += PAGE) {
    const page: ExportRow[] = [];
    for (let i = at; i < Math.min(total, at + PAGE); i++) page.push(row(i));
    yield page;
    if ((at + PAGE) % 30_000 === 0) {
      gc!();
      const u = process.memoryUsage();
      live.push(`${mib(u.heapUsed)}/${mib(u.external)}/${mib(u.rss)}`);
    }
  }
}

const rows: string[] = [];
async function step(name: string, file: string, work: () => Promise<void>) {
  gc!();
  live = [];
  const before = load();
  const rss0 = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  rows.push(
    `| ${name} | ${fmt(s, 1)} | ${fmt((c.user + c.system) / 1e6, 1)} | ${mib(statSync(file).size)} | ${mib(rss0)} → ${mib(process.resourceUsage().maxRSS * 1024)} | ${live.join(' → ') || '—'} | ${before} |`,
  );
  rmSync(file);
}

const xlsx = 'bench/tmp/recipients-export.xlsx';
const json = 'bench/tmp/recipients-export.json';
await step('`recipients list` JSON, streamed', json, async () => {
  await pipeline(Readable.from(jsonListChunks('items', pages())), createWriteStream(json));
});
await step('Excel, whole list (write-excel-file, the current writer)', xlsx, async () => {
  const all: ExportRow[] = [];
  for await (const p of pages()) all.push(...p);
  writeFileSync(xlsx, await buffer(await recipientsXlsx(`KPM PKH 2026-04`, all)));
});

const report = [
  `# Recipients exports: ${total.toLocaleString('en')} rows`,
  '',
  machineMarkdown(m, `node --expose-gc bench/recipients-export.ts --rows ${total}`),
  '',
  '| writer | wall s | CPU s | file MiB | RSS before → high-water, MiB | after a full collection every 30,000 rows: heap used / external / RSS, MiB | load average before |',
  '|---|---:|---:|---:|---|---|---|',
  ...rows,
  '',
].join('\n');
console.log(report);
if (out) writeFileSync(out, report);
