/**
 * An online registry and a kecamatan laptop (an offline installation, embedded SQLite) that trust each other
 * for district A, with the same test accounts on both sides (by username; their ids differ), and the .siks
 * bundles that travel between them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { EngineName } from '../../src/db/dialect.ts';
import type { BundleManifest } from '../../src/domain/bundles/manifest.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import type { ImportReport } from '../../src/modules/bundles/bundles.service.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES, testApp } from './app.ts';
import { actorFor } from './cycle.ts';
import { openTestDb, type TestDb } from './db.ts';

/** A laptop on its own: a fresh SQLite database of an offline installation, with the test accounts. */
export async function offlineLaptop(now: () => Date): Promise<TestDb> {
  const laptop = await openTestDb('sqlite', { now, installationMode: 'offline' });
  await createUsers(laptop.container);
  return laptop;
}

export interface OfflinePair {
  online: TestDb;
  laptop: TestDb;
  /** The online registry's HTTP app. */
  app: FastifyInstance;
  /** Where the bundles are written. */
  dir: string;
  /** Online actors: dinsos imports the laptop's field changes, camat-a exports its working set. */
  dinsos: Actor;
  camat: Actor;
  /** Exports the online working set of district A into `dir`; returns the file. */
  exportWorkingSet(name?: string): Promise<string>;
  /** Exports the laptop's field changes for district A (as its camat) into `dir`. */
  exportFieldChanges(name?: string): Promise<{ file: string; manifest: BundleManifest }>;
  /** Exports the online working set and imports it on the laptop. */
  carryWorkingSet(name?: string): Promise<ImportReport>;
  /** Exports the laptop's field changes and imports them online (as dinsos). */
  carryFieldChanges(name?: string): Promise<{ manifest: BundleManifest; report: ImportReport }>;
  close(): Promise<void>;
}

/**
 * Opens the pair — online on `engine`, the laptop always SQLite, both on the clock `now` — with `households`
 * households in village A created online (numbered from 1). Bundle files are named `ws-N.siks` / `fc-N.siks`
 * (one counter) unless a name is given.
 */
export async function offlinePair(
  engine: EngineName,
  options: { now: () => Date; households: number },
): Promise<OfflinePair> {
  const system = systemActor('test');
  const online = await openTestDb(engine, { now: options.now });
  let laptop: TestDb | undefined;
  let dir: string | undefined;
  let app: FastifyInstance | undefined;
  // Also what a setup that fails half-way leaves behind.
  const close = async () => {
    await app?.close();
    await online.cleanup();
    await laptop?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await createUsers(online.container);
    laptop = await offlineLaptop(options.now);
    dir = mkdtempSync(join(tmpdir(), 'dtks-offline-pair-'));
    const dinsos = await actorFor(online.container, 'dinsos');
    const camat = await actorFor(online.container, 'camat-a');
    await laptop.container.bundles.trustKey(system, {
      name: 'DTKS online',
      publicKey: online.container.bundles.installationKey().publicKey,
      regionCode: PLACES.regency,
    });
    await online.container.bundles.trustKey(dinsos, {
      name: 'Laptop Kecamatan A',
      publicKey: laptop.container.bundles.installationKey().publicKeyPem,
      regionCode: PLACES.districtA,
    });
    for (let no = 1; no <= options.households; no++)
      await online.container.households.create(system, makeHousehold(PLACES.villageA, no));
    app = await testApp(online.container);
    return pairOf({ online, laptop, app, dir, dinsos, camat, close });
  } catch (error) {
    await close();
    throw error;
  }
}

/** The bundles that travel between the two sides of an opened pair. */
function pairOf(
  opened: Pick<OfflinePair, 'online' | 'laptop' | 'app' | 'dir' | 'dinsos' | 'camat' | 'close'>,
): OfflinePair {
  const { online, laptop, dir, dinsos, camat } = opened;
  const system = systemActor('test');
  let n = 0;
  const exportWorkingSet = async (name = `ws-${++n}.siks`) => {
    const file = join(dir, name);
    await online.container.bundles.exportWorkingSet(camat, PLACES.districtA, file);
    return file;
  };
  const exportFieldChanges = async (name = `fc-${++n}.siks`) => {
    const file = join(dir, name);
    const manifest = await laptop.container.bundles.exportFieldChanges(
      await actorFor(laptop.container, 'camat-a'),
      { region: PLACES.districtA },
      file,
    );
    return { file, manifest };
  };
  return {
    ...opened,
    exportWorkingSet,
    exportFieldChanges,
    carryWorkingSet: async (name) => laptop.container.bundles.import(system, await exportWorkingSet(name)),
    carryFieldChanges: async (name) => {
      const { file, manifest } = await exportFieldChanges(name);
      return { manifest, report: await online.container.bundles.import(dinsos, file) };
    },
  };
}
