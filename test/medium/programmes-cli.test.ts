/**
 * `dtks programme …` on the service the API uses.
 *
 * Own process (`runDtks`: argv, exit codes 2 and 0 as the shell sees them, stdout/stderr as pipes, JSON): the
 * refused upload and the first upload. The rest run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — duplicates, territory, publishing, listing — is the commands' and
 * services', not the process's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BPNT } from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { createUsers, PASSWORD } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks programme (sqlite)', () => {
  let t: TestDb;
  let dir: string;
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-programmes-'));
    await createUsers(t.container);
    await t.container.users.create(systemActor('test'), {
      username: 'prov',
      role: 'dinsos_prov',
      regionCode: '33',
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad file naming each JSON pointer, uploads, publishes, lists and shows', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...DEFAULT_BPNT, eligibility: { var: 'hasPool', op: '=', value: true } }),
    );
    const refused = await spawned('programme', 'upload', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('/eligibility/var');
    expect(refused.stderr).toContain('programme.unknown_variable');

    const good = join(dir, 'bpnt.json');
    writeFileSync(good, JSON.stringify(DEFAULT_BPNT));
    const up = await spawned('programme', 'upload', good);
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ code: 'BPNT', state: 'draft' });
    expect((await dtks('programme', 'upload', good)).stderr).toContain('programme.exists');
    expect((await dtks('programme', 'upload', '--default', 'PKH')).code).toBe(0);
    const foreign = await dtks('programme', 'publish', 'BPNT', 'BPNT-2026-1', '--as', 'prov');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('programme.outside_territory');
    const pub = await dtks('programme', 'publish', 'BPNT', 'BPNT-2026-1');
    expect(pub.code, pub.stderr).toBe(0);
    expect(JSON.parse(pub.stdout).state).toBe('published');

    const list = await dtks('programme', 'list', '--as', 'dinsos');
    expect(JSON.parse(list.stdout).items).toEqual([
      expect.objectContaining({ code: 'BPNT', currentVersion: 'BPNT-2026-1', door: 'pusdatin' }),
      expect.objectContaining({ code: 'PKH', currentVersion: null, latestState: 'draft' }),
    ]);
    const show = await dtks('programme', 'show', 'BPNT');
    expect(JSON.parse(show.stdout).current.document.benefit.amount).toBe(200_000);
    expect((await dtks('programme', 'show', 'KIP_KULIAH')).code).not.toBe(0);
  }, 240_000);
});
