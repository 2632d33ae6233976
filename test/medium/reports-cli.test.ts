/**
 * `dtks reports list|show|close` against a SQLite file: the service's list for the user's territory, one
 * report by tracking number, closing it (the reporter then sees the outcome), and another village's operator
 * seeing nothing.
 *
 * Own process (`runDtks`: argv, exit code 0 as the shell sees it, stdout/stderr as pipes, --json and the plain
 * lines): the two first `reports list`. The rest run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — showing, territory, closing — is the commands' and service's, not
 * the process's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks reports (sqlite)', { timeout: 120_000 }, () => {
  let t: TestDb;
  let tracking = '';
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url });

  beforeAll(async () => {
    t = await openTestDb('sqlite', { publicChallenge: 'off' });
    await createUsers(t.container);
    ({ trackingNumber: tracking } = await t.container.reports.create(
      {
        reporter: { name: 'Siti', phone: '081200000001' },
        villageCode: PLACES.villageA,
        address: 'Dusun Krajan',
        category: 'aid_not_received',
        text: 'BPNT bulan November belum diterima.',
      },
      { channel: 'web', key: '198.51.100.1' },
    ));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('lists, shows and closes a report of the territory', async () => {
    const list = await spawned('reports', 'list', '--as', 'op-a', '--json');
    expect(list.code, list.stderr).toBe(0);
    const answer = JSON.parse(list.stdout);
    expect(answer.totals).toMatchObject({ all: 1, received: 1 });
    expect(answer.items[0].trackingNumber).toBe(tracking);
    const lines = await spawned('reports', 'list', '--as', 'op-a');
    expect(lines.stdout).toContain('1 reports: 1 received, 0 in progress, 0 closed; 0 overdue');
    expect(lines.stdout).toContain(tracking);

    const show = await dtks('reports', 'show', tracking, '--as', 'op-a');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('reporter: Siti 081200000001');
    expect(show.stdout).toContain('BPNT bulan November belum diterima.');

    const other = await dtks('reports', 'show', tracking, '--as', 'op-b');
    expect(other.code).not.toBe(0);
    expect((await dtks('reports', 'list', '--as', 'op-b', '--json')).stdout).toContain('"all": 0');

    const close = await dtks(
      'reports',
      'close',
      tracking,
      '--as',
      'op-a',
      '--outcome',
      'resolved',
      '--reply',
      'Sudah disalurkan.',
    );
    expect(close.code, close.stderr).toBe(0);
    expect(close.stdout).toContain(`${tracking} closed`);
    const seen = await t.container.reports.track(tracking, { channel: 'web', key: '198.51.100.2' });
    expect(seen).toMatchObject({ status: 'closed', outcome: 'resolved' });
    expect(seen.steps.at(-2)?.text).toBe('Sudah disalurkan.');
  });
});
