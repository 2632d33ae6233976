import type { Kysely } from 'kysely';
import type { BeritaAcaraAcknowledgementRow, ChainSettingsRow, DB } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

/** A village's signed Berita Acara as the kecamatan sees it (the Musdes session it closes). */
export interface SignedBeritaAcara {
  id: string;
  period: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  heldOn: string | null;
  beritaAcaraId: string | null;
  signedScanId: string | null;
  version: number;
  updatedAt: string;
}

const SIGNED_COLUMNS = [
  'id',
  'period',
  'regencyCode',
  'districtCode',
  'villageCode',
  'heldOn',
  'beritaAcaraId',
  'signedScanId',
  'version',
  'updatedAt',
] as const;

/** The only place with the SQL of the kecamatan and province steps (settings, acknowledgements, comments). */
export class ChainRepository {
  settingsOf(db: Kysely<DB>, codes: string[]): Promise<ChainSettingsRow[]> {
    if (!codes.length) return Promise.resolve([]);
    return db.selectFrom('chainSettings').selectAll().where('regionCode', 'in', codes).execute();
  }

  async upsertSettings(db: Kysely<DB>, row: ChainSettingsRow): Promise<void> {
    const { regionCode, ...rest } = row;
    await db
      .insertInto('chainSettings')
      .values(row)
      .onConflict((oc) => oc.column('regionCode').doUpdateSet(rest))
      .execute();
  }

  /** Signed Musdes/Muskel sessions of a period under a region prefix (district or regency), by village. */
  signedSessions(
    db: Kysely<DB>,
    period: string,
    scope: { column: RegionColumn; value: string } | null,
  ): Promise<SignedBeritaAcara[]> {
    return db
      .selectFrom('musdesSessions')
      .select(SIGNED_COLUMNS)
      .where('period', '=', period)
      .where('state', '=', 'signed')
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .orderBy('villageCode')
      .execute();
  }

  /** The newest period with a signed Musdes/Muskel session under a region prefix, or undefined. */
  async newestSignedPeriod(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
  ): Promise<string | undefined> {
    const row = await db
      .selectFrom('musdesSessions')
      .select('period')
      .where('state', '=', 'signed')
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.period;
  }

  findSignedSession(db: Kysely<DB>, id: string): Promise<SignedBeritaAcara | undefined> {
    return db
      .selectFrom('musdesSessions')
      .select(SIGNED_COLUMNS)
      .where('id', '=', id)
      .where('state', '=', 'signed')
      .executeTakeFirst();
  }

  /** A returned Berita Acara goes back to the village: its session is closed again, to be signed anew. */
  async reopenForSigning(
    db: Kysely<DB>,
    id: string,
    version: number,
    stamp: { updatedAt: string; updatedBy: string | null },
  ): Promise<boolean> {
    const r = await db
      .updateTable('musdesSessions')
      .set({ state: 'closed', version: version + 1, ...stamp })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('state', '=', 'signed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Per regency, how many signed Berita Acara of a period under a region wait for the kecamatan: no decision
   * yet, or a decision on an earlier signature (another scan) — `acknowledgementState` as one count query.
   */
  async pendingAcknowledgementCounts(
    db: Kysely<DB>,
    period: string,
    scope: { column: RegionColumn; value: string } | null,
  ): Promise<{ regencyCode: string; count: number }[]> {
    const rows = await db
      .selectFrom('musdesSessions')
      .leftJoin('beritaAcaraAcknowledgements', 'beritaAcaraAcknowledgements.sessionId', 'musdesSessions.id')
      .select(['musdesSessions.regencyCode', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('musdesSessions.period', '=', period)
      .where('musdesSessions.state', '=', 'signed')
      .$if(scope !== null, (q) =>
        q.where(`musdesSessions.${scope!.column}` as 'musdesSessions.villageCode', '=', scope!.value),
      )
      .where((eb) =>
        eb.or([
          eb('beritaAcaraAcknowledgements.sessionId', 'is', null),
          eb.and([
            eb('beritaAcaraAcknowledgements.signedScanId', 'is', null),
            eb('musdesSessions.signedScanId', 'is not', null),
          ]),
          eb.and([
            eb('beritaAcaraAcknowledgements.signedScanId', 'is not', null),
            eb('musdesSessions.signedScanId', 'is', null),
          ]),
          eb('beritaAcaraAcknowledgements.signedScanId', '<>', eb.ref('musdesSessions.signedScanId')),
        ]),
      )
      .groupBy('musdesSessions.regencyCode')
      .execute();
    return rows.map((r) => ({ regencyCode: r.regencyCode, count: Number(r.n) }));
  }

  /** The kecamatan's latest decision on a session's Berita Acara, if any. */
  acknowledgementOf(db: Kysely<DB>, sessionId: string): Promise<BeritaAcaraAcknowledgementRow | undefined> {
    return db
      .selectFrom('beritaAcaraAcknowledgements')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
  }

  acknowledgements(
    db: Kysely<DB>,
    regencyCode: string,
    period: string,
  ): Promise<BeritaAcaraAcknowledgementRow[]> {
    return db
      .selectFrom('beritaAcaraAcknowledgements')
      .selectAll()
      .where('regencyCode', '=', regencyCode)
      .where('period', '=', period)
      .execute();
  }

  acknowledgementsOfSessions(db: Kysely<DB>, ids: string[]): Promise<BeritaAcaraAcknowledgementRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('beritaAcaraAcknowledgements').selectAll().where('sessionId', 'in', ids).execute();
  }

  /** The decisions of a period under a region (any level; '' or null: the nation). */
  acknowledgementsIn(
    db: Kysely<DB>,
    period: string,
    scope: { column: RegionColumn; value: string } | null,
  ): Promise<BeritaAcaraAcknowledgementRow[]> {
    return db
      .selectFrom('beritaAcaraAcknowledgements')
      .selectAll()
      .where('period', '=', period)
      .$if(scope !== null && scope.column !== 'provinceCode', (q) =>
        q.where(scope!.column as Exclude<RegionColumn, 'provinceCode'>, '=', scope!.value),
      )
      .$if(scope?.column === 'provinceCode', (q) => q.where('regencyCode', 'like', `${scope!.value}.%`))
      .execute();
  }

  /** Records a decision; false when another decision was stored since `previousVersion` was read. */
  async saveAcknowledgement(
    db: Kysely<DB>,
    row: BeritaAcaraAcknowledgementRow,
    previousVersion: number | null,
  ): Promise<boolean> {
    if (previousVersion === null) {
      await db.insertInto('beritaAcaraAcknowledgements').values(row).execute();
      return true;
    }
    const { sessionId, ...rest } = row;
    const r = await db
      .updateTable('beritaAcaraAcknowledgements')
      .set(rest)
      .where('sessionId', '=', sessionId)
      .where('version', '=', previousVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
