/**
 * Memory of `dtks recipients list` and of the recipients' Excel export at N recipients (default 300,000): the
 * writers are fed pages of 5,000 synthetic rows (the page size the service reads) and write to a file in
 * bench/tmp; the live heap is sampled after a full collection every 30,000 rows. The JSON list streams page by
 * page (jsonListChunks, as the CLI prints it); so does the Excel file (`recipientsXlsx` on the streamed
 * sheet writer src/lib/xlsx-stream.ts, as the API and `--format xlsx` call it: a page is read when the
 * file has taken the previous one's bytes). No database: the pages come from a generator, so what is
 * measured is the writers. (Before the streamed writer, write-excel-file built the whole list: ~1,150 MiB
 * at 300,000 rows, bench/results/recipients-export.md.)
 *
 * `--writer json|xlsx` runs one writer alone, so its RSS high-water is its own (the high-water is the
 * process's).
 *
 *   node --expose-gc bench/recipients-export.ts [--rows 300000] [--writer json|xlsx] [--out FILE]
 */
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { strFromU8, unzipSync } from 'fflate';
import { jsonListChunks } from '../src/cli/output.ts';
import { type ExportRow, recipientsXlsx } from '../src/modules/recipients/recipients.export.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const total = int(f.get('rows'), 300_000);
const out = f.get('out');
const writer = f.get('writer');
if (writer && !['json', 'xlsx'].includes(writer)) throw new Error('--writer json|xlsx');
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
async function step(name: string, file: string, work: () => Promise<void>, check?: () => void) {
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
  check?.(); // after the figures: reading the file back is not part of what is measured
  rmSync(file);
}

const xlsx = 'bench/tmp/recipients-export.xlsx';
const json = 'bench/tmp/recipients-export.json';
if (writer !== 'xlsx') {
  await step('`recipients list` JSON, streamed', json, async () => {
    await pipeline(Readable.from(jsonListChunks('items', pages())), createWriteStream(json));
  });
}
if (writer !== 'json') {
  await step(
    'Excel, streamed (src/lib/xlsx-stream.ts)',
    xlsx,
    async () => {
      await pipeline(recipientsXlsx(`KPM PKH 2026-04`, pages()), createWriteStream(xlsx));
    },
    () => {
      // Every row is in the sheet: title, empty row, header, then one per recipient.
      const sheet = strFromU8(unzipSync(readFileSync(xlsx))['xl/worksheets/sheet1.xml']!);
      const written = sheet.match(/<row /g)?.length ?? 0;
      if (written !== total + 3) throw new Error(`${written - 3} rows in the sheet, ${total} expected`);
    },
  );
}

const report = [
  `# Recipients exports: ${total.toLocaleString('en')} rows`,
  '',
  machineMarkdown(
    m,
    `node --expose-gc bench/recipients-export.ts --rows ${total}${writer ? ` --writer ${writer}` : ''}`,
  ),
  '',
  '| writer | wall s | CPU s | file MiB | RSS before → high-water, MiB | after a full collection every 30,000 rows: heap used / external / RSS, MiB | load average before |',
  '|---|---:|---:|---:|---|---|---|',
  ...rows,
  '',
].join('\n');
console.log(report);
if (out) writeFileSync(out, report);
