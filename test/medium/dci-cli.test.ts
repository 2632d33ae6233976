/**
 * `dtks dci` on the service the API uses.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2 as the shell sees them, stdout/stderr as pipes, JSON): the
 * first `partner add` and the refused one with bad scopes. The rest run the same command tree inside the
 * test's process (`runDtksInProcess`): what they prove — duplicates, fixtures, listing, revoking, the audit,
 * notifying — is the commands' and services', not the process's.
 */

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks dci (sqlite)', () => {
  let t: TestDb;
  let dir: string;
  // The conformance fixtures register the suite's callback server on 127.0.0.1 and localhost.
  const env = () => ({ DATA_DIR: dir, DCI_ALLOW_PRIVATE_CALLBACKS: '1' });
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: env() });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: env() });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-dci-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds partners (secret shown once), lists, revokes; refuses bad input; loads the suite fixtures twice alike', async () => {
    const jwk = join(dir, 'key.jwk');
    writeFileSync(jwk, JSON.stringify(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' })));
    const added = await spawned(
      'dci',
      'partner',
      'add',
      'bpjs',
      '--scopes',
      'dci.search,dci.subscribe',
      '--region',
      '33.07',
      '--callback-host',
      'dci.bpjs.example',
      '--jwk',
      jwk,
    );
    expect(added.code, added.stderr).toBe(0);
    const { clientId, clientSecret } = JSON.parse(added.stdout);
    expect(clientId).toBe('bpjs');
    expect(clientSecret.length).toBeGreaterThanOrEqual(24);
    const token = await t.container.dci.issueToken({
      grantType: 'client_credentials',
      clientId: 'bpjs',
      clientSecret,
    });
    expect(token.scope).toBe('dci.search dci.subscribe');

    const again = await dtks('dci', 'partner', 'add', 'bpjs');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('dci.partner_exists');
    const bad = await spawned('dci', 'partner', 'add', 'x2', '--scopes', 'dci.everything');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('scopes');

    const fixtures = await dtks('dci', 'fixtures');
    expect(fixtures.code, fixtures.stderr).toBe(0);
    expect(JSON.parse(fixtures.stdout)).toMatchObject({
      clientId: 'test-client',
      subscription: 'sub-test-001',
    });
    expect((await dtks('dci', 'fixtures')).code).toBe(0);
    const listed = JSON.parse((await dtks('dci', 'partner', 'list')).stdout).items;
    expect(listed.map((p: { clientId: string }) => p.clientId)).toEqual(['bpjs', 'test-client']);
    expect(listed[0]).toMatchObject({ regionCode: '33.07', signsMessages: true, revokedAt: null });

    expect((await dtks('dci', 'partner', 'revoke', 'bpjs')).code).toBe(0);
    await expect(
      t.container.dci.issueToken({ grantType: 'client_credentials', clientId: 'bpjs', clientSecret }),
    ).rejects.toMatchObject({ code: 'oauth.invalid_client' });
    // Audited as the machine operator (the admin API audits the user).
    const audit = await t.container.database.db
      .selectFrom('auditLog')
      .select(['action', 'actorUsername', 'entityType'])
      .where('action', 'like', 'dci.partner_%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['dci.partner_add', 'dci.partner_add', 'dci.partner_revoke']);
    expect(new Set(audit.map((a) => a.actorUsername))).toEqual(new Set(['system:dci']));
    const notified = await dtks('dci', 'notify');
    expect(notified.code, notified.stderr).toBe(0);
    expect(JSON.parse(notified.stdout)).toEqual({ subscriptions: 1, events: 0, failed: 0 });
  }, 240_000);
});
