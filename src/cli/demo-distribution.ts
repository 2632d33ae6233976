/**
 * The demo's distribution in progress (docs/distribution.md): the demo regency's approved recipients of one
 * cash programme handed to PT Pos in two tranches, a distribution point per kecamatan and one per the demo
 * village's RW 1, schedules, the mapping, and a few records returned by the partner (one completed and
 * re-sent), so the distribution screens have content on first start.
 */
import type { Container } from '../container.ts';
import type { ReturnReason } from '../domain/distribution/states.ts';
import type { Actor } from '../modules/access/actor.ts';

const RETURNS: ReturnReason[] = ['RT_RW_MISSING', 'ADDRESS_MISSING', 'NIK_NAME_MISMATCH', 'NOT_FOUND'];

export async function seedDemoDistribution(
  c: Container,
  actor: Actor,
  partner: Actor,
  key: { period: string; programme: string; regency: string; village: string },
): Promise<{ records: number; points: number; returned: number; mapped: number }> {
  const batch = await c.distribution.createBatch(actor, {
    period: key.period,
    programme: key.programme,
    regency: key.regency,
    tranches: 2,
  });
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
  }
  const page = await c.distribution.records(partner, batch.id, { limit: 40 });
  let returned = 0;
  for (const [i, r] of page.items.entries()) {
    if (i % 10 !== 3) continue;
    const back = await c.distribution.returnRecord(partner, batch.id, r.householdId, {
      reasonCode: RETURNS[returned % RETURNS.length]!,
      note: 'Data tidak lengkap saat pemadanan',
      version: r.version,
    });
    if (returned === 0) {
      await c.distribution.resendRecord(actor, batch.id, r.householdId, {
        rt: String((Number(r.rt) || 0) + 1),
        note: 'RT dilengkapi dari Berita Acara desa',
        version: back.version,
      });
    }
    returned++;
  }
  const { mapped } = await c.distribution.mapBatch(partner, batch.id);
  return { records: batch.records, points, returned, mapped };
}
