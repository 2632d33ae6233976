/**
 * The demo's proofs of receipt (docs/distribution.md): on the demo distribution, a few tranche-1 entitlements
 * at each point are received through the receipts service — with a photo and the recipient's signature, every
 * fourth by a representative with a proof document — so the officer's page, the invitations and the
 * reconciliation have "delivered" content on first start. Receipts are dated inside the point's schedule.
 */
import { PNG } from 'pngjs';
import type { Container } from '../container.ts';
import type { Actor } from '../modules/access/actor.ts';

function png(seed: number): string {
  const img = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 13 + seed * 7) & 0xff;
  return PNG.sync.write(img).toString('base64');
}

export async function seedDemoReceipts(
  c: Container,
  officer: Actor,
  key: { period: string; programme: string; regency: string },
  perPoint = 3,
): Promise<number> {
  const db = c.database.db;
  const batch = await db
    .selectFrom('distributionBatches')
    .select('id')
    .where('period', '=', key.period)
    .where('programmeCode', '=', key.programme)
    .where('regencyCode', '=', key.regency)
    .executeTakeFirst();
  if (!batch) return 0;
  const rows = await db
    .selectFrom('entitlements as e')
    .innerJoin('distributionSchedules as s', (j) =>
      j
        .onRef('s.pointId', '=', 'e.pointId')
        .onRef('s.batchId', '=', 'e.batchId')
        .onRef('s.tranche', '=', 'e.tranche'),
    )
    .select(['e.id', 'e.pointId', 'e.villageCode', 's.startsAt', 's.endsAt'])
    .where('e.batchId', '=', batch.id)
    .where('e.tranche', '=', 1)
    .where('e.state', '=', 'allocated')
    .orderBy('e.id')
    .execute();
  const taken = new Map<string, number>();
  let n = 0;
  for (const r of rows) {
    const at = Date.parse(r.startsAt) + 2 * 3600_000;
    if (at > Date.now() || at > Date.parse(r.endsAt)) continue;
    const count = taken.get(r.pointId!) ?? 0;
    if (count >= perPoint) continue;
    let qr = '';
    for await (const line of c.receipts.invitationLines(batch.id, r.villageCode, r.endsAt)) {
      if (line.entitlementId === r.id) qr = c.receipts.qrFor(line);
    }
    if (!qr) continue;
    const byRepresentative = n % 4 === 3;
    await c.receipts.receive(officer, {
      qr,
      photo: png(n),
      ...(byRepresentative
        ? { representative: { name: 'Anggota keluarga (wakil)', proof: png(n + 100) } }
        : { signature: png(n + 200) }),
      deviceId: 'demo',
      clientId: `demo:${r.id}`,
      receivedAt: new Date(at + n * 60_000).toISOString(),
    });
    taken.set(r.pointId!, count + 1);
    n++;
  }
  return n;
}
