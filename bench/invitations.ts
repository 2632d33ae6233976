/**
 * Invitation letters (undangan) for N KPM (default 1,000,000) as PDF batches per village (default 1,000 KPM
 * per village): the real writer (src/modules/receipts/invitations.pdf.ts — pdfkit, the `qrcode` library's
 * matrix drawn as vector runs, two letters per A4 page) and real Ed25519 signing of every payload with the
 * installation key class, streamed to files in a temporary directory (deleted afterwards; the total size is
 * reported). Lines are synthetic (not read from the database: the service reads them page by page, 500 per
 * statement, which this does not time). `--threads N` writes N villages at once as the job does
 * (src/modules/receipts/invitations.threads.ts: 1 = in this thread, N ≥ 2 = N worker threads fed by this
 * one). Peak RSS and CPU time are the whole process's, every thread included.
 *
 *   node bench/invitations.ts [--kpm 1000000] [--per-village 1000] [--threads 2] [--out bench/results/invitations.md]
 *
 * `--out` appends the run as a table row to that file.
 */
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Keys } from '../src/modules/audit/audit.keys.ts';
import { inThreadWriter, threadWriter } from '../src/modules/receipts/invitations.threads.ts';
import type { InvitationLine } from '../src/modules/receipts/receipts.service.ts';
import { ReceiptsService } from '../src/modules/receipts/receipts.service.ts';
import { flags, fmt, int, machine } from './lib/report.ts';

const f = flags();
const kpm = int(f.get('kpm'), 1_000_000);
const perVillage = int(f.get('per-village'), 1000);
const threads = int(f.get('threads'), 1);
const out = f.get('out');
const dir = mkdtempSync(join(tmpdir(), 'dtks-invitations-bench-'));
const m = machine();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 200);

try {
  const receipts = new ReceiptsService({
    db: null as never,
    keys: new Ed25519Keys({ dataDir: dir }, 'distribution'),
    audit: null as never,
    attachments: null as never,
    programmes: null as never,
  });
  const points = {
    '0193aaaa-0000-7000-8000-000000000001': {
      name: 'Kantor Pos Kalibeber',
      address: 'Jl. Raya Kalibeber No. 1',
    },
  };
  const signer = receipts.signer();
  const writer = threads > 1 ? threadWriter(signer, threads) : inThreadWriter(signer);
  const loadBefore = load();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const mainCpu0 = process.threadCpuUsage();
  let queued = 0;
  let written = 0;
  let bytes = 0;
  let files = 0;
  let nextVillage = 0;
  const lane = async () => {
    while (queued < kpm) {
      const first = queued;
      const n = Math.min(perVillage, kpm - queued);
      queued += n;
      const v = nextVillage++;
      const village = `33.07.${String(1 + Math.floor(v / 100)).padStart(2, '0')}.${2001 + (v % 100)}`;
      async function* lines(): AsyncGenerator<InvitationLine> {
        for (let i = 0; i < n; i++) {
          const k = first + i;
          yield {
            entitlementId: `0193${k
              .toString(16)
              .padStart(8, '0')
              .replace(/^(.{4})/, '$1-')}-7000-8000-000000000000`,
            kkNumber: `3307${String(k).padStart(12, '0')}`,
            headName: `Kepala Keluarga ${k}`,
            address: `Dusun ${k % 17} Jl. Mawar No. ${k % 300}`,
            rt: String(1 + (k % 9)).padStart(3, '0'),
            rw: String(1 + (k % 5)).padStart(3, '0'),
            villageCode: village,
            districtCode: village.slice(0, 8),
            pointId: '0193aaaa-0000-7000-8000-000000000001',
            period: '2026-04',
            programme: 'BPNT',
            tranche: 1,
            amount: 200_000,
            packages: 0,
            until: '2026-04-30T09:00:00.000Z',
            startsAt: '2026-04-20T01:00:00.000Z',
          };
        }
      }
      const path = join(dir, `undangan-${village}.pdf`);
      const letters = await writer.write(
        path,
        { villageName: `Desa ${village}`, programmeName: 'BPNT', points, createdAt: new Date() },
        lines(),
      );
      written += letters;
      bytes += statSync(path).size;
      rmSync(path);
      files++;
      if (files % 50 === 0)
        process.stderr.write(`${written} letters, ${fmt((performance.now() - t0) / 1000)} s\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: writer.lanes }, lane));
  } finally {
    await writer.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = process.threadCpuUsage(mainCpu0);
  // CPU time (user + system) of this process: on the shared machine it is the figure that load does not inflate.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const result = {
    machine: m,
    threads,
    kpm: written,
    villages: files,
    seconds: Math.round(seconds * 10) / 10,
    lettersPerSecond: Math.round(written / seconds),
    cpuMsPerLetter: Math.round((cpuSeconds * 1e6) / written) / 1000,
    lettersPerCpuSecond: Math.round(written / cpuSeconds),
    // This thread's share (with threads ≥ 2: making the lines and posting them; the rest is the workers').
    mainThreadCpuMsPerLetter: Math.round(((mainCpu.user + mainCpu.system) / 1e3 / written) * 1000) / 1000,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    totalMiB: Math.round(bytes / 2 ** 20),
    bytesPerLetter: Math.round(bytes / written),
    loadBefore,
    loadAfter: load(),
  };
  console.log(JSON.stringify(result));
  if (out) {
    // A row of the table in bench/results/invitations.md (the "branch letters" section).
    appendFileSync(
      out,
      `| ${m.date.slice(11, 16)} | ${threads} | ${written.toLocaleString('en')} | ${files} | ${fmt(result.seconds)} s | ${result.lettersPerSecond} | ${result.cpuMsPerLetter} | ${threads > 1 ? result.mainThreadCpuMsPerLetter : '(all)'} | ${result.peakRssMiB} MiB | ${result.bytesPerLetter} | ${result.loadBefore} → ${result.loadAfter} |\n`,
    );
  }
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
