/** `dtks dci` in its own process, on the service the API uses. */

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDtks } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks dci (sqlite, own process)', () => {
  let t: TestDb;
  let dir: string;
  // The conformance fixtures register the suite's callback server on 127.0.0.1 and localhost.
  const dtks = (...args: string[]) =>
    runDtks(args, { url: t.url, env: { DATA_DIR: dir, DCI_ALLOW_PRIVATE_CALLBACKS: '1' } });

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
    const added = await dtks(
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
    const bad = await dtks('dci', 'partner', 'add', 'x2', '--scopes', 'dci.everything');
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
