/** A field-changes .siks bundle for tests: one new proposal ("usulan baru") recorded by a village operator. */
import type { Container } from '../../src/container.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { PLACES } from '../support/app.ts';
import { makeHousehold } from './households.ts';

/** Signs, with `signer`'s installation key, a bundle of one `usulan.draft` by `recordedBy` into `file`. */
export async function oneProposalBundle(
  signer: Container,
  input: { recordedBy: string; recordedAt: Date; file: string },
): Promise<void> {
  async function* one() {
    yield {
      change: {
        id: newId(),
        kind: 'usulan.draft',
        targetId: newId(),
        baseVersion: 0,
        recordedAt: input.recordedAt.toISOString(),
        recordedBy: input.recordedBy,
        payload: {
          proposal: {
            kind: 'baru',
            household: makeHousehold(PLACES.villageA, 70),
            reason: 'Keluarga miskin',
          },
          photos: [],
        },
      },
      photos: [],
    };
  }
  await signer.bundles.exportFieldChanges(
    systemActor('test'),
    { region: PLACES.districtA, base: null, changes: one() },
    input.file,
  );
}
