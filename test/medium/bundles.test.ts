/**
 * Signed transfer bundles (.siks) between an online registry and an offline installation (embedded SQLite):
 * the working set out and back in idempotently, field changes applied through the sync service with a photo,
 * and every tampering case refused with the part named, audited, writing nothing.
 */

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import { canonicalJson } from '../../src/domain/bundles/manifest.ts';
import { newId } from '../../src/lib/ids.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { Ed25519Keys } from '../../src/modules/audit/audit.keys.ts';
import type { OutgoingChange } from '../../src/modules/bundles/bundles.service.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Inside the proposal window (Jakarta time); moved forward between exports. */
let clock = new Date('2026-03-16T09:00:00+07:00');

async function entriesOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', async (e: yauzl.Entry) => {
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
      out.set(e.fileName, Buffer.concat(chunks));
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

/** A copy of a bundle with its entries changed by `mutate`. */
async function tampered(src: string, dst: string, mutate: (e: Map<string, Buffer>) => void): Promise<string> {
  const entries = await entriesOf(src);
  mutate(entries);
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  writeFileSync(dst, Buffer.concat(chunks));
  return dst;
}

/**
 * A copy of a bundle with one NDJSON part's records changed by `mutate`, re-signed with the key in `dataDir`
 * (a signer that is trusted but sends records it should not): a new bundle id, made at `createdAt`.
 */
async function resigned(
  src: string,
  dst: string,
  part: string,
  mutate: (records: { type: string; data: Record<string, unknown> }[]) => unknown[],
  dataDir: string,
  createdAt: Date,
): Promise<string> {
  const entries = await entriesOf(src);
  const records = entries
    .get(part)!
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const bytes = Buffer.from(
    mutate(records)
      .map((r) => `${JSON.stringify(r)}\n`)
      .join(''),
    'utf8',
  );
  entries.set(part, bytes);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
  manifest.bundleId = newId();
  manifest.createdAt = createdAt.toISOString();
  const listed = manifest.parts.find((p: { name: string }) => p.name === part);
  listed.size = bytes.length;
  listed.sha256 = createHash('sha256').update(bytes).digest('hex');
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  const key = new Ed25519Keys({ dataDir }, 'bundle').get();
  entries.set('manifest.json', manifestBytes);
  entries.set(
    'signature.json',
    Buffer.from(
      canonicalJson({
        algorithm: 'Ed25519',
        keyFingerprint: key.keyId,
        signature: key.sign(manifestBytes).toString('base64'),
      }),
      'utf8',
    ),
  );
  return tampered(src, dst, (e) => {
    e.clear();
    for (const [n, b] of entries) e.set(n, b);
  });
}

function flip(b: Buffer, at = 10): Buffer {
  const copy = Buffer.from(b);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

for (const engine of ENGINES) {
  describe(`.siks bundles (online ${engine}, offline sqlite)`, () => {
    let online: TestDb;
    let offline: TestDb;
    let dir: string;
    let dinsos: Actor;
    let camat: Actor;
    let opId: string;
    const system = systemActor('test');
    const ids: string[] = [];

    const draftChange = (n: number): OutgoingChange => {
      const photo = jpegFile(64, 48, 100 + n);
      return {
        change: {
          id: newId(),
          kind: 'usulan.draft',
          targetId: newId(),
          baseVersion: 0,
          recordedAt: clock.toISOString(),
          recordedBy: opId,
          payload: {
            proposal: {
              kind: 'baru',
              household: makeHousehold(PLACES.villageA, 40 + n),
              reason: 'Keluarga miskin',
            },
            photos: [{ ref: 'x', name: 'depan.jpg', kind: 'house_front' }],
          },
        },
        photos: [{ ref: 'x', bytes: photo }],
      };
    };
    async function* fromList(list: OutgoingChange[]) {
      for (const c of list) {
        // the export rewrites refs to the photo's SHA-256, as changes-file.ts does
        const { createHash } = await import('node:crypto');
        const bytes = c.photos[0]!.bytes;
        const ref = createHash('sha256').update(bytes).digest('hex');
        const payload = c.change.payload as { photos: { ref: string }[] };
        payload.photos[0]!.ref = ref;
        yield { change: c.change, photos: [{ ref, bytes }] };
      }
    }
    const exportChanges = async (name: string, list: OutgoingChange[], region: string = PLACES.districtA) => {
      const out = join(dir, name);
      await offline.container.bundles.exportFieldChanges(
        system,
        { region, base: '2026-03-01T00:00:00.000Z', changes: fromList(list) },
        out,
      );
      return out;
    };
    const counts = async () => ({
      usulan: Number(
        (
          await online.container.database.db
            .selectFrom('usulan')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      imports: Number(
        (
          await online.container.database.db
            .selectFrom('bundleImports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });

    beforeAll(async () => {
      online = await openTestDb(engine, { now: () => clock });
      offline = await openTestDb('sqlite', { now: () => clock, installationMode: 'offline' });
      dir = mkdtempSync(join(tmpdir(), 'dtks-bundles-'));
      await createUsers(online.container);
      dinsos = await actorFor(online.container, 'dinsos');
      camat = await actorFor(online.container, 'camat-a');
      opId = (await actorFor(online.container, 'op-a')).userId!;
      for (const n of [1, 2, 3])
        ids.push((await online.container.households.create(system, makeHousehold(PLACES.villageA, n))).id);
      await online.container.households.create(system, makeHousehold(PLACES.villageB, 9));
      // Each side trusts the other for the district.
      await offline.container.bundles.trustKey(system, {
        name: 'DTKS online',
        publicKey: online.container.bundles.installationKey().publicKey,
        regionCode: PLACES.regency,
      });
      await online.container.bundles.trustKey(dinsos, {
        name: 'Laptop Kecamatan A',
        publicKey: offline.container.bundles.installationKey().publicKeyPem,
        regionCode: PLACES.districtA,
      });
    });
    afterAll(async () => {
      await online?.cleanup();
      await offline?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("exports a district's working set and imports it into the offline installation, idempotently", async () => {
      const out = join(dir, 'ws.siks');
      const manifest = await online.container.bundles.exportWorkingSet(camat, PLACES.districtA, out);
      expect(manifest.kind).toBe('working-set');
      expect(manifest.counts.household).toBe(3);
      const verified = await offline.container.bundles.verify(system, out);
      expect(verified).toMatchObject({ ok: true, signer: { name: 'DTKS online' } });

      const first = await offline.container.bundles.import(system, out);
      expect(first).toMatchObject({ created: 3, updated: 0, conflicts: 0, rejected: 0 });
      const copy = await offline.container.households.get(system, ids[0]!);
      const original = await online.container.households.get(system, ids[0]!);
      expect(copy.members.map((m) => m.nik)).toEqual(original.members.map((m) => m.nik));
      expect(copy.version).toBe(original.version);

      const again = await offline.container.bundles.import(system, out);
      expect(again).toMatchObject({ created: 0, updated: 0, conflicts: 0, rejected: 0 });
      expect(again.unchanged).toBe(first.unchanged + 3);
    });

    it('imports only valid household records within the territories, deleting no member', async () => {
      const ws = join(dir, 'ws.siks');
      const db = offline.container.database.db;
      const stored = await db.selectFrom('households').select(['id', 'version', 'villageCode']).execute();
      const persons = async (householdId: string) =>
        db
          .selectFrom('persons')
          .select(['id', 'status'])
          .where('householdId', '=', householdId)
          .orderBy('id')
          .execute();
      let shrunk = '';
      let dropped = '';
      let kept0: { id: string; oldNik: string; nik: string } | undefined;
      let kept2 = '';
      let outside = '';
      const forged = await resigned(
        ws,
        join(dir, 'ws-forged.siks'),
        'parts/household.ndjson',
        (records) =>
          records.map((r, n) => {
            const h = r.data as { id: string; version: number; members: { id: string; nik: string }[] };
            if (n === 0) {
              outside = h.id;
              return { ...r, data: { ...h, regionCode: PLACES.villageB, version: h.version + 1 } };
            }
            if (n === 1) return { ...r, data: { ...h, members: 'x', version: h.version + 1 } };
            shrunk = h.id;
            dropped = h.members[1]!.id;
            kept2 = h.members[2]!.id;
            // The member kept gets a corrected NIK (same region and birth date, another sequence number).
            kept0 = {
              id: h.members[0]!.id,
              oldNik: h.members[0]!.nik,
              nik: `${h.members[0]!.nik.slice(0, 12)}9876`,
            };
            // …and the household moves to another village of the bundle's district.
            return {
              ...r,
              data: {
                ...h,
                regionCode: PLACES.villageA2,
                members: [{ ...h.members[0]!, nik: kept0.nik }, h.members[2]!],
                memberCount: 2,
                version: h.version + 1,
              },
            };
          }),
        online.container.config.dataDir,
        new Date(clock.getTime() + 1000),
      );
      const before = await persons(shrunk);
      const report = await offline.container.bundles.import(system, forged);
      expect(report).toMatchObject({ created: 0, updated: 1, rejected: 2 });
      expect(report.rows.map((r) => [r.line, r.status, r.reason?.code])).toEqual([
        [1, 'rejected', 'bundle.record_outside'],
        [2, 'rejected', 'bundle.record_schema'],
      ]);
      // The record outside the bundle's territory changed nothing.
      const after = await db.selectFrom('households').select(['id', 'version', 'villageCode']).execute();
      expect(after.find((h) => h.id === outside)).toEqual(stored.find((h) => h.id === outside));
      // The member the bundle no longer lists is kept, marked removed.
      const kept = await persons(shrunk);
      expect(kept.map((p) => p.id)).toEqual(before.map((p) => p.id));
      expect(kept.find((p) => p.id === dropped)?.status).toBe('removed');
      expect(
        await db.selectFrom('nikRegistry').select('nik').where('personId', '=', dropped).execute(),
      ).toEqual([]);
      // The corrected NIK replaces the one registered for that member (found through the member's NIKs).
      expect(
        await db.selectFrom('nikRegistry').select('nik').where('personId', '=', kept0!.id).execute(),
      ).toEqual([{ nik: kept0!.nik }]);
      expect(
        await db.selectFrom('nikRegistry').select('nik').where('nik', '=', kept0!.oldNik).execute(),
      ).toEqual([]);
      // Both kept members' NIKs are registered in the village the household moved to, the unchanged one too.
      expect(
        await db
          .selectFrom('nikRegistry')
          .select(['personId', 'villageCode'])
          .where('personId', 'in', [kept0!.id, kept2])
          .orderBy('personId')
          .execute(),
      ).toEqual([kept0!.id, kept2].sort().map((personId) => ({ personId, villageCode: PLACES.villageA2 })));
    });

    it('refuses a working set on an online installation', async () => {
      const out = join(dir, 'ws-from-laptop.siks');
      await offline.container.bundles.exportWorkingSet(system, PLACES.districtA, out);
      const before = await counts();
      await expect(online.container.bundles.import(dinsos, out)).rejects.toMatchObject({
        code: 'bundle.working_set_online',
      });
      expect(await counts()).toEqual(before);
    });

    it('imports field changes through the sync service as their recorder, with photos; again: all unchanged', async () => {
      const before = await counts();
      const file = await exportChanges('changes-1.siks', [draftChange(1), draftChange(2)]);
      const report = await online.container.bundles.import(dinsos, file);
      expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, conflicts: 0, rejected: 0 });
      expect((await counts()).usulan).toBe(before.usulan + 2);
      const again = await online.container.bundles.import(dinsos, file);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, conflicts: 0, rejected: 0 });
      expect((await counts()).usulan).toBe(before.usulan + 2);
    });

    it('takes recordedBy only as a claim: no change reaches a record outside the bundle territory', async () => {
      clock = new Date(clock.getTime() + 30_000);
      const opB = (await actorFor(online.container, 'op-b')).userId!;
      const c = draftChange(6);
      c.change.recordedBy = opB;
      const payload = c.change.payload as { proposal: { household: unknown } };
      payload.proposal.household = makeHousehold(PLACES.villageB, 46);
      const before = await counts();
      const report = await online.container.bundles.import(dinsos, await exportChanges('claim.siks', [c]));
      expect(report).toMatchObject({ created: 0, rejected: 1 });
      expect((await counts()).usulan).toBe(before.usulan);
    });

    it('refuses every tampered bundle naming the part, audits it and writes nothing', async () => {
      clock = new Date(clock.getTime() + 60_000);
      const good = await exportChanges('changes-2.siks', [draftChange(3)]);
      const entries = await entriesOf(good);
      const photo = [...entries.keys()].find((n) => n.startsWith('photos/'))!;
      const before = await counts();
      const cases: [string, (e: Map<string, Buffer>) => void, string, string][] = [
        [
          'flip-changes',
          (e) => e.set('parts/changes.ndjson', flip(e.get('parts/changes.ndjson')!)),
          'parts/changes.ndjson',
          'bundle.part_changed',
        ],
        ['flip-photo', (e) => e.set(photo, flip(e.get(photo)!, 200)), photo, 'bundle.part_changed'],
        [
          'flip-manifest',
          (e) => e.set('manifest.json', flip(e.get('manifest.json')!, 30)),
          'signature.json',
          'bundle.signature_invalid',
        ],
        [
          'added',
          (e) => e.set('parts/extra.ndjson', Buffer.from('{}\n')),
          'parts/extra.ndjson',
          'bundle.part_added',
        ],
        ['removed', (e) => e.delete(photo), photo, 'bundle.part_removed'],
        ['no-signature', (e) => e.delete('signature.json'), 'signature.json', 'bundle.part_removed'],
      ];
      for (const [name, mutate, part, code] of cases) {
        const file = await tampered(good, join(dir, `${name}.siks`), mutate);
        expect(await online.container.bundles.verify(dinsos, file), name).toMatchObject({
          ok: false,
          part,
          code,
        });
        await expect(online.container.bundles.import(dinsos, file), name).rejects.toMatchObject({
          code,
          extra: { part },
        });
      }
      const junk = join(dir, 'junk.siks');
      writeFileSync(junk, 'not a zip at all');
      expect(await online.container.bundles.verify(dinsos, junk)).toMatchObject({
        ok: false,
        code: 'bundle.not_a_bundle',
      });
      // Untrusted: the online installation's own key is not in its registry.
      const own = join(dir, 'own.siks');
      await online.container.bundles.exportWorkingSet(camat, PLACES.districtA, own);
      expect(await online.container.bundles.verify(dinsos, own)).toMatchObject({
        ok: false,
        part: 'signature.json',
        code: 'bundle.untrusted_key',
      });
      // Another territory: the laptop's key is trusted for district A only; and an importer of another regency.
      const districtB = await exportChanges('b.siks', [], PLACES.districtB);
      expect(await online.container.bundles.verify(dinsos, districtB)).toMatchObject({
        ok: false,
        part: 'manifest.json',
        code: 'bundle.territory_key',
      });
      const other = await actorFor(online.container, 'dinsos-other');
      expect(await online.container.bundles.verify(other, good)).toMatchObject({
        code: 'bundle.territory_importer',
      });
      expect(await counts()).toEqual(before);
      const refused = await online.container.database.db
        .selectFrom('auditLog')
        .select('details')
        .where('action', '=', 'bundle.refused')
        .execute();
      expect(refused.length).toBeGreaterThanOrEqual(cases.length * 2 + 4);
      expect(readFileSync(good).length).toBeGreaterThan(0);
    });

    it('refuses an older bundle from the same source after a newer one, then a revoked key', async () => {
      clock = new Date(clock.getTime() + 60_000);
      const older = await exportChanges('older.siks', [draftChange(4)]);
      clock = new Date(clock.getTime() + 60_000);
      const newer = await exportChanges('newer.siks', [draftChange(5)]);
      expect(await online.container.bundles.import(dinsos, newer)).toMatchObject({ created: 1 });
      const before = await counts();
      expect(await online.container.bundles.verify(dinsos, older)).toMatchObject({
        ok: false,
        part: 'manifest.json',
        code: 'bundle.replay_older',
      });
      await expect(online.container.bundles.import(dinsos, older)).rejects.toMatchObject({
        code: 'bundle.replay_older',
      });
      // The newer one again: unchanged.
      expect(await online.container.bundles.import(dinsos, newer)).toMatchObject({
        created: 0,
        unchanged: 1,
      });

      const key = offline.container.bundles.installationKey().fingerprint;
      await online.container.bundles.revokeKey(dinsos, key, 'laptop lost');
      expect(await online.container.bundles.verify(dinsos, newer)).toMatchObject({
        ok: false,
        part: 'signature.json',
        code: 'bundle.revoked_key',
      });
      expect((await counts()).usulan).toBe(before.usulan);
    });
  });
}
