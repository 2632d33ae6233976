/**
 * `dtks bundle` per the contract: export a territory's bundle, verify (exit 0 intact and
 * trusted; non-zero naming the part when tampered or untrusted), import --json with the five counts, and a
 * second import that changes nothing. Two installations: an online registry and an offline one.
 *
 * Own process (`runDtks`: argv, exit codes 0 and non-zero as the shell sees them, stdout/stderr as pipes,
 * JSON and text): the export, the untrusted verify, the trusted verify and the first import. The rest run the
 * same command tree inside the test's process (`runDtksInProcess`): what they prove — the key commands, the
 * repeat import, the tampered part, the revoked key — is the commands' and services', not the process's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks bundle export|verify|import|key (sqlite)', () => {
  let online: TestDb;
  let offline: TestDb;
  let dir: string;
  const onlineOpts = () => ({ url: online.url, env: { DATA_DIR: dirname(online.url) } });
  const offlineOpts = () => ({
    url: offline.url,
    env: { DATA_DIR: dirname(offline.url), INSTALLATION_MODE: 'offline' },
  });
  /** `dtks ARGS` on each installation, in this process. */
  const on = (...args: string[]) => runDtksInProcess(args, onlineOpts());
  const off = (...args: string[]) => runDtksInProcess(args, offlineOpts());
  /** `dtks ARGS` on each installation, as a process of its own. */
  const spawnedOn = (...args: string[]) => runDtks(args, onlineOpts());
  const spawnedOff = (...args: string[]) => runDtks(args, offlineOpts());

  beforeAll(async () => {
    online = await openTestDb('sqlite');
    offline = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-bundle-cli-'));
    await createUsers(online.container);
    for (const n of [1, 2])
      await online.container.households.create(systemActor('test'), makeHousehold(PLACES.villageA, n));
  });
  afterAll(async () => {
    await online?.cleanup();
    await offline?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports, refuses an untrusted bundle, verifies once trusted, imports idempotently, names a tampered part', async () => {
    const file = join(dir, 'ws.siks');
    const exported = await spawnedOn(
      'bundle',
      'export',
      '--region',
      PLACES.districtA,
      '--out',
      file,
      '--as',
      'camat-a',
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ kind: 'working-set', counts: { household: 2 } });

    const untrusted = await spawnedOff('bundle', 'verify', file);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/signature\.json/);
    expect(untrusted.stderr).toMatch(/bundle\.untrusted_key/);

    const key = await on('bundle', 'key', 'show');
    expect(key.code, key.stderr).toBe(0);
    const { publicKey, fingerprint } = JSON.parse(key.stdout) as { publicKey: string; fingerprint: string };
    const trusted = await off(
      'bundle',
      'key',
      'trust',
      '--name',
      'DTKS online',
      '--region',
      PLACES.regency,
      '--public-key',
      publicKey,
    );
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toMatchObject({ fingerprint, regionCode: PLACES.regency });

    const verified = await spawnedOff('bundle', 'verify', file);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/intact/);

    const first = await spawnedOff('bundle', 'import', file, '--json');
    expect(first.code, first.stderr).toBe(0);
    const counts = JSON.parse(first.stdout);
    expect(Object.keys(counts).sort()).toEqual(['conflicts', 'created', 'rejected', 'unchanged', 'updated']);
    expect(counts).toMatchObject({ created: 2, updated: 0, conflicts: 0, rejected: 0 });
    const second = JSON.parse((await off('bundle', 'import', file, '--json')).stdout);
    expect(second).toEqual({
      created: 0,
      updated: 0,
      unchanged: counts.unchanged + 2,
      conflicts: 0,
      rejected: 0,
    });

    // A byte flipped near the end of the file lands in the central directory or the signature part.
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"household"'));
    const flippedFile = join(dir, 'flipped.siks');
    const copy = Buffer.from(bytes);
    if (at >= 0) copy[at + 2] = copy[at + 2]! ^ 1;
    else copy[60] = copy[60]! ^ 1;
    writeFileSync(flippedFile, copy);
    const flipped = await off('bundle', 'verify', flippedFile);
    expect(flipped.code).not.toBe(0);
    expect(flipped.stderr).toMatch(/refused: /);

    const revoked = await off('bundle', 'key', 'revoke', fingerprint, '--reason', 'rotated');
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = await off('bundle', 'verify', file);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/bundle\.revoked_key/);
  }, 300_000);
});
