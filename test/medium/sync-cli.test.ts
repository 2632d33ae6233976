/**
 * `dtks sync working-set|apply` against a SQLite file: the territory's working set as NDJSON, changes applied
 * from the API's JSON shape and from NDJSON with a photo directory, a second run answering unchanged, and a
 * refused change giving exit code 3.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 3 as the shell sees them, stdout/stderr as pipes, JSON): the
 * first `sync working-set` and the mixed `sync apply`. The rest run the same command tree inside the test's
 * process (`runDtksInProcess`): what they prove — territory, applying, the replay — is the commands' and
 * service's, not the process's.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks sync (sqlite)', { timeout: 180_000 }, () => {
  let t: TestDb;
  let dir: string;
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url });
  const draft = (n: number) => ({
    id: newId(),
    kind: 'usulan.draft',
    targetId: newId(),
    baseVersion: 0,
    recordedAt: new Date().toISOString(),
    payload: {
      proposal: { kind: 'baru', household: makeHousehold(PLACES.villageA, n), reason: 'Belum terdaftar' },
      photos: [{ ref: 'foto1', name: 'depan.jpg' }],
    },
  });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const op = await actorFor(t.container, 'op-a');
    await t.container.households.create(op, { ...makeHousehold(PLACES.villageA, 1), reason: 'pendataan' });
    dir = await mkdtemp(join(tmpdir(), 'dtks-sync-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the working set as NDJSON, refusing a region outside the territory', async () => {
    const out = join(dir, 'ws.ndjson');
    const r = await spawned('sync', 'working-set', '--region', PLACES.villageA, '--out', out, '--as', 'op-a');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out, counts: { household: 1 } });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('meta');
    expect(lines.filter((l) => l.type === 'household')).toHaveLength(1);
    const outside = await dtks(
      'sync',
      'working-set',
      '--region',
      PLACES.villageB,
      '--out',
      join(dir, 'x'),
      '--as',
      'op-a',
    );
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toContain('record.not_found');
  });

  it('applies changes from a JSON body and from NDJSON with photos; a replay is unchanged; a refused change exits 3', async () => {
    const a = draft(2);
    const body = join(dir, 'changes.json');
    await writeFile(body, JSON.stringify({ changes: [a], files: { foto1: jpegFile().toString('base64') } }));
    const first = await dtks('sync', 'apply', body, '--as', 'op-a', '--json');
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      created: 1,
      rejected: 0,
      results: [{ status: 'created' }],
    });
    const again = await dtks('sync', 'apply', body, '--as', 'op-a', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, unchanged: 1 });

    const b = draft(3);
    const ndjson = join(dir, 'changes.ndjson');
    await writeFile(ndjson, `${JSON.stringify(b)}\n${JSON.stringify({ ...draft(4), targetId: 'nope' })}\n`);
    await writeFile(join(dir, 'foto1'), jpegFile());
    const mixed = await spawned('sync', 'apply', ndjson, '--photos', dir, '--as', 'op-a', '--json');
    expect(mixed.code).toBe(3);
    const answer = JSON.parse(mixed.stdout);
    expect(answer).toMatchObject({ created: 1, rejected: 1 });
    expect(answer.results[1].errors[0].field).toBe('targetId');
    const u = await t.container.usulan.get(await actorFor(t.container, 'op-a'), b.targetId);
    expect(u.attachments).toHaveLength(1);
  });
});
