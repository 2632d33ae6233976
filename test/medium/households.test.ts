/**
 * Household rules through the service (no HTTP), on every engine: one head, no NIK twice, warnings need
 * confirmation, removal frees NIK and KK, a removed household is frozen, member removal, head replacement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { AppError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts, storedHousehold } from '../support/db-state.ts';
import { failure } from '../support/failure.ts';

const op: Actor = {
  userId: null,
  username: 'op-medium',
  role: 'operator_desa',
  regionCode: PLACES.villageA,
  ip: null,
  userAgent: 'vitest',
};

const issueList = (e: AppError) => e.issues.map((i) => `${i.field}:${i.code}:${i.severity}`);

for (const engine of ENGINES) {
  describe(`household rules (${engine})`, () => {
    let t: TestDb;
    let c: Container;
    let n = 0;
    const fresh = (overrides: Partial<HouseholdCreate> = {}) =>
      makeHousehold(PLACES.villageA, ++n, overrides);

    /** The call fails with `code` and nothing in the database changed. */
    async function refused(call: () => Promise<unknown>, code: string) {
      const before = await rowCounts(c);
      const err = await failure(call());
      expect(err.code, err.message).toBe(code);
      expect(await rowCounts(c)).toEqual(before);
      return err;
    }

    beforeAll(async () => {
      t = await openTestDb(engine);
      c = t.container;
    });
    afterAll(async () => {
      await t.cleanup();
    });

    describe('head of household', () => {
      it('a household needs exactly one head', async () => {
        const none = fresh();
        none.members[0] = { ...none.members[0]!, relationship: 8 };
        const e0 = await refused(() => c.households.create(op, none), 'household.head_count');
        expect(e0.kind).toBe('validation');
        expect(issueList(e0)).toEqual(['members:household.head_count:error']);

        const two = fresh();
        two.members[1] = { ...two.members[1]!, relationship: 1 };
        const e2 = await refused(() => c.households.create(op, two), 'household.head_count');
        expect(issueList(e2)).toEqual(['members:household.head_count:error']);
        expect(e2.text.en).toMatch(/exactly one head/);
      });

      it('a second head cannot be added', async () => {
        const h = await c.households.create(op, fresh());
        const member = {
          nik: makeNik('33.07.01', '1950-03-03', 'M', 7001),
          name: 'Kakek',
          birthDate: '1950-03-03',
          sex: 'M' as const,
          relationship: 1,
        };
        const e = await refused(
          () => c.households.addMember(op, h.id, { version: 1, reason: 'ikut tinggal', member }),
          'household.head_count',
        );
        expect(issueList(e)).toEqual(['member.relationship:household.head_count:error']);
        const added = await c.households.addMember(op, h.id, {
          version: 1,
          reason: 'ikut tinggal',
          member: { ...member, relationship: 6 },
        });
        expect(added.memberCount).toBe(4);
        expect(added.version).toBe(2);
      });

      it('the head is replaced in one step: the new head in, the old head to another relationship', async () => {
        const h = await c.households.create(op, fresh());
        const head = h.members.find((m) => m.relationship === 1)!;
        const spouse = h.members.find((m) => m.relationship === 2)!;
        // Neither half alone keeps exactly one head.
        const promote = await refused(
          () =>
            c.households.updateMember(op, h.id, spouse.id, {
              version: 1,
              reason: 'suami wafat',
              relationship: 1,
            }),
          'household.head_count',
        );
        expect(promote.issues[0]!.field).toBe('relationship');
        await refused(
          () =>
            c.households.updateMember(op, h.id, head.id, { version: 1, reason: 'ganti', relationship: 2 }),
          'household.head_count',
        );
        await refused(
          () => c.households.removeMember(op, h.id, head.id, { version: 1, reasonCode: 'deceased' }),
          'household.head_count',
        );

        const swapped = await c.households.updateMember(op, h.id, spouse.id, {
          version: 1,
          reason: 'suami wafat',
          relationship: 1,
          previousHeadRelationship: 2,
        });
        expect(swapped.version).toBe(2);
        expect(swapped.headName).toBe(spouse.name);
        const rel = Object.fromEntries(swapped.members.map((m) => [m.id, m.relationship]));
        expect(rel[spouse.id]).toBe(1);
        expect(rel[head.id]).toBe(2);
        expect(swapped.members.filter((m) => m.relationship === 1)).toHaveLength(1);

        // Now the former head can leave.
        const removed = await c.households.removeMember(op, h.id, head.id, {
          version: 2,
          reasonCode: 'deceased',
        });
        expect(removed.memberCount).toBe(2);
        expect(removed.headName).toBe(spouse.name);
        const stored = await storedHousehold(c, h.id);
        expect(stored.household).toMatchObject({ headName: spouse.name, memberCount: 2, version: 3 });

        const history = await c.households.history(op, h.id);
        const swap = history.items.find((v) => v.version === 2)!;
        expect(swap.changes.membersChanged.map((m) => m.id).sort()).toEqual([head.id, spouse.id].sort());
      });

      it('previousHeadRelationship must be a known non-head code', async () => {
        const h = await c.households.create(op, fresh());
        const spouse = h.members.find((m) => m.relationship === 2)!;
        for (const previousHeadRelationship of [1, 0, 42]) {
          const e = await failure(
            c.households.updateMember(op, h.id, spouse.id, {
              version: 1,
              reason: 'ganti kepala',
              relationship: 1,
              previousHeadRelationship,
            }),
          );
          expect(e.kind, String(previousHeadRelationship)).toBe('validation');
          expect(e.issues.map((i) => i.field)).toContain('previousHeadRelationship');
        }
        expect((await storedHousehold(c, h.id)).household!.version).toBe(1);
      });
    });

    it('NIK and KK are stored without surrounding whitespace, so a spaced copy is the same number', async () => {
      const input = fresh();
      const h = await c.households.create(op, {
        ...input,
        kkNumber: ` ${input.kkNumber}\t`,
        members: input.members.map((m) => ({ ...m, nik: ` ${m.nik} ` })),
      });
      expect(h.kkNumber).toBe(input.kkNumber);
      expect(h.members.map((m) => m.nik).sort()).toEqual(input.members.map((m) => m.nik).sort());
      await refused(
        () => c.households.create(op, fresh({ kkNumber: input.kkNumber })),
        'kk.already_registered',
      );
      const twin = fresh();
      twin.members[1] = { ...input.members[1]! };
      await refused(() => c.households.create(op, twin), 'nik.already_registered');
    });

    it('a NIK cannot appear twice in one household', async () => {
      const input = fresh();
      input.members[2] = { ...input.members[2]!, nik: input.members[0]!.nik, birthDate: '1980-01-15' };
      const e = await refused(() => c.households.create(op, input), 'household.duplicate_nik');
      expect(issueList(e)).toContain('members.2.nik:household.duplicate_nik:error');
    });

    describe('warnings need confirmation', () => {
      it('a create with a warning is refused with severity warning, then accepted with confirmWarnings', async () => {
        const input = fresh();
        input.members[2] = { ...input.members[2]!, birthDate: '2010-11-21' };
        const e = await refused(() => c.households.create(op, input), 'nik.birth_date_mismatch');
        expect(e.kind).toBe('validation');
        expect(e.issues).toEqual([
          expect.objectContaining({
            field: 'members.2.nik',
            code: 'nik.birth_date_mismatch',
            severity: 'warning',
          }),
        ]);
        const created = await c.households.create(op, { ...input, confirmWarnings: true });
        expect(created.members.map((m) => m.birthDate)).toContain('2010-11-21');
      });

      it('an error is never waved through by confirmWarnings', async () => {
        const input = fresh({ confirmWarnings: true });
        input.members[0] = { ...input.members[0]!, nik: '3307013102800001' };
        await refused(() => c.households.create(op, input), 'nik.invalid_date');
      });

      it('adding and editing a member follow the same rule', async () => {
        const h = await c.households.create(op, fresh());
        const baby = {
          nik: makeNik('33.07.01', '2024-05-06', 'F', 7002),
          name: 'Bayi',
          birthDate: '2024-05-06',
          sex: 'M' as const,
          relationship: 3,
        };
        const e = await refused(
          () => c.households.addMember(op, h.id, { version: 1, reason: 'lahir', member: baby }),
          'nik.sex_mismatch',
        );
        expect(e.issues[0]).toMatchObject({ field: 'member.nik', severity: 'warning' });
        const added = await c.households.addMember(op, h.id, {
          version: 1,
          reason: 'lahir',
          member: baby,
          confirmWarnings: true,
        });
        expect(added.memberCount).toBe(4);
        const child = h.members.find((m) => m.relationship === 3)!;
        await refused(
          () => c.households.updateMember(op, h.id, child.id, { version: 2, reason: 'koreksi', sex: 'F' }),
          'nik.sex_mismatch',
        );
        const fixed = await c.households.updateMember(op, h.id, child.id, {
          version: 2,
          reason: 'koreksi',
          sex: 'F',
          confirmWarnings: true,
        });
        expect(fixed.members.find((m) => m.id === child.id)!.sex).toBe('F');
      });
    });

    describe('removal', () => {
      it('frees the NIKs and the KK number for a new household', async () => {
        const input = fresh();
        const h = await c.households.create(op, input);
        await refused(
          () => c.households.create(op, fresh({ kkNumber: input.kkNumber })),
          'kk.already_registered',
        );
        const again = { ...fresh(), members: input.members };
        await refused(() => c.households.create(op, again), 'nik.already_registered');

        const removed = await c.households.remove(op, h.id, {
          version: 1,
          reasonCode: 'moved_out',
          note: 'pindah',
        });
        expect(removed).toMatchObject({
          status: 'removed',
          removalReason: 'moved_out',
          removalNote: 'pindah',
          version: 2,
        });
        for (const m of removed.members)
          expect(m).toMatchObject({ status: 'removed', removalReason: 'moved_out' });
        // A NIK lookup names its purpose (issue 14: the citizen sees why their record was read).
        const looking = { ...op, purpose: 'cek pindah domisili' };
        const lookup = await failure(c.households.personByNik(looking, input.members[0]!.nik));
        expect(lookup.code).toBe('record.not_found');

        const successor = await c.households.create(op, { ...input, address: 'Rumah baru' });
        expect(successor.id).not.toBe(h.id);
        const found = await c.households.personByNik(looking, input.members[0]!.nik);
        expect(found.household.id).toBe(successor.id);
        // The removed household and its people are still there, unchanged.
        const old = await storedHousehold(c, h.id);
        expect(old.household).toMatchObject({ status: 'removed', kkNumber: input.kkNumber });
        expect(old.persons.every((p) => p.status === 'removed')).toBe(true);
      });

      it('NIK look-ups made together each get their own answer (PostgreSQL reads them in one statement)', async () => {
        const a = await c.households.create(op, fresh());
        const a2 = await c.households.create(op, fresh());
        const opB: Actor = { ...op, username: 'op-medium-b', regionCode: PLACES.villageB };
        const b = await c.households.create(opB, makeHousehold(PLACES.villageB, ++n));
        const looking = { ...op, purpose: 'cek bersama' };
        const absent = makeNik('33.07.01', '1990-01-01', 'M', 9876);
        const asked = [
          a.members[0]!.nik,
          a2.members[1]!.nik,
          b.members[0]!.nik, // outside the actor's village: as absent
          absent,
          a.members[0]!.nik, // the same NIK twice in one group
          a.members[2]!.nik,
        ];
        const answers = await Promise.allSettled(asked.map((nik) => c.households.personByNik(looking, nik)));
        const seen = answers.map((r) =>
          r.status === 'fulfilled'
            ? `${r.value.household.id}:${r.value.person.nik}`
            : (r.reason as AppError).code,
        );
        expect(seen).toEqual([
          `${a.id}:${a.members[0]!.nik}`,
          `${a2.id}:${a2.members[1]!.nik}`,
          'record.not_found',
          'record.not_found',
          `${a.id}:${a.members[0]!.nik}`,
          `${a.id}:${a.members[2]!.nik}`,
        ]);
      });

      it('a removed household cannot be edited (409 with its current state)', async () => {
        const h = await c.households.create(op, fresh());
        await c.households.remove(op, h.id, { version: 1, reasonCode: 'economic_improvement' });
        const stored = await storedHousehold(c, h.id);
        const member = h.members[2]!;
        const attempts: [string, () => Promise<unknown>][] = [
          ['update', () => c.households.update(op, h.id, { version: 2, reason: 'ganti RT', rt: '9' })],
          [
            'addMember',
            () =>
              c.households.addMember(op, h.id, {
                version: 2,
                reason: 'lahir',
                member: {
                  nik: makeNik('33.07.01', '2023-01-01', 'M', 7003),
                  name: 'X',
                  birthDate: '2023-01-01',
                  sex: 'M',
                  relationship: 3,
                },
              }),
          ],
          [
            'updateMember',
            () => c.households.updateMember(op, h.id, member.id, { version: 2, reason: 'ganti', name: 'Y' }),
          ],
          [
            'removeMember',
            () => c.households.removeMember(op, h.id, member.id, { version: 2, reasonCode: 'deceased' }),
          ],
        ];
        for (const [what, call] of attempts) {
          const e = await refused(call, 'household.removed');
          expect(e.kind, what).toBe('state');
          expect(e.status).toBe(409);
          expect(e.extra).toMatchObject({ currentState: 'removed' });
        }
        const twice = await refused(
          () => c.households.remove(op, h.id, { version: 2, reasonCode: 'deceased' }),
          'household.already_removed',
        );
        expect(twice.extra).toMatchObject({ currentState: 'removed' });
        expect(await storedHousehold(c, h.id)).toEqual(stored);
      });
    });

    describe('member removal', () => {
      it('removes one member, frees the NIK, keeps the record, bumps the version', async () => {
        const h = await c.households.create(op, fresh());
        const child = h.members.find((m) => m.relationship === 3)!;
        const after = await c.households.removeMember(op, h.id, child.id, {
          version: 1,
          reasonCode: 'moved_out',
          note: 'ikut suami',
        });
        expect(after).toMatchObject({ memberCount: 2, version: 2 });
        expect(after.members.find((m) => m.id === child.id)).toMatchObject({
          status: 'removed',
          removalReason: 'moved_out',
        });
        const stored = await storedHousehold(c, h.id);
        expect(stored.persons.find((p) => p.id === child.id)).toMatchObject({
          status: 'removed',
          removalNote: 'ikut suami',
          version: 2,
        });
        // The NIK is free: the person can be registered in another household.
        const other = await c.households.create(op, fresh());
        const moved = await c.households.addMember(op, other.id, {
          version: 1,
          reason: 'pindah masuk',
          member: {
            nik: child.nik,
            name: child.name,
            birthDate: child.birthDate,
            sex: child.sex,
            relationship: 4,
          },
        });
        expect(moved.memberCount).toBe(4);
        // A removed member cannot be edited or removed again.
        await refused(
          () => c.households.updateMember(op, h.id, child.id, { version: 2, reason: 'ganti', name: 'Z' }),
          'record.not_found',
        );
        await refused(
          () => c.households.removeMember(op, h.id, child.id, { version: 2, reasonCode: 'deceased' }),
          'record.not_found',
        );
      });

      it('the last member cannot be removed: the household is removed instead', async () => {
        const input = fresh();
        input.members = [input.members[0]!];
        const h = await c.households.create(op, input);
        const e = await refused(
          () => c.households.removeMember(op, h.id, h.members[0]!.id, { version: 1, reasonCode: 'deceased' }),
          'household.last_member',
        );
        expect(e.kind).toBe('validation');
        expect((await storedHousehold(c, h.id)).household).toMatchObject({
          memberCount: 1,
          status: 'active',
        });
      });

      it('refuses an unknown reason and a stale version', async () => {
        const h = await c.households.create(op, fresh());
        await refused(
          () => c.households.removeMember(op, h.id, h.members[2]!.id, { version: 1, reasonCode: 'bosan' }),
          'removal.invalid_reason',
        );
        await c.households.update(op, h.id, { version: 1, reason: 'ganti RT', rt: '3' });
        const stale = await refused(
          () => c.households.removeMember(op, h.id, h.members[2]!.id, { version: 1, reasonCode: 'deceased' }),
          'record.version_conflict',
        );
        expect(stale.extra).toEqual({ currentVersion: 2 });
      });
    });
  });
}
