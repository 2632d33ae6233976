/**
 * Review (not production): a bundle upload (a whole territory's personal data, up to 1 GiB) is removed
 * only when its job imports it or refuses it with an AppError. A job cancelled while queued leaves the
 * file in DATA_DIR/bundle-uploads for good (likewise a job that crashes MAX_ATTEMPTS times, a running job
 * cancelled at a checkpoint, or a process dying between the upload and the enqueue); nothing sweeps it.
 */
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepBundleUploads } from '../../src/modules/bundles/bundles.jobs.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { createUsers } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('bundle uploads of cancelled jobs', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it.each([
    ['cancelled while queued', 'cancelled'],
    ['refused (not a bundle)', 'failed'],
  ] as const)('a job %s leaves no upload behind', async (_how, state) => {
    const owner = await actorFor(t.container, 'dinsos');
    const { upload } = await t.container.bundles.receiveUpload(
      owner,
      Buffer.from('PK not a bundle'),
      1 << 20,
    );
    const job = await t.container.jobs.enqueue(owner, 'bundle.import', { source: 'x.siks', upload });
    if (state === 'cancelled') await t.container.jobs.cancel(owner, job.id);
    await new JobWorker(t.container.jobs).drain();
    expect((await t.container.jobs.get(owner, job.id)).state).toBe(state);
    expect(readdirSync(join(t.container.config.dataDir, 'bundle-uploads'))).toEqual([]);
  });

  it('the sweep removes old uploads no queued or running job names, and keeps the others', async () => {
    const owner = await actorFor(t.container, 'dinsos');
    const dir = join(t.container.config.dataDir, 'bundle-uploads');
    const orphan = await t.container.bundles.receiveUpload(owner, Buffer.from('orphan'), 1 << 20);
    const queued = await t.container.bundles.receiveUpload(owner, Buffer.from('queued'), 1 << 20);
    await t.container.jobs.enqueue(owner, 'bundle.import', { source: 'q.siks', upload: queued.upload });
    const fresh = await t.container.bundles.receiveUpload(owner, Buffer.from('fresh'), 1 << 20);
    const old = new Date(Date.now() - 3600_000);
    for (const u of [orphan, queued]) utimesSync(t.container.bundles.uploadPath(owner, u.upload), old, old);
    expect(await sweepBundleUploads(t.container.bundles, t.container.jobs, 60_000)).toEqual({ removed: 1 });
    expect(readdirSync(dir).sort()).toEqual(
      [queued, fresh].map((u) => `${owner.userId}-${u.upload}.siks`).sort(),
    );
  });
});
