/**
 * Name search through the service on every engine: the trigram index answers fragments (SQLite FTS5,
 * PostgreSQL pg_trgm) and stays in step when a head's name changes; tolerant search finds other spellings
 * (Soewarno for Suwarno, Sitti Aminah for Siti Aminah) and ranks close matches first; territory applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const actor = (role: Actor['role'], regionCode: string): Actor => ({
  userId: null,
  username: `${role}-search`,
  role,
  regionCode,
  ip: null,
  userAgent: 'vitest',
});
const dinsos = actor('dinsos_kab', PLACES.regency);
const admin = actor('admin', '');
const opB = actor('operator_desa', PLACES.villageB);

for (const engine of ENGINES) {
  describe(`name search (${engine})`, () => {
    let t: TestDb;
    let c: Container;
    const ids = new Map<string, string>();

    async function register(village: string, n: number, head: string) {
      const h = makeHousehold(village, n);
      h.members[0]!.name = head;
      const created = await c.households.create(admin, { ...h, confirmWarnings: true });
      ids.set(head, created.id);
      return created;
    }
    const listNames = async (who: Actor, q: string) =>
      (await c.households.list(who, { q, status: 'active', limit: 50 })).items.map((i) => i.headName).sort();
    const searchNames = async (who: Actor, q: string) =>
      (await c.households.searchNames(who, { q, status: 'active', limit: 50 })).items.map((i) => i.headName);

    beforeAll(async () => {
      t = await openTestDb(engine);
      c = t.container;
      await register(PLACES.villageA, 901, 'Soewarno Saputro');
      await register(PLACES.villageA, 902, 'Suwarno');
      await register(PLACES.villageA2, 903, 'Sitti Aminah');
      await register(PLACES.villageB, 904, 'Djoko Tjiptono');
      await register(PLACES.villageB, 905, 'Siti Aminah');
      await register(PLACES.villageB, 906, 'Suwarni');
      await register(PLACES.otherVillage, 907, 'Suwarno Hadi');
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('finds a fragment of a head name through the index, within the territory', async () => {
      expect(await listNames(dinsos, 'warno')).toEqual(['Soewarno Saputro', 'Suwarno']);
      expect(await listNames(admin, 'warno')).toEqual(['Soewarno Saputro', 'Suwarno', 'Suwarno Hadi']);
      expect(await listNames(opB, 'warn')).toEqual(['Suwarni']);
      expect(await listNames(dinsos, 'zqxw')).toEqual([]);
      // Shorter than a trigram: the territory scan, same answer.
      expect(await listNames(dinsos, 'dj')).toEqual(['Djoko Tjiptono']);
    });

    it('finds other spellings and ranks the closest first', async () => {
      const suwarno = await searchNames(dinsos, 'Suwarno');
      expect(suwarno.slice(0, 2).sort()).toEqual(['Soewarno Saputro', 'Suwarno']);
      expect(suwarno).not.toContain('Suwarno Hadi');
      // The exact spelling before the folded one at the same score.
      expect(suwarno[0]).toBe('Suwarno');
      const siti = await searchNames(dinsos, 'Siti Aminah');
      expect(siti.sort()).toEqual(['Siti Aminah', 'Sitti Aminah']);
      expect(await searchNames(dinsos, 'Joko Ciptono')).toEqual(['Djoko Tjiptono']);
      expect(await searchNames(opB, 'Sitti Aminah')).toEqual(['Siti Aminah']);
      // One letter wrong (a typing slip, not a spelling variant): still found, below the exact spelling.
      expect(await searchNames(dinsos, 'Suwarno Saputra')).toEqual(['Soewarno Saputro']);
      expect((await searchNames(dinsos, 'Sitti Aminab')).sort()).toEqual(['Siti Aminah', 'Sitti Aminah']);
      const scored = await c.households.searchNames(dinsos, { q: 'soewarno', status: 'active', limit: 5 });
      expect(scored.items[0]!.score).toBe(1);
    });

    it('answers fragments of several words, of short words only, and a slip in the first word alike', async () => {
      // Words cut anywhere (PostgreSQL asks its index for the trigrams tiling each word, then the substring).
      expect(await listNames(dinsos, 'rno sapu')).toEqual(['Soewarno Saputro']);
      expect(await listNames(dinsos, 'soewarno saputro')).toEqual(['Soewarno Saputro']);
      // No word as long as a trigram: the substring alone.
      expect(await listNames(dinsos, 'ti am')).toEqual(['Siti Aminah', 'Sitti Aminah']);
      expect(await listNames(dinsos, 'o s')).toEqual(['Soewarno Saputro']);
      // One letter wrong in the first word: every tile but one is still there.
      expect(await searchNames(dinsos, 'Suwarmo Saputro')).toEqual(['Soewarno Saputro']);
      expect(await searchNames(dinsos, 'Djoko Tjiptomo')).toEqual(['Djoko Tjiptono']);
    });

    it('finds a household by a member NIK, registered or removed, and drops a removed one from name search', async () => {
      const created = await register(PLACES.villageA, 908, 'Wagiyem Rahayu');
      const nik = created.members[1]!.nik;
      const byNumber = async (status: 'active' | 'removed' | 'all') =>
        (await c.households.list(dinsos, { q: nik, status, limit: 50 })).items.map((i) => i.id);
      expect(await byNumber('active')).toEqual([created.id]);
      expect(await searchNames(dinsos, 'Wagiyem')).toEqual(['Wagiyem Rahayu']);
      await c.households.remove(admin, created.id, { version: created.version, reasonCode: 'deceased' });
      expect(await byNumber('active')).toEqual([]);
      expect(await byNumber('removed')).toEqual([created.id]);
      expect(await byNumber('all')).toEqual([created.id]);
      // The name index holds the status: a removed household leaves the search of active ones at once.
      expect(await searchNames(dinsos, 'Wagiyem')).toEqual([]);
      expect(
        (await c.households.searchNames(dinsos, { q: 'Wagiyem', status: 'removed', limit: 5 })).items.map(
          (i) => i.headName,
        ),
      ).toEqual(['Wagiyem Rahayu']);
    });

    it('keeps the index in step when the head is renamed', async () => {
      const id = ids.get('Djoko Tjiptono')!;
      const h = await c.households.get(admin, id);
      const head = h.members.find((m) => m.relationship === 1)!;
      await c.households.updateMember(admin, id, head.id, {
        version: h.version,
        reason: 'ejaan nama diperbaiki',
        name: 'Bambang Wijaya',
        confirmWarnings: true,
      });
      expect(await listNames(dinsos, 'tjipto')).toEqual([]);
      expect(await searchNames(dinsos, 'Joko Ciptono')).toEqual([]);
      expect(await listNames(dinsos, 'bang wij')).toEqual(['Bambang Wijaya']);
      expect(await searchNames(dinsos, 'bambang')).toEqual(['Bambang Wijaya']);
    });

    it("ranks candidates by their heads' current names, after a rename and after a removal", async () => {
      // SQLite's name index keeps no copy of the names (migration 084): the candidates' names, which the
      // ranking reads, come from `households`. Registered in this order: the ranking's tie-break.
      const exact = await register(PLACES.villageA2, 911, 'Purnomo Sidik');
      const slip = await register(PLACES.villageA2, 912, 'Purnomo Sidin');
      const renamed = await register(PLACES.villageA2, 913, 'Purnomo Sadik');
      const ranked = async () =>
        (
          await c.households.searchNames(dinsos, { q: 'Purnomo Sidik', status: 'active', limit: 50 })
        ).items.map((i) => [i.id, i.score] as const);
      const before = new Map(await ranked());
      expect([...before.keys()][0]).toBe(exact.id);
      expect(before.get(exact.id)).toBe(1);
      // One letter wrong each: found, below the exact spelling.
      expect(before.get(slip.id)).toBeLessThan(1);
      expect(before.get(renamed.id)).toBeLessThan(1);

      const h = await c.households.get(admin, renamed.id);
      const head = h.members.find((m) => m.relationship === 1)!;
      await c.households.updateMember(admin, h.id, head.id, {
        version: h.version,
        reason: 'ejaan nama diperbaiki',
        name: 'Purnomo Sidik',
        confirmWarnings: true,
      });
      // Now an exact match: beside the first, before the slip.
      expect((await ranked()).map(([id]) => id)).toEqual([exact.id, renamed.id, slip.id]);
      expect((await ranked())[1]![1]).toBe(1);

      await c.households.remove(admin, exact.id, { version: exact.version, reasonCode: 'deceased' });
      expect((await ranked()).map(([id]) => id)).toEqual([renamed.id, slip.id]);
      const removed = await c.households.searchNames(dinsos, {
        q: 'Purnomo Sidik',
        status: 'removed',
        limit: 5,
      });
      expect(removed.items.map((i) => [i.id, i.headName, i.score])).toEqual([[exact.id, 'Purnomo Sidik', 1]]);
    });
  });
}
