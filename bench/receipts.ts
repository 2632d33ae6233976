/**
 * Receipt confirmations per second: `POST /api/v1/distribution/receipts` (a `pos` officer's session; the
 * signed QR verified, the entitlement, schedule and household checked, a photo and a signature PNG validated
 * and stored as attachments, the receipt + entitlement + audit entry in one transaction) under autocannon
 * (bench/lib/autocannon-load.ts, its own process), next to a bare Fastify route, on SQLite or PostgreSQL (a
 * fresh database, dropped afterwards).
 * N synthetic households (default 3,000) are seeded in the demo regency, approved for BPNT, handed over as a
 * batch, mapped to one point per kecamatan with a schedule spanning now, accepted by PT Pos. Each request carries a different
 * invitation; once every invitation was received, further requests are repeats answered 409 (counted apart).
 *
 * The photo is a 32×32 PNG by default; `--photo 1280x960` sends a JPEG of that size instead (a phone photo),
 * whose decoding then dominates.
 *
 *   node bench/receipts.ts [--engine sqlite|postgres] [--pg URL] [--households 3000] [--seconds 10]
 *                          [--connections 8] [--photo WxH] [--out FILE]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { sql } from 'kysely';
import { PNG } from 'pngjs';
import { systemActor } from '../src/modules/access/actor.ts';
import { benchLogin, startServers } from './lib/app-server.ts';
import { runAutocannon } from './lib/autocannon-load.ts';
import { benchEngine, freshPgDatabase } from './lib/bench-db.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 3000);
const seconds = int(f.get('seconds'), 10);
const connections = int(f.get('connections'), 8);
const out = f.get('out');
const engine = benchEngine(f.get('engine'));
const engineName = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
const photoSize = f.get('photo')?.split('x').map(Number) as [number, number] | undefined;
if (photoSize && (photoSize.length !== 2 || !photoSize.every((n) => Number.isInteger(n) && n > 0))) {
  throw new Error('--photo WIDTHxHEIGHT');
}
const REGENCY = '33.07';
const PERIOD = '2026-04';
const dir = mkdtempSync(join(tmpdir(), 'dtks-receipts-bench-'));
process.env.DATA_DIR = join(dir, 'data');
const m = machine();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const png = (seed: number) => {
  const img = new PNG({ width: 32, height: 32 });
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7 + seed) & 0xff;
  return PNG.sync.write(img).toString('base64');
};
/** A phone-like photo: smooth gradients with some noise, JPEG quality 85 (encoded once; see `photo`). */
const photoJpeg = (() => {
  if (!photoSize) return null;
  const [width, height] = photoSize;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 255) / width + ((x * y) % 7);
      data[i + 1] = (y * 255) / height + ((x + y) % 5);
      data[i + 2] = ((x + y) * 128) / (width + height) + 60;
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ width, height, data }, 85).data);
})();
/** The n-th request's photo: distinct bytes each (a comment segment after SOI), as distinct photos would be. */
const photo = (n: number) => {
  if (!photoJpeg) return png(n);
  const text = Buffer.from(`receipt ${n}`);
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([photoJpeg.subarray(0, 2), com, text, photoJpeg.subarray(2)]).toString('base64');
};
const pgDb = engine === 'postgres' ? await freshPgDatabase('dtks_bench_receipts', f.get('pg')) : null;

const s = await startServers(pgDb?.url ?? join(dir, 'bench.sqlite'));
try {
  const c = s.container;
  const db = c.database.db;
  const actor = systemActor('bench');
  await c.seed.seed(actor, { households, regionCode: REGENCY, seed: 'bench', asOf: '2026-04-01' }, () => {});
  const runId = crypto.randomUUID();
  const at = new Date().toISOString();
  await db
    .insertInto('recipientRuns')
    .values({
      id: runId,
      period: PERIOD,
      programmeCode: 'BPNT',
      programmeVersion: '1',
      door: 'pusdatin',
      provinceCode: '33',
      regencyCode: REGENCY,
      state: 'approved',
      version: 4,
      evaluated: households,
      candidates: households,
      excluded: 0,
      amount: households * 200_000,
      checksum: null,
      note: null,
      computedAt: at,
      computedBy: null,
      submittedAt: at,
      submittedBy: null,
      decidedAt: at,
      decidedBy: null,
      updatedAt: at,
    })
    .execute();
  await sql`insert into recipients (period, programme_code, household_id, run_id, programme_version, province_code,
      regency_code, village_code, kk_number, head_name, decile, components, amount, approved_at)
    select ${PERIOD}, 'BPNT', id, ${runId}, '1', province_code, regency_code, village_code, kk_number, head_name,
      1, '[]', 200000, ${at} from households where status = 'active'`.execute(db);
  const batch = await c.distribution.createBatch(actor, {
    period: PERIOD,
    programme: 'BPNT',
    regency: REGENCY,
  });
  const districts = (await c.regions.get(REGENCY)).children.map((d) => d.code);
  for (const d of districts) {
    const p = await c.distribution.createPoint(actor, {
      code: `KP-${d.replaceAll('.', '')}`,
      name: `Kantor Pos ${d}`,
      districtCode: d,
      place: 'Jl. Raya',
      coverage: [],
    });
    await c.distribution.addSchedule(actor, p.id, {
      batchId: batch.id,
      tranche: 1,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  }
  await c.distribution.mapBatch(actor, batch.id);
  // Receipts need the batch accepted by PT Pos (docs/distribution.md, 4a).
  const partner = { ...actor, username: 'system:bench-pos', role: 'pos' as const, regionCode: REGENCY };
  await c.distribution.acceptBatch(partner, batch.id, {});
  const bodies: string[] = [];
  for (const v of await c.receipts.invitationVillages(actor, batch.id)) {
    for await (const line of c.receipts.invitationLines(batch.id, v.code, at)) {
      if (!line.pointId) continue;
      bodies.push(
        JSON.stringify({
          qr: c.receipts.qrFor(line),
          photo: photo(bodies.length),
          signature: png(bodies.length + 1),
        }),
      );
    }
  }
  const headers = await benchLogin(s, 'bench-pos', 'pos', REGENCY);
  const loadBefore = load();
  const bare = await runAutocannon({ origin: s.bareOrigin, paths: ['/bare'], seconds, connections });
  const receipts = await runAutocannon({
    origin: s.appOrigin,
    paths: ['/api/v1/distribution/receipts'],
    headers,
    seconds,
    connections,
    method: 'POST',
    bodies,
  });
  const recorded = Number(
    (
      await db
        .selectFrom('receipts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const firstScans = Math.min(recorded, bodies.length) / seconds;
  const result = {
    invitations: bodies.length,
    bare: Math.round(bare.perSecond),
    requestsPerSecond: Math.round(receipts.perSecond),
    recorded,
    firstScansPerSecond: Math.round(firstScans * 10) / 10,
    repeats409: receipts.non2xx,
    p50: receipts.p50,
    p99: receipts.p99,
    serverCpuUs: Math.round(receipts.serverCpuUs),
    errors: receipts.errors,
    loadBefore,
    loadAfter: load(),
  };
  console.log(JSON.stringify(result));
  if (out) {
    writeFileSync(
      out,
      `# Receipt confirmations per second (${engineName})\n\n${machineMarkdown(m, `node bench/receipts.ts --engine ${engine} --households ${households} --seconds ${seconds} --connections ${connections}${photoSize ? ` --photo ${photoSize.join('x')}` : ''}`)}\n\n` +
        '| route | requests/s | receipts recorded (201) | repeats (409) | p50 ms | p99 ms | server CPU µs/request | load average before → after |\n' +
        '|---|---|---|---|---|---|---|---|\n' +
        `| bare Fastify route | ${result.bare} | – | – | ${bare.p50} | ${bare.p99} | ${Math.round(bare.serverCpuUs)} | ${loadBefore} |\n` +
        `| POST /distribution/receipts (${engineName}) | ${result.requestsPerSecond} | ${recorded} in ${seconds} s = ${fmt(result.firstScansPerSecond)}/s | ${result.repeats409} | ${result.p50} | ${result.p99} | ${result.serverCpuUs} | ${loadBefore} → ${result.loadAfter} |\n\n` +
        `${bodies.length} distinct invitations; when all are received, further requests are repeats (409 \`distribution.already_received\`). ` +
        `Photo: ${photoJpeg ? `${photoSize!.join('×')} JPEG, ${fmt(Math.round(photoJpeg.length / 1024))} KiB` : '32×32 PNG'}; signature: 32×32 PNG.\n`,
    );
  }
} finally {
  await s.close();
  await pgDb?.drop();
  rmSync(dir, { recursive: true, force: true });
}
