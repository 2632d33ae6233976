/**
 * `dtks ppks …` and `dtks psks …` on each engine: add from a file (and from standard input), list with
 * filters as JSON and walking pages, show, edit with a version (and a stale one refused), history, remove, an
 * invalid file refused field by field with nothing written, and territory with --as: a village operator
 * neither lists, shows nor edits another village's record (it is "not found").
 *
 * In the first test, `add` (from a file with --json, and from standard input), the text `show`, the table
 * `list` and a refused `list` run as processes of their own (`runDtks`, inside `own`): argv, standard input,
 * stdout and stderr as pipes (non-terminal output), exit codes 0 and 2, --json. Every other command runs the
 * same command tree inside the test's process (`runDtksInProcess`): what those prove — filters, validation,
 * territory, versions, history, paging — is the commands' and services', not the process's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { PpksCreate } from '../../src/modules/ppks/ppks.schemas.ts';
import { makeNik } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const system = systemActor('test');

/** The ids of listed records, in the order listed. */
const ids = (items: { id: string }[]) => items.map((i) => i.id);

let serial = 8100;
function ppksInput(regionCode: string, overrides: Record<string, unknown> = {}) {
  const birthDate = '1948-03-12';
  return {
    nik: makeNik('33.07.01', birthDate, 'F', serial++),
    name: 'Mbah Sumiyati',
    birthDate,
    sex: 'F' as const,
    regionCode,
    rw: '3',
    rt: '12',
    categories: [{ category: 'lanjut_usia_terlantar', startDate: '2023-01-01' }],
    ...overrides,
  };
}

for (const engine of ENGINES) {
  // Each test runs the CLI a dozen times or more; the first, each a process of its own.
  describe(`dtks ppks / dtks psks (${engine})`, { timeout: 120_000 }, () => {
    let t: TestDb;
    let dir: string;
    let n = 0;
    /** Whether `run` spawns `dtks` (inside `own`) or calls its commands in this process (everywhere else). */
    let ownProcess = false;
    beforeEach(() => {
      ownProcess = false;
    });
    const run = (...args: string[]) => (ownProcess ? runDtks : runDtksInProcess)(args, { url: t.url });
    /** Runs `body` with every `run` in it a process of its own. */
    const own = async <T>(body: () => Promise<T>): Promise<T> => {
      ownProcess = true;
      try {
        return await body();
      } finally {
        ownProcess = false;
      }
    };
    /** Writes `body` to a fresh JSON file and answers its path. */
    const file = (body: unknown) => {
      const path = join(dir, `body-${n++}.json`);
      writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
      return path;
    };
    const json = async (...args: string[]) => {
      const r = await run(...args, '--json');
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    /** Runs a command that must be refused (exit code 2) and answers its output. */
    const refused = async (...args: string[]) => {
      const r = await run(...args);
      expect(r.code, r.stdout).toBe(2);
      return r;
    };
    /** `dtks REGISTER edit ID --file PATH --version V --reason R`, then any further options. */
    const editArgs = (register: string, id: string, path: string, version: string, reason: string) => [
      register,
      'edit',
      id,
      '--file',
      path,
      '--version',
      version,
      '--reason',
      reason,
    ];
    /** `dtks REGISTER remove ID --reason R --version V`, then any further options. */
    const removeArgs = (register: string, id: string, reason: string, version: string) => [
      register,
      'remove',
      id,
      '--reason',
      reason,
      '--version',
      version,
    ];
    /** A PPKS record added straight through the service. */
    const addPpks = (regionCode: string, overrides: Record<string, unknown>) =>
      t.container.ppks.create(system, PpksCreate.parse(ppksInput(regionCode, overrides)));
    /** Every PPKS record with its version: what a refused command must leave as it was. */
    const allPpks = async () =>
      (await t.container.ppks.list(system, { status: 'all', limit: 200 })).items.map((i) => ({
        id: i.id,
        version: i.version,
      }));

    beforeAll(async () => {
      t = await openTestDb(engine);
      dir = mkdtempSync(join(tmpdir(), 'dtks-registers-cli-'));
      await createUsers(t.container);
    });
    afterAll(async () => {
      await t?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('adds a PPKS from a file, shows it, lists it with filters, edits it with its version and shows the history (partly own process)', async () => {
      const input = ppksInput('3307012001');
      const added = await own(() => json('ppks', 'add', '--file', file(input), '--as', 'op-a'));
      expect(added).toMatchObject({
        nik: input.nik,
        name: 'Mbah Sumiyati',
        regionCode: PLACES.villageA,
        rw: '003',
        rt: '012',
        status: 'active',
        version: 1,
        warnings: [],
        categories: [{ category: 'lanjut_usia_terlantar', startDate: '2023-01-01', endDate: null }],
      });
      // The same record through the service, as the API would answer it.
      const { warnings: _w, ...stored } = added;
      expect(await json('ppks', 'show', added.id, '--as', 'op-a')).toEqual(
        JSON.parse(JSON.stringify(await t.container.ppks.get(system, added.id))),
      );
      expect(stored).toEqual(JSON.parse(JSON.stringify(await t.container.ppks.get(system, added.id))));
      const text = await own(() => run('ppks', 'show', added.id));
      expect(text.stdout).toMatch(/^name +Mbah Sumiyati$/m);
      expect(text.stdout).toContain('Kaligowong (33.07.01.2001)');

      // From standard input, another category in another village.
      const other = await runDtks(['ppks', 'add', '--file', '-', '--json'], {
        url: t.url,
        stdin: JSON.stringify(
          ppksInput(PLACES.villageB, {
            name: 'Darto Wiyono',
            categories: [{ category: 'penyandang_disabilitas', startDate: '2022-06-01' }],
          }),
        ),
      });
      expect(other.code, other.stderr).toBe(0);
      const darto = JSON.parse(other.stdout);
      expect(darto).toMatchObject({ name: 'Darto Wiyono', regionCode: PLACES.villageB, version: 1 });

      expect(ids(await json('ppks', 'list')).sort()).toEqual([added.id, darto.id].sort());
      const byCategory = await json('ppks', 'list', '--category', 'penyandang_disabilitas');
      expect(byCategory).toEqual([
        expect.objectContaining({ id: darto.id, name: 'Darto Wiyono', nik: darto.nik, status: 'active' }),
      ]);
      expect(ids(await json('ppks', 'list', '--region', '3307012001'))).toEqual([added.id]);
      expect(ids(await json('ppks', 'list', '--q', 'darto'))).toEqual([darto.id]);
      expect(ids(await json('ppks', 'list', '--q', input.nik))).toEqual([added.id]);
      expect(await json('ppks', 'list', '--limit', '1')).toHaveLength(1);
      expect(await json('ppks', 'list', '--status', 'removed')).toEqual([]);
      const table = await own(() => run('ppks', 'list', '--region', PLACES.villageA));
      expect(table.stdout.split('\n')[0]).toMatch(/^id +name +nik +village/);
      expect(table.stdout).toMatch(
        new RegExp(`^${added.id} +Mbah Sumiyati +${input.nik} +33\\.07\\.01\\.2001 `, 'm'),
      );
      expect(table.stderr).toContain('1 PPKS record');
      const unknown = await own(() => run('ppks', 'list', '--category', 'tukang_sapu'));
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(
        'category: Unknown PPKS category: tukang_sapu (ppks.unknown_category)',
      );
      expect(unknown.stdout).toBe('');

      const patch = file({
        address: 'Dusun Krajan',
        categories: [{ category: 'penyandang_disabilitas', startDate: '2022-06-01' }],
      });
      const edited = await json(...editArgs('ppks', added.id, patch, '1', 'alamat lengkap'), '--as', 'op-a');
      expect(edited).toMatchObject({
        address: 'Dusun Krajan',
        version: 2,
        categories: [expect.objectContaining({ category: 'penyandang_disabilitas' })],
      });
      const stale = await refused(...editArgs('ppks', added.id, patch, '1', 'lagi'));
      expect(stale.stderr).toContain('record.version_conflict');
      expect((await t.container.ppks.get(system, added.id)).version).toBe(2);

      const history = await json('ppks', 'history', added.id);
      expect(
        history.items.map(
          (v: {
            version: number;
            changeType: string;
            reason: string | null;
            changedByName: string | null;
          }) => [v.version, v.changeType, v.reason],
        ),
      ).toEqual([
        [2, 'update', 'alamat lengkap'],
        [1, 'create', null],
      ]);
      expect(history.items[0].changes).toContainEqual({
        field: 'address',
        before: null,
        after: 'Dusun Krajan',
      });
      const historyText = await run('ppks', 'history', added.id);
      expect(historyText.stdout).toMatch(/^v2 {2}update {2}\S+ {2}by \S+ {2}reason: alamat lengkap$/m);
      expect(historyText.stdout).toContain('    address: null → "Dusun Krajan"');
    });

    it('refuses an invalid file naming each field and reason, and writes nothing', async () => {
      const own = await addPpks(PLACES.villageA, { name: 'Painem' });
      const before = await allPpks();
      const badFile = file({ ...ppksInput(PLACES.villageA), name: '', colour: 'red', categories: [] });
      const bad = await refused('ppks', 'add', '--file', badFile, '--as', 'op-a');
      expect(bad.stderr).toContain('error name: required (request.required)');
      expect(bad.stderr).toContain('error colour: unknown field (request.unrecognized_keys)');
      expect(bad.stderr).toContain(
        'error categories: too short, too small or empty: at least 1 items (request.too_small)',
      );
      // Past the schema, the service's own rules (a known village inside the territory) answer the same way.
      const outside = await refused(
        'ppks',
        'add',
        '--file',
        file(ppksInput(PLACES.villageB)),
        '--as',
        'op-a',
      );
      expect(outside.stderr).toContain(
        'error regionCode: This village is outside your territory (territory.outside)',
      );
      const notJson = await refused('ppks', 'add', '--file', file('{"name": '));
      expect(notJson.stderr).toMatch(/error file: Not valid JSON: .+ \(file\.invalid_json\)/);
      const badPatch = await refused(
        'ppks',
        'edit',
        own.id,
        '--file',
        file({ sex: 'X' }),
        '--version',
        'two',
      );
      expect(badPatch.stderr).toMatch(
        /error version: wrong type: expected a number \(request\.invalid_type\)/,
      );
      expect(badPatch.stderr).toMatch(
        /error sex: value not allowed: allowed: M, F \(request\.invalid_value\)/,
      );
      expect(badPatch.stderr).toMatch(/error reason: .*\(request\.invalid_type\)/);
      expect(before).toContainEqual({ id: own.id, version: 1 });
      expect(await allPpks()).toEqual(before);
    });

    it("a village operator neither lists, shows, edits nor removes another village's record", async () => {
      const a = await addPpks(PLACES.villageA, { name: 'Tukinem' });
      const b = await addPpks(PLACES.villageB, { name: 'Warsini' });
      const listed = ids(await json('ppks', 'list', '--status', 'all', '--as', 'op-a'));
      expect(listed).toContain(a.id);
      expect(listed).not.toContain(b.id);
      expect(await json('ppks', 'list', '--q', 'warsini', '--as', 'op-a')).toEqual([]);
      expect(ids(await json('ppks', 'list', '--q', 'warsini', '--as', 'op-b'))).toEqual([b.id]);

      const absent = await run('ppks', 'show', '01a23af9-98af-73eb-b25c-1043bf56571f', '--as', 'op-a');
      const shown = await refused('ppks', 'show', b.id, '--as', 'op-a');
      expect(shown.stderr).toBe(absent.stderr);
      expect(shown.stderr).toContain('record.not_found');
      expect(shown.stdout).toBe('');
      const edit = await refused(...editArgs('ppks', b.id, file({ name: 'X' }), '1', 'coba'), '--as', 'op-a');
      expect(edit.stderr).toContain('record.not_found');
      const remove = await refused(...removeArgs('ppks', b.id, 'left_dtks', '1'), '--as', 'op-a');
      expect(remove.stderr).toContain('record.not_found');
      const history = await run('ppks', 'history', b.id, '--as', 'op-a');
      expect(history.stderr).toContain('record.not_found');
      expect(await t.container.ppks.get(system, b.id)).toMatchObject({
        name: 'Warsini',
        version: 1,
        status: 'active',
      });
      // Its own operator can.
      expect(await json('ppks', 'show', b.id, '--as', 'op-b')).toMatchObject({ id: b.id, name: 'Warsini' });
    });

    it('PSKS: adds, filters by kind, removes with a reason, and a list walks every page', async () => {
      const tksk = await json(
        'psks',
        'add',
        '--file',
        file({ kind: 'tksk', name: 'Slamet Riyadi', regionCode: PLACES.villageA, phone: '0812-3456-7890' }),
        '--as',
        'op-a',
      );
      expect(tksk).toMatchObject({ kind: 'tksk', isInstitution: false, phone: '+6281234567890', version: 1 });
      for (let i = 0; i < 204; i++) {
        await t.container.psks.create(system, {
          kind: 'karang_taruna',
          name: `Karang Taruna ${String(i).padStart(3, '0')}`,
          regionCode: PLACES.villageB,
        });
      }
      const all = await json('psks', 'list');
      expect(all).toHaveLength(205);
      expect(new Set(ids(all)).size).toBe(205);
      expect(ids(await json('psks', 'list', '--kind', 'tksk'))).toEqual([tksk.id]);
      expect(await json('psks', 'list', '--kind', 'karang_taruna', '--limit', '203')).toHaveLength(203);
      const text = await run('psks', 'list', '--kind', 'karang_taruna');
      expect(text.stdout.trim().split('\n')).toHaveLength(205); // the header and 204 rows
      expect(text.stderr).toContain('204 PSKS records');

      const removed = await json(
        ...removeArgs('psks', tksk.id, 'voluntary_withdrawal', '1'),
        '--note',
        'pindah kerja',
        '--as',
        'op-a',
      );
      expect(removed).toMatchObject({
        status: 'removed',
        removalReason: 'voluntary_withdrawal',
        removalNote: 'pindah kerja',
        version: 2,
      });
      expect(ids(await json('psks', 'list', '--status', 'removed'))).toEqual([tksk.id]);
      const again = await refused(...removeArgs('psks', tksk.id, 'voluntary_withdrawal', '2'));
      expect(again.stderr).toContain('psks.already_removed');
      const badReason = await run(...removeArgs('psks', all[1].id, 'bosan', '1'));
      expect(badReason.stderr).toContain('removal.invalid_reason');
    });
  });
}
