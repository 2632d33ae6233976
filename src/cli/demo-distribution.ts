/**
 * The demo's distribution (docs/distribution.md), so the distribution screens have content on first start:
 * - the demo regency's approved recipients of one cash programme handed to PT Pos in two tranches, a
 *   distribution point per kecamatan and one for the demo village's RW 1, schedules and the mapping; a few
 *   records were returned by the partner and completed by the Dinas Sosial (the history shows both), then PT
 *   Pos accepted the batch — so it takes receipts (src/cli/demo-receipts.ts);
 * - a second programme's batch still being cleaned: a few records returned and waiting in the Dinas Sosial's
 *   worklist (one completed and re-sent), the rest mapped to the same points.
 */
import type { Container } from '../container.ts';
import type { ReturnReason } from '../domain/distribution/states.ts';
import type { Actor } from '../modules/access/actor.ts';

const RETURNS: ReturnReason[] = ['RT_RW_MISSING', 'ADDRESS_MISSING', 'NIK_NAME_MISMATCH', 'NOT_FOUND'];

export interface DemoDistribution {
  records: number;
  points: number;
  /** Records of the accepted batch that were returned and completed before PT Pos accepted it. */
  returned: number;
  mapped: number;
  /** The batch still being cleaned, when a second programme was given. */
  cleaning: { programme: string; records: number; returned: number } | null;
}

export async function seedDemoDistribution(
  c: Container,
  actor: Actor,
  partner: Actor,
  key: { period: string; programme: string; regency: string; village: string; cleaning?: string },
): Promise<DemoDistribution> {
  const batch = await c.distribution.createBatch(actor, {
    period: key.period,
    programme: key.programme,
    regency: key.regency,
    tranches: 2,
  });
  const second = key.cleaning
    ? await c.distribution.createBatch(actor, {
        period: key.period,
        programme: key.cleaning,
        regency: key.regency,
      })
    : null;
  const districts = [...new Set((await c.regions.get(key.regency)).children.map((d) => d.code))];
  const [y, m] = key.period.split('-').map(Number) as [number, number];
  const day = (d: number, h: number) => new Date(Date.UTC(y, m - 1, d, h - 7)).toISOString();
  let points = 0;
  const pointIds: string[] = [];
  const village = await c.distribution.createPoint(partner, {
    code: 'KP-DESA-RW1',
    name: 'Balai desa (RW 1)',
    districtCode: key.village.split('.').slice(0, 3).join('.'),
    villageCode: key.village,
    place: 'Balai desa',
    coverage: [{ villageCode: key.village, rw: ['1'] }],
  });
  pointIds.push(village.id);
  points++;
  for (const district of districts) {
    const name = (await c.regions.find(district))?.name ?? district;
    const p = await c.distribution.createPoint(partner, {
      code: `KP-${district.replaceAll('.', '')}`,
      name: `Kantor Pos ${name}`,
      districtCode: district,
      place: `Jl. Raya ${name}`,
      coverage: [],
    });
    pointIds.push(p.id);
    points++;
  }
  for (const id of pointIds) {
    for (const tranche of [1, 2]) {
      await c.distribution.addSchedule(partner, id, {
        batchId: batch.id,
        tranche,
        startsAt: day(tranche === 1 ? 10 : 24, 8),
        endsAt: day(tranche === 1 ? 12 : 26, 15),
      });
    }
    if (second) {
      await c.distribution.addSchedule(partner, id, {
        batchId: second.id,
        tranche: 1,
        startsAt: day(17, 8),
        endsAt: day(19, 15),
      });
    }
  }
  // The accepted batch: every returned record completed and re-sent, then PT Pos accepts it.
  const returned = await returnSome(c, actor, partner, batch.id, 'all');
  const { mapped } = await c.distribution.mapBatch(partner, batch.id);
  await c.distribution.acceptBatch(partner, batch.id, { note: 'Pemadanan selesai' });
  let cleaning: DemoDistribution['cleaning'] = null;
  if (second && key.cleaning) {
    const waiting = await returnSome(c, actor, partner, second.id, 'first');
    await c.distribution.mapBatch(partner, second.id);
    cleaning = { programme: key.cleaning, records: second.records, returned: waiting };
  }
  return { records: batch.records, points, returned, mapped, cleaning };
}

/**
 * PT Pos returns every tenth of the first 40 records with a reason; the Dinas Sosial completes and re-sends
 * `all` of them or only the `first`. Returns how many were returned.
 */
async function returnSome(
  c: Container,
  actor: Actor,
  partner: Actor,
  batchId: string,
  complete: 'all' | 'first',
): Promise<number> {
  const page = await c.distribution.records(partner, batchId, { limit: 40 });
  let returned = 0;
  for (const [i, r] of page.items.entries()) {
    if (i % 10 !== 3) continue;
    const reasonCode = RETURNS[returned % RETURNS.length]!;
    const back = await c.distribution.returnRecord(partner, batchId, r.householdId, {
      reasonCode,
      note: 'Data tidak lengkap saat pemadanan',
      version: r.version,
    });
    if (complete === 'all' || returned === 0) {
      await c.distribution.resendRecord(actor, batchId, r.householdId, {
        ...(reasonCode === 'RT_RW_MISSING'
          ? { rt: String((Number(r.rt) || 0) + 1) }
          : { address: `${r.address}, dusun dilengkapi` }),
        note:
          reasonCode === 'RT_RW_MISSING'
            ? 'RT dilengkapi dari Berita Acara desa'
            : 'Dilengkapi setelah kunjungan pendamping',
        version: back.version,
      });
    }
    returned++;
  }
  return returned;
}
